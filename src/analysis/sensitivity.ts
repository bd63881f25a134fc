/** sensitivity(): z* as one parameter varies. */
import { solveBatch } from "../batch";
import type { RowError } from "../columns";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, resolveParams, type NumericParam, type Params } from "../params";
import { invalid } from "../rules";
import type { SolveOptions } from "../solve";
import { STATUS_NAMES, type Status } from "../status";
import { checkSolveOptions, scalarColumns } from "./base";

export interface SensitivityResult {
  name: NumericParam;
  values: Float64Array;
  /** z* (days) at each value; NaN where the value is invalid. */
  zStar: Float64Array;
  /** Status at each value (`invalid` where the value is out of range). */
  status: Status[];
  /** S(z*) (USD/yr) at each value. */
  totalCost: Float64Array;
  /** Invalid values: row = index into values. */
  errors: RowError[];
  meta: Meta;
}

/** Throw unless `name` is a numeric parameter. */
export function assertNumericName(name: unknown): asserts name is NumericParam {
  if (typeof name !== "string" || !PARAMETER_SPECS.some((s) => s.name === name)) {
    throw invalid("parameter name", name, PARAMETER_SPECS.map((s) => s.name).join(", "));
  }
}

/**
 * `values` for the parameter `name` as a Float64Array: an array or Float64Array of numbers
 * (out-of-range numbers are kept, and become invalid rows); anything else (a string, an object,
 * an array holding a non-number) is a ParameterError, never a column of NaN.
 */
export function numberList(name: string, values: unknown, at = name): Float64Array {
  if (values instanceof Float64Array) {
    if (values.length === 0) throw invalid(at, "[]", "a non-empty list of numbers");
    return Float64Array.from(values);
  }
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== "number")) {
    throw invalid(at, values, `a non-empty array or Float64Array of numbers (values of ${name})`);
  }
  return Float64Array.from(values as number[]);
}

/**
 * z*, status and total cost as the parameter `name` takes each of `values`, the others fixed
 * at `base` (merged over the paper's base case). One batch solve; invalid values are reported
 * per value, the others solved.
 */
export function sensitivity(
  base: Partial<Params>, name: NumericParam, values: readonly number[] | Float64Array, options: SolveOptions = {},
): SensitivityResult {
  assertNumericName(name);
  const p = resolveParams(base);
  const o = checkSolveOptions(options);
  const v = numberList(name, values, "values");
  const r = solveBatch({ ...scalarColumns(p), [name]: v }, o);
  return {
    name,
    values: v,
    zStar: r.zStar,
    status: Array.from(r.status, (code) => STATUS_NAMES[code] as Status),
    totalCost: r.totalCost,
    errors: r.errors,
    meta: makeMeta(r.backend, p),
  };
}
