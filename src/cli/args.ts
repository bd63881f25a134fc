/** Command-line parsing shared by every command: parameter flags named after the API. */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { PARAMETER_SPECS, type Params, describeRange } from "../params";
import { readNumber } from "../rules";

/** A usage error: printed with the command's hint, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** parseArgs options for every numeric parameter, --includeGdp and --no-gdp. */
export const PARAMETER_OPTIONS: NonNullable<ParseArgsConfig["options"]> = {
  ...Object.fromEntries(PARAMETER_SPECS.map((s) => [s.name, { type: "string" as const }])),
  includeGdp: { type: "string" },
  "no-gdp": { type: "boolean" },
  params: { type: "string" },
};

/** Lines describing the parameter flags, for --help. */
export function parameterHelp(): string {
  const rows = PARAMETER_SPECS.map(
    (s) => `  --${s.name.padEnd(17)} ${s.symbol.padEnd(7)} ${s.description} [${describeRange(s.name)}], base ${s.base}`,
  );
  rows.push(`  --includeGdp true|false    add the GDP term (base true); --no-gdp is short for --includeGdp false`);
  rows.push(`  --params file.json         base parameters from a JSON object (flags override it)`);
  return rows.join("\n");
}

/** Parse argv with `options`; unknown flags and (unless allowed) positionals are UsageErrors. */
export function parse(argv: string[], options: NonNullable<ParseArgsConfig["options"]>, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The parameters given as flags (validation of ranges is the library's). */
export function paramsFromFlags(values: Record<string, unknown>): Partial<Params> {
  const params: Record<string, unknown> = {};
  for (const s of PARAMETER_SPECS) {
    const text = values[s.name];
    if (typeof text !== "string") continue;
    const value = readNumber(text);
    if (Number.isNaN(value)) {
      throw new UsageError(`invalid --${s.name}: ${JSON.stringify(text)} is not a number; allowed: ${describeRange(s.name)}`);
    }
    params[s.name] = value;
  }
  if (values["no-gdp"] === true) params.includeGdp = false;
  const gdpText = values.includeGdp;
  if (typeof gdpText === "string") {
    if (gdpText !== "true" && gdpText !== "false") {
      throw new UsageError(`invalid --includeGdp: ${JSON.stringify(gdpText)}; allowed: true or false`);
    }
    if (values["no-gdp"] === true && gdpText === "true") throw new UsageError("--no-gdp contradicts --includeGdp true");
    params.includeGdp = gdpText === "true";
  }
  return params as Partial<Params>;
}

/** A number flag (`--name value`), with an optional whole-number and lower-bound check. */
export function numberOption(name: string, text: unknown, options: { integer?: boolean; min?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === "string" ? readNumber(text) : NaN;
  const wanted = `${options.integer ? "a whole number" : "a number"}${options.min !== undefined ? ` >= ${options.min}` : ""}`;
  if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value)) || (options.min !== undefined && value < options.min)) {
    throw new UsageError(`invalid --${name}: ${JSON.stringify(text)}; allowed: ${wanted}`);
  }
  return value;
}

/**
 * Base parameters: `--params file.json` (an object of API parameters), then the parameter flags
 * over it. The library validates the merged set.
 */
export function baseFromFlags(values: Record<string, unknown>): Partial<Params> {
  let fromFile: Record<string, unknown> = {};
  const file = values.params;
  if (typeof file === "string") {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read --params ${file}: ${(error as Error).message}`);
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`--params ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (fromFile === null || typeof fromFile !== "object" || Array.isArray(fromFile)) {
      throw new UsageError(`--params ${file} must hold a JSON object of parameters`);
    }
  }
  return { ...(fromFile as Partial<Params>), ...paramsFromFlags(values) };
}
