/** Command-line parsing shared by every command: parameter flags named after the API. */
import { closeSync, openSync, readSync } from "node:fs";
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

/** A number flag (`--name value`), with an optional whole-number and lower-bound check. */
export function numberOption(name: string, text: unknown, options: { integer?: boolean; min?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === "string" && text.trim() !== "" ? Number(text) : NaN;
  const wanted = `${options.integer ? "a whole number" : "a number"}${options.min !== undefined ? ` >= ${options.min}` : ""}`;
  if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value)) || (options.min !== undefined && value < options.min)) {
    throw new UsageError(`invalid --${name}: ${JSON.stringify(text)}; allowed: ${wanted}`);
  }
  return value;
}

/** The most bytes `--params` reads: a parameter object is a few hundred. */
const MAX_PARAMS_BYTES = 1 << 20;

/** The text of a --params file, read at most MAX_PARAMS_BYTES (+1 to tell a longer one: /dev/zero ends here). */
function readParamsFile(file: string): string {
  const buffer = Buffer.alloc(MAX_PARAMS_BYTES + 1);
  let length = 0;
  try {
    const fd = openSync(file, "r");
    try {
      for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new UsageError(`cannot read --params ${file}: ${(error as Error).message}`);
  }
  if (length > MAX_PARAMS_BYTES) throw new UsageError(`--params ${file} is larger than ${MAX_PARAMS_BYTES} bytes; it should hold one small JSON object`);
  return buffer.toString("utf8", 0, length);
}

/**
 * Base parameters: `--params file.json` (an object of API parameters), then the parameter flags
 * over it. The library validates the merged set.
 */
export function baseFromFlags(values: Record<string, unknown>): Partial<Params> {
  let fromFile: Record<string, unknown> = {};
  const file = values.params;
  if (typeof file === "string") {
    const text = readParamsFile(file);
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      // Only where: JSON.parse's own message quotes the file's text, which may be anything.
      const at = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? text.length);
      const before = text.slice(0, at).split("\n");
      throw new UsageError(`--params ${file} is not valid JSON (at line ${before.length}, column ${before.at(-1)!.length + 1})`);
    }
    if (fromFile === null || typeof fromFile !== "object" || Array.isArray(fromFile)) {
      throw new UsageError(`--params ${file} must hold a JSON object of parameters`);
    }
  }
  return { ...(fromFile as Partial<Params>), ...paramsFromFlags(values) };
}
