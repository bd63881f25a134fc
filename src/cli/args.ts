/** Command-line parsing shared by every command: parameter flags named after the API. */
import { closeSync, openSync, readSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import { GDP_LOSS_FORMS, PARAMETER_SPECS, type Params, describeRange, readParameterText } from "../params";
import { BOOLEAN_SPELLINGS, DECIMAL, readBoolean } from "../rules";
import { TEMPLATE_HELP_LINES, applyTemplate } from "./template-flags";

/** A usage error: printed with the command's hint, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A file that cannot be read or written: the message names the flag, the path and the reason
 * (never the file's content). Printed without a stack trace, exit code 2.
 */
export class IoError extends Error {
  override name = "IoError";
}

/** The reason in a Node system error ("no such file or directory (ENOENT)"), without its path. */
export function systemReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const text = /^E[A-Z]+: ([^,]+)/.exec(e.message ?? "")?.[1] ?? e.message ?? String(error);
  return e.code ? `${text} (${e.code})` : text;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * The extensions' flags also in kebab case (--event-probability for --eventProbability): the
 * spelling of their issue; either is accepted, not both.
 */
const KEBAB_ALIASES: Readonly<Record<string, string>> = {
  "event-probability": "eventProbability",
  "choke-price": "chokePrice",
  "gdp-loss-form": "gdpLossForm",
};

/** parseArgs options for every numeric parameter, --includeGdp, --no-gdp, --gdpLossForm and --params. */
export const PARAMETER_OPTIONS: Options = {
  ...Object.fromEntries(PARAMETER_SPECS.map((s) => [s.name, { type: "string" as const }])),
  includeGdp: { type: "string" },
  "no-gdp": { type: "boolean" },
  gdpLossForm: { type: "string" },
  ...Object.fromEntries(Object.keys(KEBAB_ALIASES).map((alias) => [alias, { type: "string" as const }])),
  params: { type: "string" },
  template: { type: "string" },
  "accept-assumptions": { type: "boolean" },
};

/** The largest --params file read (bytes); a parameter file is a few hundred bytes. */
export const PARAMS_FILE_LIMIT = 1024 * 1024;

/** Lines describing the parameter flags, for --help. */
export function parameterHelp(): string {
  const rows = PARAMETER_SPECS.map(
    (s) => `  --${s.name.padEnd(17)} ${s.symbol.padEnd(7)} ${s.description} [${describeRange(s.name)}], base ${s.base}`,
  );
  rows.push(`  --includeGdp true|false    add the GDP term (base true); --no-gdp is short for --includeGdp false`);
  rows.push(`  --gdpLossForm paper|linear  GDP loss delta gdp0 d min(z,t)/(H - d t) (paper, base) or /H (linear, bounded at d = 1)`);
  rows.push(`  --chokePrice none          no choke price (base); --event-probability, --choke-price, --gdp-loss-form also work`);
  rows.push(`  --params file.json         base parameters from a JSON object, at most 1 MiB (flags override it)`);
  rows.push(`  Negative values work as typed: --elasticity -0.2 (or --elasticity=-0.2)`);
  rows.push(...TEMPLATE_HELP_LINES);
  return rows.join("\n");
}

/** A token that is a negative number ("-0.2", "-.5", "-1e3"): a flag's value, never a flag. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/**
 * parseArgs refuses `--flag -0.2` as ambiguous (the value starts with a dash). No flag of this CLI
 * starts with a digit, so a negative number after a flag that takes a value is that flag's value:
 * rewrite it as `--flag=-0.2`, which parseArgs reads unambiguously. Stops at `--`.
 */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") return out.concat(argv.slice(i));
    const next = argv[i + 1];
    const name = token.startsWith("--") && !token.includes("=") ? token.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${token}=${next}`);
      i++;
    } else {
      out.push(token);
    }
  }
  return out;
}

/**
 * Parse argv with `options`; unknown flags and (unless allowed) positionals are UsageErrors.
 * Where `options` has both `format` and `json`, `--json` is `--format json` (and contradicts any
 * other --format).
 */
export function parse(argv: string[], options: Options, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // parseArgs keeps the last of a repeated flag: a flag given twice with one value is refused instead.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option" || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.json === true && "format" in options) {
    if (values.format !== undefined && values.format !== "json") {
      throw new UsageError(`--json contradicts --format ${String(values.format)} (--json is short for --format json)`);
    }
    values.format = "json";
  }
  return parsed;
}

/** The number written in `text`, or NaN unless it is a plain decimal number. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
}

/**
 * Whether the decimal `text` lies outside the doubles: it overflows to ±Infinity, or it has a
 * nonzero digit before its exponent yet underflows to 0 ("1e-400").
 */
export function outOfDoubleRange(text: string, value: number): boolean {
  return !Number.isFinite(value) || (value === 0 && /[1-9]/.test(text.split(/[eE]/)[0]!));
}

/** The parameters given as flags (validation of ranges is the library's). */
export function paramsFromFlags(values: Record<string, unknown>): Partial<Params> {
  const params: Record<string, unknown> = {};
  for (const [alias, name] of Object.entries(KEBAB_ALIASES)) {
    if (values[alias] === undefined) continue;
    if (values[name] !== undefined) throw new UsageError(`--${alias} and --${name} are the same flag; give one`);
    values[name] = values[alias];
  }
  const form = values.gdpLossForm;
  if (typeof form === "string") {
    if (!(GDP_LOSS_FORMS as readonly string[]).includes(form.trim().toLowerCase())) {
      throw new UsageError(`invalid --gdpLossForm: ${JSON.stringify(form)}; allowed: ${describeRange("gdpLossForm")}`);
    }
    params.gdpLossForm = form.trim().toLowerCase();
  }
  for (const s of PARAMETER_SPECS) {
    const text = values[s.name];
    if (typeof text !== "string") continue;
    // "none" (any case) for no choke price.
    const none = s.name === "chokePrice" && readParameterText(s.name, text) === Infinity;
    if (none) {
      params[s.name] = Infinity;
      continue;
    }
    const value = parseDecimal(text);
    if (Number.isNaN(value)) {
      throw new UsageError(`invalid --${s.name}: ${JSON.stringify(text)} is not a number; allowed: ${describeRange(s.name)}`);
    }
    if (outOfDoubleRange(text, value)) {
      throw new UsageError(`invalid --${s.name}: ${JSON.stringify(text)} is beyond the range of a double (it would be read as ${value}); allowed: ${describeRange(s.name)}`);
    }
    params[s.name] = value;
  }
  if (values["no-gdp"] === true) params.includeGdp = false;
  const gdpText = values.includeGdp;
  if (typeof gdpText === "string") {
    // The same spellings as a CSV or NDJSON cell (the library's readBoolean).
    const flag = readBoolean(gdpText);
    if (flag === undefined) {
      throw new UsageError(`invalid --includeGdp: ${JSON.stringify(gdpText)}; allowed: ${BOOLEAN_SPELLINGS}`);
    }
    if (values["no-gdp"] === true && flag) throw new UsageError(`--no-gdp contradicts --includeGdp ${gdpText}`);
    params.includeGdp = flag;
  }
  return params as Partial<Params>;
}

/** A number flag (`--name value`), with an optional whole-number and lower-bound check. */
export function numberOption(name: string, text: unknown, options: { integer?: boolean; min?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === "string" ? parseDecimal(text) : NaN;
  const wanted = `${options.integer ? "a whole number" : "a number"}${options.min !== undefined ? ` >= ${options.min}` : ""}`;
  // Not a decimal (NaN), or beyond a double: refused like any value out of the allowed range.
  const notANumber = typeof text !== "string" || outOfDoubleRange(text, value);
  if (notANumber || (options.integer && !Number.isInteger(value)) || (options.min !== undefined && value < options.min)) {
    throw new UsageError(`invalid --${name}: ${JSON.stringify(text)}; allowed: ${wanted}`);
  }
  return value;
}

/** At most `limit` + 1 bytes of `path` (so that "too large" is detectable without reading it all). */
function readAtMost(flag: string, path: string, limit: number): Buffer {
  const buffer = Buffer.alloc(limit + 1);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new IoError(`cannot read ${flag} ${path}: ${systemReason(error)}`);
  }
  let size = 0;
  try {
    for (let n = 1; n > 0 && size < buffer.length; size += n) n = readSync(fd, buffer, size, buffer.length - size, null);
  } catch (error) {
    throw new IoError(`cannot read ${flag} ${path}: ${systemReason(error)}`);
  } finally {
    closeSync(fd);
  }
  return buffer.subarray(0, size);
}

/** "line L, column C: what was expected" for the first syntax error in `text` (not quoting it). */
function jsonErrorPlace(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return "not strict JSON";
  const before = text.slice(0, first.offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}: ${printParseErrorCode(first.error)}`;
}

