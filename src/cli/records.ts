/** Batch records: CSV or NDJSON rows of parameters in, rows with results out. */
import { PARAM_NAMES } from "../params";
import { readBoolean, readNumber } from "../rules";
import { UsageError } from "./args";
import { csvLine, type Cell } from "./output";

export type RecordFormat = "csv" | "ndjson";

/** The record format of a file, from its extension. */
export function recordFormat(path: string, flag: string): RecordFormat {
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(ndjson|jsonl)$/i.test(path)) return "ndjson";
  throw new UsageError(`${flag} ${path}: the file must end in .csv or .ndjson`);
}

/** Split one CSV line (RFC 4180 quotes). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

/** A parsed input record: its original fields (written back out) and its parameter values. */
export interface InputRecord {
  fields: Record<string, Cell>;
  /** Parameter values by name (NaN where unparsable: the row becomes invalid, not a crash). */
  params: Record<string, number>;
}

function toNumber(name: string, v: unknown): number {
  if (name === "includeGdp") {
    const b = typeof v === "string" ? readBoolean(v) : v === true || v === 1 ? true : v === false || v === 0 ? false : undefined;
    return b === undefined ? NaN : b ? 1 : 0;
  }
  if (typeof v === "number") return v;
  return typeof v === "string" ? readNumber(v) : NaN;
}

/** Parse one data line given the CSV header (ignored for NDJSON). Unknown columns pass through. */
export function parseRecord(format: RecordFormat, line: string, header: string[]): InputRecord {
  let fields: Record<string, Cell>;
  if (format === "csv") {
    const cells = splitCsv(line);
    fields = Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ""]));
  } else {
    try {
      const parsed: unknown = JSON.parse(line);
      fields = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, Cell>) : {};
    } catch {
      fields = {};
    }
  }
  const params: Record<string, number> = {};
  for (const name of PARAM_NAMES) if (name in fields) params[name] = toNumber(name, fields[name]);
  return { fields, params };
}

/** Serialise one output record in `format` with `columns` (CSV) or as an object (NDJSON). */
export function formatRecord(format: RecordFormat, columns: readonly string[], record: Record<string, Cell>): string {
  return format === "csv" ? csvLine(columns.map((c) => record[c] ?? null)) : JSON.stringify(record);
}
