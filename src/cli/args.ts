/** Command-line parsing shared by every command: parameter flags named after the API. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { PARAMETER_SPECS, type Params, describeRange } from "../params";

/** A usage error: printed with the command's hint, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** parseArgs options for every numeric parameter, --includeGdp and --no-gdp. */
export const PARAMETER_OPTIONS: NonNullable<ParseArgsConfig["options"]> = {
  ...Object.fromEntries(PARAMETER_SPECS.map((s) => [s.name, { type: "string" as const }])),
  includeGdp: { type: "string" },
  "no-gdp": { type: "boolean" },
};

/** Lines describing the parameter flags, for --help. */
export function parameterHelp(): string {
  const rows = PARAMETER_SPECS.map(
    (s) => `  --${s.name.padEnd(17)} ${s.symbol.padEnd(7)} ${s.description} [${describeRange(s.name)}], base ${s.base}`,
  );
  rows.push(`  --includeGdp true|false    add the GDP term (base true); --no-gdp is short for --includeGdp false`);
  return rows.join("\n");
}

/** Parse argv with `options`; unknown flags and stray positionals are UsageErrors. */
export function parse(argv: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
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
    const value = text.trim() === "" ? NaN : Number(text);
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
