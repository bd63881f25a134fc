/** Flags and flag values shared by the analysis commands (curve, sweep, tornado, mc, breakeven). */
import { PARAMETER_SPECS, type NumericParam } from "../params";
import { readNumber } from "../rules";
import { UsageError, parameterHelp } from "./args";
import { COMMON_OPTIONS } from "./commands";

/** The chart module (Vega, ~1.8 MB) is loaded only when --plot asks for it. */
export const loadPlotting = () => import("./plot");

/** --format, --plot, --backend, --json and --help. */
export const FORMAT_OPTIONS = { ...COMMON_OPTIONS, format: { type: "string" as const }, plot: { type: "string" as const } };
export const FORMAT_HELP = `  --format csv|json|ndjson|table   output format (default table)
  --plot out.svg                   also write a chart (SVG, rendered without a browser)
  --backend auto|wasm|js           kernel to run (default auto)
  -h, --help                       this help

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
    const v = readNumber(p);
    if (!Number.isFinite(v)) throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: ${JSON.stringify(p)} is not a number`);
    return v;
  });
}
