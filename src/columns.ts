/**
 * Batch input columns: parse, broadcast and validate them row by row without stopping at a bad
 * row. Each parameter maps to a Float64Array or number array (one value per row) or a single
 * value broadcast to every row; includeGdp may also be booleans.
 */
import type { Column } from "./backend/types";
import {
  BASE_PARAMS, PARAMETER_SPECS, PARAM_NAMES, ParameterError, describeRange, inRange, type ParamName, type Params,
} from "./params";

/** One input column as users may give it. */
export type ColumnInput = Float64Array | readonly number[] | number | boolean | readonly boolean[];

/** Columns keyed by API parameter name; missing names take the base values. */
export type BatchColumns = Partial<Record<ParamName, ColumnInput>>;

/** An invalid batch row and why. */
export interface RowError {
  row: number;
  message: string;
}

/** Parsed columns: 14 kernel columns (the 14th: 1 = solve the row) and the rows' errors. */
export interface PreparedColumns {
  length: number;
  columns: Column[];
  errors: RowError[];
}

function toColumn(name: ParamName, input: ColumnInput): Column {
  if (typeof input === "number") return input;
  if (typeof input === "boolean") return input ? 1 : 0;
  if (input instanceof Float64Array) return input;
  if (Array.isArray(input)) {
    // Non-numbers become NaN here and are reported per row by the range check below.
    return Float64Array.from(input as readonly unknown[], (v) =>
      typeof v === "number" ? v : name === "includeGdp" && typeof v === "boolean" ? (v ? 1 : 0) : NaN);
  }
  throw new ParameterError(
    `invalid column ${name}: expected a Float64Array, an array of numbers or a single number`, name, input);
}

/** The common length of the array columns (1 if every column is a scalar). */
function commonLength(columns: Record<string, Column>): number {
  let length = -1;
  let first = "";
  for (const [name, c] of Object.entries(columns)) {
    if (typeof c === "number") continue;
    if (length === -1) {
      length = c.length;
      first = name;
    } else if (c.length !== length) {
      throw new ParameterError(
        `column ${name} has ${c.length} rows but ${first} has ${length}; every array column must have the same length`,
        name, c.length);
    }
  }
  return length === -1 ? 1 : length;
}

const valueAt = (c: Column, row: number): number => (typeof c === "number" ? c : (c[row] as number));

/**
 * Every parameter as a kernel column (typed array or broadcast number), missing names taken
 * from `base`, and the common length. Unknown names and mismatched lengths throw.
 */
export function normalizeColumns(input: BatchColumns, base: Readonly<Params> = BASE_PARAMS): { length: number; byName: Record<ParamName, Column> } {
  for (const key of Object.keys(input)) {
    if (!(PARAM_NAMES as readonly string[]).includes(key)) {
      throw new ParameterError(`unknown parameter ${JSON.stringify(key)}; known parameters: ${PARAM_NAMES.join(", ")}`,
        key, (input as Record<string, unknown>)[key]);
    }
  }
  const byName = {} as Record<ParamName, Column>;
  for (const name of PARAM_NAMES) {
    const given = input[name];
    byName[name] = given === undefined ? (name === "includeGdp" ? (base.includeGdp ? 1 : 0) : base[name]) : toColumn(name, given);
  }
  return { length: commonLength(byName), byName };
}

/**
 * Parse and validate batch columns. Unknown names and mismatched lengths throw; invalid values
 * mark their row (first invalid parameter's message) and leave every other row to be solved.
 */
export function prepareColumns(input: BatchColumns, base: Readonly<Params> = BASE_PARAMS): PreparedColumns {
  const { length, byName } = normalizeColumns(input, base);
  const columns = PARAM_NAMES.map((n) => byName[n] as Column);
  const errors: RowError[] = [];
  let flags: Float64Array | undefined;
  const price = byName.price as Column;
  const gdpFlag = byName.includeGdp as Column;
  // Scalar columns are checked once (priceFloor only when price is a scalar too); the per-row
  // loop then touches only the array columns.
  const perRow = PARAMETER_SPECS.filter((s) => {
    const c = byName[s.name] as Column;
    if (typeof c !== "number" || (s.name === "priceFloor" && typeof price !== "number")) return true;
    return !inRange(s, c, valueAt(price, 0));
  });
  for (let row = 0; row < length; row++) {
    let message: string | undefined;
    for (const s of perRow) {
      const value = valueAt(byName[s.name] as Column, row);
      const p = valueAt(price, row);
      if (!inRange(s, value, p)) {
        message = `invalid ${s.name}: got ${String(value)}; allowed: ${describeRange(s.name, p)}`;
        break;
      }
    }
    const g = valueAt(gdpFlag, row);
    if (message === undefined && g !== 0 && g !== 1) {
      message = `invalid includeGdp: got ${String(g)}; allowed: includeGdp must be true or false (1 or 0)`;
    }
    if (message !== undefined) {
      flags ??= new Float64Array(length).fill(1);
      flags[row] = 0;
      errors.push({ row, message });
    }
  }
  columns.push(flags ?? 1);
  return { length, columns, errors };
}
