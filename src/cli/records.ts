/**
 * Batch records: the file formats, reading one cell as a parameter value (numbers, booleans),
 * and spotting columns that look like a parameter but are not spelled as one.
 */
import { describeRange, PARAM_NAMES, readParameterText, toKernelValue, type ParamName } from "../params";
import { BOOLEAN_SPELLINGS, readBoolean, readNumber } from "../rules";
import { outOfDoubleRange, parseDecimal, UsageError } from "./args";

export type RecordFormat = "csv" | "ndjson";

/** The record format of a file, from its extension; `-` (stdin/stdout) takes `fallback`. */
export function recordFormat(path: string, flag: string, fallback?: RecordFormat): RecordFormat {
  if (path === "-" && fallback) return fallback;
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(ndjson|jsonl)$/i.test(path)) return "ndjson";
  throw new UsageError(`${flag} ${path}: the file must end in .csv or .ndjson${path === "-" ? " (for - give --format csv|ndjson)" : ""}`);
}

export const BOOLEAN_HELP = BOOLEAN_SPELLINGS;

/**
 * The value of one cell (CSV text or an NDJSON value) for parameter `name`, or an error message
 * that quotes the cell. Numbers are decimal only (the library's readNumber): `0x10`, `0b1`, `0o7`,
 * blanks and literals beyond the doubles are refused (Number() would read them as 16, 1, 7, 0 and
 * 0 or Infinity; JSON.parse reads 1e999 as Infinity); booleans by the library's readBoolean.
 */
export function cellValue(name: ParamName | "currentStock", cell: unknown): number | string {
  // JSON has no Infinity: an NDJSON literal beyond the doubles (1e999) is read as +-Infinity, and
  // must not pass as "no choke price".
  if (cell === Infinity || cell === -Infinity) {
    const allowed = name === "currentStock" ? "0 <= currentStock <= horizon (days)" : describeRange(name);
    return `invalid ${name}: a number beyond the range of a double (JSON reads it as ${String(cell)}); allowed: ${allowed}`;
  }
  if (name === "includeGdp") {
    if (cell === true || cell === 1) return 1;
    if (cell === false || cell === 0) return 0;
    const flag = typeof cell === "string" ? readBoolean(cell) : undefined;
    if (flag !== undefined) return flag ? 1 : 0;
    return `invalid includeGdp: ${quote(cell)} is not a boolean; allowed: ${BOOLEAN_HELP}`;
  }
  if (name === "gdpLossForm" || name === "chokePrice") {
    // A form's name or a choke price (a number, or "none" for no choke price; NDJSON null too).
    if (name === "chokePrice" && cell === null) return Infinity;
    const value = typeof cell === "string" ? readParameterText(name, cell) : name === "chokePrice" ? toKernelValue(name, cell) : NaN;
    if (value === value) return value;
    const what = name === "gdpLossForm" ? "not a GDP loss form" : "not a number or none";
    return `invalid ${name}: ${quote(cell)} is ${what}; allowed: ${describeRange(name)}`;
  }
  if (typeof cell === "number") return cell;
  const allowed = name === "currentStock" ? "0 <= currentStock <= horizon (days)" : describeRange(name);
  if (typeof cell === "string") {
    const value = readNumber(cell);
    if (value === value) return value;
    // A decimal that is no double (1e999, 1e-400) is said to be one, as for a flag.
    const read = parseDecimal(cell);
    if (read === read && outOfDoubleRange(cell.trim(), read)) {
      return `invalid ${name}: ${quote(cell)} is beyond the range of a double (it would be read as ${read}); allowed: ${allowed}`;
    }
  }
  return `invalid ${name}: ${quote(cell)} is not a number; allowed: ${allowed}`;
}

/** A cell as quoted in a message (long cells shortened; numbers as numbers, never JSON's null for Infinity). */
export function quote(cell: unknown): string {
  const text = typeof cell === "string" ? cell : typeof cell === "number" ? String(cell) : JSON.stringify(cell) ?? String(cell);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

/** Letters and digits only, lower case: `mean_disruption` and `MeanDisruption` match meanDisruption. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Edit distance (insert, delete, substitute) between two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The parameter (or `currentStock`) a column name looks like but does not spell exactly, or
 * undefined: equal after dropping case and non-alphanumerics, or within one edit per four letters.
 */
export function nearMiss(column: string): string | undefined {
  const names = [...PARAM_NAMES, "currentStock"];
  if (names.includes(column)) return undefined;
  const s = squash(column);
  if (s === "") return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = distance(s, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(s.length / 4)) ? best : undefined;
}

/**
 * Warnings for the columns (CSV header or NDJSON keys) that are not parameters: one line each,
 * with the parameter a near-miss looks like. With `strict`, a near-miss is a UsageError.
 */
export function columnWarnings(columns: readonly string[], strict: boolean, source: string): string[] {
  const known = new Set<string>([...PARAM_NAMES, "currentStock"]);
  const warnings: string[] = [];
  for (const column of columns) {
    if (known.has(column)) continue;
    const like = nearMiss(column);
    if (strict) {
      throw new UsageError(`${source}: column ${JSON.stringify(column)} is not a parameter (--strict refuses every other ` +
        `column); ${like ? `did you mean ${like}?` : `the columns it reads: ${[...known].join(", ")}`}`);
    }
    warnings.push(like
      ? `column ${JSON.stringify(column)} is not a parameter (copied through, not used); did you mean ${like}?`
      : `column ${JSON.stringify(column)} is not a parameter (copied through)`);
  }
  return warnings;
}
