/**
 * Batch input columns: parse, broadcast and validate them row by row without stopping at a bad
 * row. Each parameter maps to a Float64Array or number array (one value per row) or a single
 * value broadcast to every row; includeGdp may also be booleans.
 */
import type { Column } from "./backend/types";
import { checkColumns, type RowError } from "./column-rules";
import {
  BASE_PARAMS, PARAM_NAMES, ParameterError, toKernelValue, type GdpLossForm, type ParamName, type Params,
} from "./params";
import { checkOptions, invalid } from "./rules";
import { assumptionFields, isTemplate, unconfirmedError } from "./templates/types";

export type { RowError } from "./column-rules";

/**
 * One input column as users may give it: numbers (chokePrice Infinity for no choke price), booleans
 * for includeGdp, "paper"/"linear" (or their kernel codes 0/1) for gdpLossForm.
 */
export type ColumnInput =
  | Float64Array | readonly number[] | number | boolean | readonly boolean[] | GdpLossForm | readonly GdpLossForm[];

/** Columns keyed by API parameter name; missing names take the base values. */
export type BatchColumns = Partial<Record<ParamName, ColumnInput>>;

/** Parsed columns: the INPUT_COLUMNS kernel columns (the last: 1 = solve the row) and the rows' errors. */
export interface PreparedColumns {
  length: number;
  columns: Column[];
  errors: RowError[];
}

function toColumn(name: ParamName, input: ColumnInput): Column {
  if (typeof input === "number") return input;
  if (typeof input === "boolean") return input ? 1 : 0;
  if (typeof input === "string" && name === "gdpLossForm") return toKernelValue(name, input);
  if (input instanceof Float64Array) return input;
  if (Array.isArray(input)) {
    // Non-numbers become NaN here (booleans of includeGdp and forms of gdpLossForm their codes)
    // and are reported per row by the range check below.
    return Float64Array.from(input as readonly unknown[], (v) => typeof v === "number" ? v : toKernelValue(name, v));
  }
  throw invalid(name, input, "a Float64Array, an array of numbers or a single number (a column)");
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
      throw invalid(`column ${name}`, `${c.length} rows`, `${length} rows, as column ${first} (array columns share one length)`);
    }
  }
  return length === -1 ? 1 : length;
}

/**
 * Every parameter as a kernel column (typed array or broadcast number), missing names taken
 * from `base`, and the common length. Unknown names, mismatched lengths and a raw parameter
 * template (its assumptions listed, as resolveParams does) throw.
 */
export function normalizeColumns(input: BatchColumns, base: Readonly<Params> = BASE_PARAMS): { length: number; byName: Record<ParamName, Column> } {
  checkOptions("columns", input);
  // A parameter template (presets.templates) is taken through templateParams, as in resolveParams.
  if (isTemplate(input)) throw unconfirmedError(input, assumptionFields(input));
  for (const key of Object.keys(input)) {
    if (!(PARAM_NAMES as readonly string[]).includes(key)) {
      throw new ParameterError(`unknown parameter ${JSON.stringify(key)}; known parameters: ${PARAM_NAMES.join(", ")}`,
        key, (input as Record<string, unknown>)[key]);
    }
  }
  const byName = {} as Record<ParamName, Column>;
  for (const name of PARAM_NAMES) {
    const given = input[name];
    byName[name] = given === undefined ? toKernelValue(name, base[name]) : toColumn(name, given);
  }
  return { length: commonLength(byName), byName };
}

/**
 * Parse and validate batch columns. Unknown names and mismatched lengths throw; invalid values
 * mark their row (first invalid parameter's message, see ./column-rules.ts) and leave every
 * other row to be solved.
 */
export function prepareColumns(input: BatchColumns, base: Readonly<Params> = BASE_PARAMS): PreparedColumns {
  const { length, byName } = normalizeColumns(input, base);
  const columns = PARAM_NAMES.map((n) => byName[n] as Column);
  const { flags, errors } = checkColumns(byName, input, length);
  columns.push(flags);
  return { length, columns, errors };
}
