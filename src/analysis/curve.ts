/** curve(): MB, MC and S over a grid of reserve sizes, with z* marked. */
import { getBackend } from "../backend/index";
import { ParameterError, resolveParams, toKernelInputs, type Params } from "../params";
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
  const points = options.points ?? 200;
  if (!Number.isInteger(points) || points < 2 || points > 1e7) {
    throw new ParameterError(`invalid points: got ${points}; allowed: a whole number in [2, 10000000]`, "points", points);
  }
  const from = options.from ?? p.horizon / points;
  const to = options.to ?? p.horizon;
  if (!(Number.isFinite(from) && Number.isFinite(to) && from >= 0 && from < to && to <= p.horizon)) {
    throw new ParameterError(
      `invalid curve range: from ${from}, to ${to}; allowed: 0 <= from < to <= horizon = ${p.horizon} (days)`, "from", from);
  }
  const backend = getBackend(options.backend);
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
