/** Number formatting for terminal output. */

/** A money or quantity figure with thousands separators, or "diverges" for Infinity. */
export function formatAmount(x: number): string {
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Math.abs(x) >= 1e15 || (x !== 0 && Math.abs(x) < 1e-3)) return x.toExponential(6);
  return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** A number of days, to `digits` decimals. */
export function formatDays(x: number, digits = 4): string {
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(6);
  return x.toFixed(digits);
}

/** A left-aligned table with a header row. */
export function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  // A loop, not Math.max(...cells): spreading 10^5 arguments overflows the call stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let k = 0; k < widths.length; k++) widths[k] = Math.max(widths[k]!, (r[k] ?? "").length);
  const line = (cells: string[]) =>
    cells.map((c, k) => (rightAligned[k] ? c.padStart(widths[k]!) : c.padEnd(widths[k]!))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
