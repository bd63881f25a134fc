/** curve(): MB, MC and S over a grid of reserve sizes, with z* marked. */
import { getBackend } from "../backend/index";
import { resolveParams, toKernelInputs, type Params } from "../params";
import { checkInteger, checkStock, invalid } from "../rules";
import { checkSolveOptions } from "./base";
import { makeMeta, type Meta } from "../meta";
import { solve, type SolveOptions } from "../solve";
import type { Status } from "../status";

export interface CurveOptions extends SolveOptions {
  /** First reserve (days); default horizon / points. */
  from?: number;
  /** Last reserve (days); default horizon. */
  to?: number;
  /** Number of grid points, >= 2; default 200. */
  points?: number;
}

/** Most points curve() computes in one call (80 MB of results). */
export const MAX_CURVE_POINTS = 10_000_000;

export interface CurveResult {
  /** Reserve sizes (days), evenly spaced from `from` to `to`. */
  z: Float64Array;
  /** MB(z) (USD/yr per day). */
  marginalBenefit: Float64Array;
  /** MC (USD/yr per day), constant in z. */
  marginalCost: Float64Array;
  /** S(z) (USD/yr): the cost curve, minimised at z*. */
  totalCost: Float64Array;
  /** z* (days) and its status, to mark on the charts. */
  zStar: number;
  status: Status;
  /** S(z*) (USD/yr). */
  totalCostAtStar: number;
  meta: Meta;
}

/**
 * The cost curve S(z) and the MB/MC chart of one parameter set: MB(z), MC and S(z) at
 * `points` evenly spaced reserves in [from, to] (days), computed by one kernel call per chunk,
 * plus z*. Units as in Solution.
 */
export function curve(params: Partial<Params> = {}, options: CurveOptions = {}): CurveResult {
  const p = resolveParams(params);
  const o = checkSolveOptions(options);
  const points = checkInteger("points", o.points ?? 200, 2, MAX_CURVE_POINTS);
  const to = checkStock("to", o.to ?? p.horizon, p.horizon);
  const from = checkStock("from", o.from ?? p.horizon / points, to, `to = ${to}`);
  if (from === to) throw invalid("from", from, `0 <= from < to = ${to} (days)`);
  const backend = getBackend(o.backend);
  const z = new Float64Array(points);
  for (let k = 0; k < points; k++) z[k] = from + ((to - from) * k) / (points - 1);
  z[points - 1] = to;
  const out = [new Float64Array(points), new Float64Array(points), new Float64Array(points), new Float64Array(points)];
  backend.evaluate(toKernelInputs(p), z, out, 0, points);
  const s = solve(p, { backend: backend.name });
  return {
    z,
    marginalBenefit: out[0]!,
    marginalCost: out[1]!,
    totalCost: out[3]!,
    zStar: s.zStar,
    status: s.status,
    totalCostAtStar: s.totalCost,
    meta: makeMeta(backend.name, p),
  };
}
