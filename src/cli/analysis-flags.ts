/** Flags and flag values shared by the analysis commands (curve, sweep, tornado, mc, breakeven). */
import { statSync } from "node:fs";
import { dirname, extname } from "node:path";
import { PARAMETER_SPECS, type NumericParam } from "../params";
import { IoError, UsageError, outOfDoubleRange, parameterHelp, parseDecimal, systemReason } from "./args";
import { COMMON_OPTIONS, OUTPUT_HELP, OUTPUT_OPTIONS } from "./commands";

/** The chart module (Vega, ~1.8 MB) is loaded only when --plot asks for it. */
export const loadPlotting = () => import("./plot");

/** --format, --json, --plot, --backend and --help. */
export const FORMAT_OPTIONS = { ...COMMON_OPTIONS, ...OUTPUT_OPTIONS, plot: { type: "string" as const } };
export const FORMAT_HELP = `  --plot out.svg|out.png           also write a chart (the extension is the format; rendered
                                   without a browser, captioned with the parameters and version)
${OUTPUT_HELP}

Parameter flags (the base case; missing ones take the paper's values):
${parameterHelp()}`;

/** `name` as a numeric parameter, or a UsageError listing the allowed names. */
export function numericName(flag: string, name: string): NumericParam {
  if (!PARAMETER_SPECS.some((s) => s.name === name)) {
    throw new UsageError(`invalid ${flag}: unknown parameter ${JSON.stringify(name)}; allowed: ${PARAMETER_SPECS.map((s) => s.name).join(", ")}`);
  }
  return name as NumericParam;
}

/** Split `name=spec` (as in --vary, --range, --dist) into the parameter and the spec. */
export function splitAssignment(flag: string, text: string): [NumericParam, string] {
  const at = text.indexOf("=");
  if (at < 1) throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: expected name=value`);
  return [numericName(flag, text.slice(0, at)), text.slice(at + 1)];
}

/** The numbers in `parts` (pieces of the flag value `text`), or a UsageError naming the bad one. */
export function numbersIn(flag: string, text: string, parts: string[]): number[] {
  return parts.map((p) => {
    const v = parseDecimal(p);
    if (Number.isNaN(v)) throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: ${JSON.stringify(p)} is not a number`);
    // 1e999 and 1e-400 are decimals, but not doubles: never Infinity or a silent 0.
    if (outOfDoubleRange(p, v)) {
      throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: ${JSON.stringify(p)} is beyond the range of a double (it would be read as ${v})`);
    }
    return v;
  });
}

/** The chart formats of --plot, by file extension. */
export type ChartFormat = "svg" | "png";

/** The format of a --plot file from its extension (.svg or .png), or a UsageError. */
export function chartFormat(path: string): ChartFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".svg" || ext === ".png") return ext.slice(1) as ChartFormat;
  throw new UsageError(`invalid --plot ${JSON.stringify(path)}: the extension must be .svg or .png (it sets the format)`);
}

/**
 * The --plot path, checked before any work is done: a known extension and an existing directory
 * (UsageError or IoError otherwise). undefined without --plot.
 */
export function plotPath(values: Record<string, unknown>): string | undefined {
  const path = values.plot;
  if (typeof path !== "string") return undefined;
  chartFormat(path);
  const dir = dirname(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    throw new IoError(`cannot write --plot ${path}: directory ${dir}: ${systemReason(error)}`);
  }
  if (!isDirectory) throw new IoError(`cannot write --plot ${path}: ${dir} is not a directory`);
  return path;
}
