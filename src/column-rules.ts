/**
 * Batch validation, column by column: the rules of ./params.ts applied to whole columns with one
 * tight comparison loop per column (no per-row objects, no per-row strings), a message built
 * only for a row that fails. A row is reported once, for the first failing parameter in kernel
 * order (price before priceFloor), exactly as resolveParams would report that row alone.
 */
import type { Column } from "./backend/types";
import { PARAMETER_SPECS, describeRange, type ParamName } from "./params";
import { invalidMessage } from "./rules";

/** An invalid batch row and why. */
export interface RowError {
  row: number;
  message: string;
}

/** Validated columns: a solve flag per row (1 = solve, 0 = invalid) or 1 for all, and the errors by row. */
export interface ColumnCheck {
  flags: Float64Array | 1;
  errors: RowError[];
}

/** What row `row` of the user's column `raw` held (the original element, e.g. a string, for the message). */
function givenAt(raw: unknown, column: Column, row: number): unknown {
  if (Array.isArray(raw)) return raw[row];
  return typeof column === "number" ? column : column[row];
}

/**
 * Check every row of `byName` (kernel columns, scalars broadcast to `length` rows); `raw` holds
 * the columns as the user gave them, quoted in messages. Scalars are checked once.
 */
export function checkColumns(byName: Readonly<Record<ParamName, Column>>, raw: Readonly<Partial<Record<ParamName, unknown>>>, length: number): ColumnCheck {
  let messages: (string | undefined)[] | undefined;
  let flags: Float64Array | undefined;
  const fail = (row: number, message: string): void => {
    flags ??= new Float64Array(length).fill(1);
    messages ??= [];
    if (flags[row] === 0) return;
    flags[row] = 0;
    messages[row] = message;
  };
  const price = byName.price;
  for (const spec of PARAMETER_SPECS) {
    const c = byName[spec.name];
    if (spec.name === "chokePrice") {
      // price < chokePrice, Infinity allowed (no choke price); NaN fails the comparison.
      for (let row = 0; row < (typeof c === "number" && typeof price === "number" ? 1 : length); row++) {
        const v = typeof c === "number" ? c : c[row]!;
        const p = typeof price === "number" ? price : price[row]!;
        if (v > p) continue;
        const message = invalidMessage(spec.name, givenAt(raw[spec.name], c, row), describeRange(spec.name, p));
        if (typeof c === "number" && typeof price === "number") for (let r = 0; r < length; r++) fail(r, message);
        else fail(row, message);
      }
      continue;
    }
    const dependent = spec.name === "priceFloor";
    // Comparisons written so that NaN fails them; MAX_VALUE as the top also rejects Infinity.
    const lo = spec.min;
    const exclusive = !spec.minInclusive;
    const hi = spec.max === Infinity ? Number.MAX_VALUE : spec.max;
    if (typeof c === "number" && (!dependent || typeof price === "number")) {
      const top = dependent ? Math.min(price as number, Number.MAX_VALUE) : hi;
      if (exclusive ? c > lo && c <= top : c >= lo && c <= top) continue;
      const message = invalidMessage(spec.name, givenAt(raw[spec.name], c, 0), describeRange(spec.name, price as number));
      for (let row = 0; row < length; row++) fail(row, message);
      continue;
    }
    const bad = (row: number): void => {
      const p = typeof price === "number" ? price : price[row]!;
      fail(row, invalidMessage(spec.name, givenAt(raw[spec.name], c, row), describeRange(spec.name, p)));
    };
    if (dependent) {
      for (let row = 0; row < length; row++) {
        const v = typeof c === "number" ? c : c[row]!;
        const top = Math.min(typeof price === "number" ? price : price[row]!, Number.MAX_VALUE);
        if (!(v >= lo && v <= top)) bad(row);
      }
      continue;
    }
    // The hot case, one array column against constant bounds: one comparison pair per row.
    const values = c as Float64Array;
    if (exclusive) {
      for (let row = 0; row < length; row++) {
        const v = values[row]!;
        if (!(v > lo && v <= hi)) bad(row);
      }
    } else {
      for (let row = 0; row < length; row++) {
        const v = values[row]!;
        if (!(v >= lo && v <= hi)) bad(row);
      }
    }
  }
  const gdp = byName.includeGdp;
  const gdpRows = typeof gdp === "number" ? 1 : length;
  for (let row = 0; row < gdpRows; row++) {
    const g = typeof gdp === "number" ? gdp : gdp[row]!;
    if (g === 0 || g === 1) continue;
    const message = invalidMessage("includeGdp", givenAt(raw.includeGdp, gdp, row), "true or false (1 or 0)");
    if (typeof gdp === "number") for (let r = 0; r < length; r++) fail(r, message);
    else fail(row, message);
  }
  const form = byName.gdpLossForm;
  const formRows = typeof form === "number" ? 1 : length;
  for (let row = 0; row < formRows; row++) {
    const g = typeof form === "number" ? form : form[row]!;
    if (g === 0 || g === 1) continue;
    const message = invalidMessage("gdpLossForm", givenAt(raw.gdpLossForm, form, row), describeRange("gdpLossForm"));
    if (typeof form === "number") for (let r = 0; r < length; r++) fail(r, message);
    else fail(row, message);
  }
  if (flags === undefined || messages === undefined) return { flags: 1, errors: [] };
  const errors: RowError[] = [];
  for (let row = 0; row < length; row++) if (flags[row] === 0) errors.push({ row, message: messages[row]! });
  return { flags, errors };
}
