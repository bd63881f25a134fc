/** Row output in the formats every analysis command shares: csv, json, ndjson, table. */
import { UsageError } from "./args";
import { table } from "./format";

export type Format = "csv" | "json" | "ndjson" | "table";
export const FORMATS: readonly Format[] = ["csv", "json", "ndjson", "table"];

export type Cell = number | string | boolean | null;

/** The most rows `--format table` renders: it aligns columns over all rows, so it is built whole. */
export const MAX_TABLE_ROWS = 250_000;
export type Row = Record<string, Cell>;

/** The --format value (default `table`). */
export function formatFrom(value: unknown): Format {
  if (value === undefined) return "table";
  if (typeof value === "string" && (FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`invalid --format: ${JSON.stringify(value)}; allowed: ${FORMATS.join(", ")}`);
}

/** One cell of a CSV line: empty for null, quoted (RFC 4180) when it holds a quote, comma or line feed. */
export function csvCell(v: Cell): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV line for `values` (RFC 4180 quoting). */
export function csvLine(values: readonly Cell[]): string {
  return values.map(csvCell).join(",");
}

/** One row as an element of the array `render(json)` prints (2-space indent, one level in). */
export function jsonArrayItem(row: Row): string {
  return `  ${JSON.stringify(row, null, 2).replace(/\n/g, "\n  ")}`;
}

/**
 * Render rows with the given columns. `json` is an array unless `wrap` gives an object to put the
 * rows in (under `rows`); `table` appends `footer` lines.
 */
export function render(format: Format, columns: readonly string[], rows: readonly Row[], wrap?: Record<string, unknown>, footer: string[] = []): string {
  switch (format) {
    case "json":
      return JSON.stringify(wrap ? { ...wrap, rows } : rows, null, 2);
    case "ndjson":
      return rows.map((r) => JSON.stringify(r)).join("\n");
    case "csv":
      return [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c] ?? null)))].join("\n");
    case "table": {
      const cell = (v: Cell) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(8)) : v === null ? "" : String(v));
      const body = table([...columns], rows.map((r) => columns.map((c) => cell(r[c] ?? null))), columns.map((c) => typeof rows[0]?.[c] === "number"));
      return [body, ...footer].join("\n");
    }
  }
}
