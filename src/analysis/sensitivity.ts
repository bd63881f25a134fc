/** sensitivity(): z* as one parameter varies. */
import { solveBatch } from "../batch";
import type { RowError } from "../columns";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, ParameterError, resolveParams, type NumericParam, type Params } from "../params";
import type { SolveOptions } from "../solve";
import { STATUS_NAMES, type Status } from "../status";
import { scalarColumns } from "./base";

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
export function assertNumericName(name: string): asserts name is NumericParam {
  if (!PARAMETER_SPECS.some((s) => s.name === name)) {
    throw new ParameterError(
      `invalid parameter name ${JSON.stringify(name)}; allowed: ${PARAMETER_SPECS.map((s) => s.name).join(", ")}`, "name", name);
  }
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
  const v = Float64Array.from(values);
  const r = solveBatch({ ...scalarColumns(p), [name]: v }, options);
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