/**
 * The JSON object of parameters in `path` (`--params`): at most PARAMS_FILE_LIMIT bytes, UTF-8
 * (a byte-order mark is skipped). Errors say what is wrong and where, never the file's content:
 * IoError when it cannot be read, UsageError when too large, not JSON or not an object.
 */
export function readParamsFile(path: string): Record<string, unknown> {
  const bytes = readAtMost("--params", path, PARAMS_FILE_LIMIT);
  if (bytes.length > PARAMS_FILE_LIMIT) {
    throw new UsageError(`--params ${path} is larger than 1 MiB (the limit for a parameter file)`);
  }
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--params ${path} is not JSON (${jsonErrorPlace(text)}); it must hold one JSON object of parameters`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`--params ${path} must hold a JSON object of parameters (it holds ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`})`);
  }
  // JSON has no Infinity: JSON.parse reads a literal beyond the doubles (1e999) as +-Infinity,
  // which must not pass as "no choke price" or reach a range check as a value nobody wrote.
  for (const [name, v] of Object.entries(value)) {
    if (v === Infinity || v === -Infinity) {
      const allowed = PARAMETER_SPECS.some((spec) => spec.name === name) ? describeRange(name as keyof Params) : "a finite number";
      throw new UsageError(`--params ${path}: ${name} is a number beyond the range of a double (JSON reads it as ${String(v)}); allowed: ${allowed}`);
    }
  }
  return value as Record<string, unknown>;
}

