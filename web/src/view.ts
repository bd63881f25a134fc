/**
 * One update of the page: everything shown for one parameter set (the solution, the 200-point
 * cost curve, the tornado over all parameters), computed in one go with the library.
 */
import { curve, solve, tornado, type CurveResult, type Params, type Solution, type TornadoResult } from "../../src/index";

export interface View {
  params: Params;
  solution: Solution;
  /** z* in units of the commodity (e.g. barrels): z* (days of imports) x imports (units/day). */
  zStarUnits: number;
  curve: CurveResult;
  tornado: TornadoResult;
  /** The current stock (days), when one is given. */
  stock: number | undefined;
}

/** Points on the cost curve and the MB/MC chart. */
export const CURVE_POINTS = 200;

/**
 * The last reserve on the charts (days): far enough past z* to show the minimum of S and past the
 * current stock, within the horizon.
 */
export function chartEnd(params: Params, zStar: number, stock: number | undefined): number {
  return Math.min(params.horizon, Math.max(2.5 * zStar, 1.3 * (stock ?? 0), 10));
}

/**
 * z* in units of the commodity. The library's solution carries it as `zStarUnits` in newer
 * versions; where it does not, it is z* x imports (days of imports times units per day), the
 * same product. The page computes it here only.
 */
export function zStarInUnits(solution: Solution, params: Params): number {
  const fromLibrary = (solution as Solution & { zStarUnits?: number }).zStarUnits;
  return fromLibrary ?? solution.zStar * params.imports;
}

/** Solve, the cost curve on (0, chartEnd] and the tornado (base +-50% per parameter). */
export function computeView(params: Params, stock: number | undefined): View {
  const solution = solve(params, stock === undefined ? {} : { currentStock: stock });
  const to = chartEnd(params, solution.zStar, stock);
  // S and MB diverge at z = 0 for some parameter sets, so the curve starts one step in.
  const c = curve(params, { from: to / CURVE_POINTS, to, points: CURVE_POINTS });
  return { params, solution, zStarUnits: zStarInUnits(solution, params), curve: c, tornado: tornado(params), stock };
}
