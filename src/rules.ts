/**
 * The one place where bad input becomes an error: the ParameterError class and its cross-build
 * check, the one message format, the strict number parser for text (CSV cells, flags, form
 * fields), and the rules for every argument that is not a model parameter (stocks, counts,
 * seeds, backends, option objects). The model parameters' own rules are in ./params.ts and use
 * the same message format.
 *
 * Message format, everywhere: `invalid <name>: got <what was given>; allowed: <range> (<unit>)`,
 * where <what was given> is the original text or value (a string quoted, -0 as -0), never a
 * number it was turned into.
 */
import type { BackendChoice } from "./backend/types";

/**
 * The brand on every ParameterError, registered globally (Symbol.for), so that an error thrown by
 * the ESM build is recognised by the CJS build and back (two copies of the class, one symbol).
 */
const PARAMETER_ERROR_BRAND: unique symbol = Symbol.for("optimal-reserve.ParameterError") as never;

/** Thrown for a parameter or argument that is missing, of the wrong type, out of range, or unknown. */
export class ParameterError extends RangeError {
  readonly [PARAMETER_ERROR_BRAND] = true;

  constructor(
    message: string,
    /** The offending parameter or argument name (as given). */
    readonly parameter: string,
    /** The value given (the original text where the value came from text). */
    readonly value: unknown,
  ) {
    super(message);
    this.name = "ParameterError";
  }
}

/**
 * Whether `error` is a ParameterError from any copy of this package (its ESM and CJS builds, or
 * two installed versions): checks the global brand, not `instanceof`, which fails across copies.
 */
export function isParameterError(error: unknown): error is ParameterError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[PARAMETER_ERROR_BRAND] === true;
}

/** A number as written in messages: -0 stays -0, infinities spelled out. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** What was given, for a message: strings quoted as given, numbers as formatNumber, others as JSON. */
export function describeGiven(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return formatNumber(value);
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || typeof value === "symbol") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The one message format: `invalid <name>: got <given>; allowed: <allowed>`. */
export function invalidMessage(name: string, given: unknown, allowed: string): string {
  return `invalid ${String(name)}: got ${describeGiven(given)}; allowed: ${String(allowed)}`;
}

/** A ParameterError in the one message format. */
export function invalid(name: string, given: unknown, allowed: string): ParameterError {
  return new ParameterError(invalidMessage(name, given, allowed), name, given);
}

/**
 * Decimal and exponent forms only: optional sign, digits with an optional point (or a point and
 * digits), optional exponent. No hex (0x10), octal, binary, Infinity, NaN, separators or spaces
 * inside; surrounding spaces are trimmed.
 */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A decimal with a non-zero digit before any exponent (so 0e5, 0.000 and -0 are zeros). */
const NONZERO_DIGIT = /^[^eE]*[1-9]/;

/**
 * The number written in `text` in decimal or exponent form (`12`, `-0.5`, `1.25e-3`, `.5`), or
 * NaN for anything else: hex (`0x10`), `12abc`, empty, `Infinity`, and literals that overflow to
 * ±Infinity or underflow to 0 (`1e-400`, which would silently become 0). Allocation-free; for
 * CSV cells and flags, where the caller reports the original text (see parseNumber).
 */
export function readNumber(text: string): number {
  if (typeof text !== "string") return NaN;
  const t = text.trim();
  if (!DECIMAL.test(t)) return NaN;
  const x = Number(t);
  if (!Number.isFinite(x)) return NaN;
  if (x === 0 && NONZERO_DIGIT.test(t)) return NaN;
  return x;
}

/** Why readNumber refused `text` (for the message). */
function refusal(text: string): string {
  const t = text.trim();
  if (!DECIMAL.test(t)) return "a number in decimal or exponent form (e.g. 21, -0.1, 8.65e6)";
  return "a number in decimal or exponent form whose magnitude is 0 or between 5e-324 and 1.8e308";
}

/**
 * `text` as a number (see readNumber), or a ParameterError `invalid <name>: got "<text>"; allowed:
 * <allowed>` quoting the text as given. `allowed` defaults to what the parser accepts.
 */
export function parseNumber(name: string, text: string, allowed?: string): number {
  const x = readNumber(text);
  if (Number.isNaN(x)) throw invalid(name, text, allowed ?? refusal(String(text)));
  return x;
}

/** The boolean spellings readBoolean accepts, for messages. */
export const BOOLEAN_SPELLINGS = "true/false, yes/no, y/n, t/f, on/off, 1/0 (any case)";

/**
 * The usual boolean spellings (case-insensitive, surrounding blanks ignored; Excel writes TRUE and
 * FALSE): true/false, yes/no, y/n, t/f, on/off, 1/0; undefined otherwise.
 */
export function readBoolean(text: string): boolean | undefined {
  if (typeof text !== "string") return undefined;
  switch (text.trim().toLowerCase()) {
    case "true": case "t": case "yes": case "y": case "on": case "1":
      return true;
    case "false": case "f": case "no": case "n": case "off": case "0":
      return false;
    default:
      return undefined;
  }
}

/**
 * The error for allowed inputs whose answer does not fit in a double (e.g. a derivative of z*
 * when MB' overflows at 1e300-sized prices): says what overflowed and why, never NaN. `what`
 * names the quantity, `detail` the values behind it.
 */
export function beyondDoubles(what: string, detail: string, given: unknown): ParameterError {
  return new ParameterError(
    `invalid parameters: ${String(what)} is beyond double precision (${String(detail)}); allowed: magnitudes at which it is finite`, "params", given);
}

/** Throw unless `value` is a whole number in [min, max]. */
export function checkInteger(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number in [${min}, ${max}]`;
    throw invalid(name, value, range);
  }
  return value;
}

/** Throw unless `value` is a finite number in [min, max]; `unit` goes in parentheses. */
export function checkNumber(name: string, value: unknown, min: number, max: number, unit: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(name, value, `${formatNumber(min)} <= ${name} <= ${formatNumber(max)} (${unit})`);
  }
  return value;
}

/**
 * The one rule for a reserve held or asked about (currentStock of solve and monteCarlo, the stock
 * of breakEven, the z of evaluate): 0 <= stock <= H (days of imports). A reserve is a size on
 * the model's domain [0, H]: 0 is "no reserve" (its gain over z* may be +Infinity, which is the
 * answer, not an error), H is the whole horizon; anything beyond H is not a reserve the model
 * knows. `horizonName` says what H is in the message (e.g. "horizon = 365").
 */
export function checkStock(name: string, value: unknown, horizon: number, horizonName = `horizon = ${horizon}`): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > horizon) {
    throw invalid(name, value, `0 <= ${name} <= ${horizonName} (days)`);
  }
  return value;
}

/** Throw unless `value` is an options object (or undefined, which reads as {}). */
export function checkOptions<T extends object>(name: string, value: T | undefined | null): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(name, value, "an object (or nothing)");
  }
  return value;
}

/** Throw for the first key of an options object that is not in `known` (a misspelt option is never ignored). */
export function checkKnownOptions(options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ParameterError(`unknown option ${JSON.stringify(key)}; known options: ${known.join(", ")}`, key, (options as Record<string, unknown>)[key]);
    }
  }
}

/** Throw unless `value` is a backend choice. */
export function checkBackend(value: unknown): BackendChoice {
  if (value === undefined) return "auto";
  if (value !== "auto" && value !== "wasm" && value !== "js") throw invalid("backend", value, `"auto", "wasm", "js"`);
  return value;
}