/**
 * The parameters given: `--params file.json` (an object of API parameters), then the parameter
 * flags over it (no template). JSON has no Infinity: a file's chokePrice may be null or "none"
 * (no choke price). gdpLossForm is read in any case, as the flag.
 */
export function givenFromFlags(values: Record<string, unknown>): Partial<Params> {
  const file = values.params;
  const fromFile = typeof file === "string" ? readParamsFile(file) : {};
  const choke = fromFile.chokePrice;
  if (choke === null || (typeof choke === "string" && readParameterText("chokePrice", choke) === Infinity)) fromFile.chokePrice = Infinity;
  // A form in any case and spacing, as --gdpLossForm and a batch cell take it.
  const form = fromFile.gdpLossForm;
  const code = typeof form === "string" ? readParameterText("gdpLossForm", form) : NaN;
  if (code === code) fromFile.gdpLossForm = GDP_LOSS_FORMS[code];
  return { ...(fromFile as Partial<Params>), ...paramsFromFlags(values) };
}

/**
 * Base parameters: `--template name` if given (its assumptions accepted with
 * --accept-assumptions), then `--params file.json`, then the parameter flags over it. The library
 * validates the merged set.
 */
export function baseFromFlags(values: Record<string, unknown>): Partial<Params> {
  return applyTemplate(values, givenFromFlags(values));
}
