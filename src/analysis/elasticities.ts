/** elasticities(): d(z*)/d(theta) and (theta/z*) d(z*)/d(theta) for every parameter. */
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, resolveParams, type NumericParam, type Params } from "../params";
import { evaluate, solve, type SolveOptions } from "../solve";

export interface ElasticityRow {
  name: NumericParam;
  /** The parameter's value. */
  value: number;
  /** d(z*)/d(theta) (days per unit of the parameter); 0 at a corner (z* locally constant). */
  derivative: number;
  /** (theta / z*) d(z*)/d(theta) (dimensionless); 0 where z* = 0 or at a corner. */
  elasticity: number;
}

export interface ElasticitiesResult {
  zStar: number;
  rows: ElasticityRow[];
  meta: Meta;
}

/** Relative step for the partial derivatives: Richardson error ~ h^4 ~ 1e-16, rounding ~ eps/h ~ 1e-12. */
const RELATIVE_STEP = 1e-4;

/**
 * Sensitivities of z* to every numeric parameter by the implicit function theorem
 * (MODEL.md section 7): at an interior optimum g(z*, theta) = MB - MC = 0, so
 *   d(z*)/d(theta) = -(dg/dtheta) / MB'(z*).
 * MB'(z*) is the kernel's closed-form slope; dg/dtheta at fixed z* is a fourth-order
 * (Richardson) central difference of the kernel's MB - MC in theta, one-sided where the
 * allowed range ends within two steps. No re-solving: 4 evaluations per parameter.
 */
export function elasticities(base: Partial<Params> = {}, options: SolveOptions = {}): ElasticitiesResult {
  const p = resolveParams(base);
  const s = solve(p, options);
  const rows = PARAMETER_SPECS.map((spec): ElasticityRow => {
    const value = p[spec.name];
    if (s.status !== "interior" || s.zStar === 0) return { name: spec.name, value, derivative: 0, elasticity: 0 };
    const g = (theta: number) => {
      const e = evaluate(s.zStar, { ...p, [spec.name]: theta }, options);
      return e.marginalBenefit - e.marginalCost;
    };
    const h = RELATIVE_STEP * Math.max(Math.abs(value), spec.name === "priceFloor" ? p.price * 1e-3 : 1e-3);
    const upper = spec.name === "priceFloor" ? p.price : spec.max;
    const fits = (x: number) => (spec.minInclusive ? x >= spec.min : x > spec.min) && x <= upper;
    let dg: number;
    if (fits(value - 2 * h) && fits(value + 2 * h)) {
      dg = (8 * (g(value + h) - g(value - h)) - (g(value + 2 * h) - g(value - 2 * h))) / (12 * h);
    } else {
      // Fourth-order one-sided difference towards the open side of the range.
      const dir = fits(value + 4 * h) ? 1 : -1;
      const f = [0, 1, 2, 3, 4].map((k) => g(value + dir * k * h));
      dg = (dir * (-25 * f[0]! + 48 * f[1]! - 36 * f[2]! + 16 * f[3]! - 3 * f[4]!)) / (12 * h);
    }
    const derivative = -dg / s.slope;
    return { name: spec.name, value, derivative, elasticity: (value / s.zStar) * derivative };
  });
  return { zStar: s.zStar, rows, meta: makeMeta(s.backend, p) };
}
