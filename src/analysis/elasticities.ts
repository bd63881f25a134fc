/** elasticities(): d(z*)/d(theta) and (theta/z*) d(z*)/d(theta) for every parameter. */
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, inRange, resolveParams, type NumericParam, type ParameterSpec, type Params } from "../params";
import { evaluate, solve, type SolveOptions } from "../solve";
import type { Status } from "../status";
import { beyondDoubles } from "../rules";
import { checkSolveOptions } from "./base";

export interface ElasticityRow {
  name: NumericParam;
  /** The parameter's value. */
  value: number;
  /**
   * d(z*)/d(theta) (days per unit of the parameter); at the z* = 0 corners (`zero`, `nearZero`) 0;
   * at the z* = H corners (`horizon`, `unbounded`) 1 for the horizon (z* = H moves with H) and 0
   * otherwise, except at `horizon` the costs, one-sided, -Infinity where z* leaves H vertically.
   */
  derivative: number;
  /** (theta / z*) d(z*)/d(theta) (dimensionless); 0 where z* = 0; 1 for the horizon at the z* = H corners. */
  elasticity: number;
}

export interface ElasticitiesResult {
  zStar: number;
  /** Status of z*: derivatives are those of the interior root, or of the corner (see ElasticityRow). */
  status: Status;
  rows: ElasticityRow[];
  meta: Meta;
}

/**
 * Steps of the finite differences, as a fraction of the distance r over which MB is analytic in
 * the parameter (see analyticRadius): with h = r/32 the eighth-order central difference's
 * truncation error is below (1/32)^8 9!/630 ~ 5e-10 relative even when r is exact, and rounding
 * is amplified only ~60 times (so the two backends agree to ~1e-14).
 */
const CENTRAL_STEPS_PER_RADIUS = 32;
/** One-sided (at a bound of the allowed range): sixth order, 6h = r/8. */
const ONE_SIDED_STEPS_PER_RADIUS = 48;
/** Eighth-order central first derivative: weights of f(x + k h) - f(x - k h), k = 1..4. */
const CENTRAL = [4 / 5, -1 / 5, 4 / 105, -1 / 280];
/** Sixth-order forward first derivative: weights of f(x + k h), k = 0..6. */
const FORWARD = [-49 / 20, 6, -15 / 2, 20 / 3, -15 / 4, 6 / 5, -1 / 6];

/**
 * The distance from the parameter's value within which MB(z*) is analytic in it, a safe scale for
 * the steps: d: the singularity of d/(H - d t) at d = 1 (and 0 below); lambda: 1/lambda is
 * singular at 0, and e^(-H/lambda) varies on lambda^2/H; epsilon: singular at 0, and (Q/H)^(1/epsilon) varies on the scale
 * |epsilon| / (m ln(H/z)); H: the domain [z, H] closes at H = z, and (Q/H)^-m varies on H/m.
 */
function analyticRadius(name: NumericParam, p: Readonly<Params>, z: number): number {
  const m = -1 / p.elasticity;
  switch (name) {
    case "importDependence":
      return Math.min(p.importDependence, 1 - p.importDependence);
    case "meanDisruption":
      // e^(-H/lambda) varies on lambda^2 / H in lambda (H/lambda = 100 happens: lambda = 0.65, H = 66).
      return p.meanDisruption / (2 + p.horizon / p.meanDisruption);
    case "elasticity":
      return -p.elasticity / (1 + m * (1 + Math.log(p.horizon / z)));
    case "price":
      // Below a choke price MB depends on P0 through Qc and (Pc - P0)/A: analytic while P1 < P0 < Pc.
      return Math.min(p.chokePrice - p.price, p.price > p.priceFloor ? p.price - p.priceFloor : p.price) / 2;
    case "priceFloor":
      return Math.min(p.price - p.priceFloor, p.priceFloor > 0 ? p.priceFloor : p.price) / 2;
    case "chokePrice":
      return (p.chokePrice - p.price) / 2;
    default:
      return Math.min(p.horizon - z, p.horizon / (1 + m));
  }
}

/**
 * Largest relative error of a difference step as represented in doubles (see slopeIn): beyond it
 * the step is a few ulps of the parameter and the difference says nothing (d = 1 - 2^-50, say).
 */
const STEP_RESOLUTION = 0.25;

/**
 * d(MB)/d(theta) at fixed z for a parameter MB depends on non-linearly (elasticity,
 * meanDisruption, horizon, importDependence): an eighth-order central difference with steps
 * scaled to analyticRadius, or a sixth-order one-sided one where the allowed range ends closer
 * than four steps (e.g. lambda = 0.1 exactly). Never steps outside the allowed range; a
 * ParameterError (beyond double precision) where the doubles cannot represent the step.
 */

function slopeIn(spec: ParameterSpec, p: Readonly<Params>, z: number, options: SolveOptions): number {
  const value = p[spec.name];
  const r = analyticRadius(spec.name, p, z);
  const mb = (theta: number) => evaluate(z, { ...p, [spec.name]: theta }, options).marginalBenefit;
  const fits = (x: number) => inRange(spec, x, p.price);
  // A step the doubles near `value` cannot represent (d within a few ulps of 1, say) would give a
  // silently wrong difference: refuse it as beyond double precision instead.
  const resolved = (step: number) => Math.abs(value + step - value - step) <= STEP_RESOLUTION * Math.abs(step);
  const unresolved = () => beyondDoubles(`d(z*)/d(${spec.name})`,
    `the difference steps near ${spec.name} = ${value} are below the spacing of doubles there`, p);
  let h = r / CENTRAL_STEPS_PER_RADIUS;
  if (fits(value - 4 * h) && fits(value + 4 * h)) {
    if (!resolved(h)) throw unresolved();
    let sum = 0;
    for (let k = 1; k <= 4; k++) sum += CENTRAL[k - 1]! * (mb(value + k * h) - mb(value - k * h));
    return sum / h;
  }
  h = r / ONE_SIDED_STEPS_PER_RADIUS;
  const dir = fits(value + 6 * h) ? 1 : -1;
  if (!resolved(dir * h)) throw unresolved();
  let sum = 0;
  for (let k = 0; k <= 6; k++) sum += FORWARD[k]! * mb(value + dir * k * h);
  return (dir * sum) / h;
}

/**
 * Step in ln z of logSlope: MB is analytic in ln z near a tiny z* (a power of 1/z times slowly
 * varying factors), so the central difference's error, ~ h^2/6 times the third derivative in ln z,
 * is about 1e-9 relative, while rounding adds ~ 1e-16/h = 1e-12.
 */
const LOG_STEP = 1e-4;

/** z MB'(z) = dMB/d(ln z) by a central difference in ln z (for z* where MB' overflows). */
function logSlope(z: number, mbAt: (change: Partial<Params>, at: number) => number): number {
  return (mbAt({}, z * Math.exp(LOG_STEP)) - mbAt({}, z * Math.exp(-LOG_STEP))) / (2 * LOG_STEP);
}

/**
 * The rows at a z* = H corner where z* = H whatever the other parameters (`unbounded`: d = 1 with
 * the GDP term): d(z*)/dH = 1 (elasticity (H / z*) 1 = 1) and every other derivative 0.
 */
function horizonRows(p: Readonly<Params>): ElasticityRow[] {
  return PARAMETER_SPECS.map((spec): ElasticityRow => {
    const moves = spec.name === "horizon" ? 1 : 0;
    return { name: spec.name, value: p[spec.name], derivative: moves, elasticity: moves };
  });
}

/**
 * The `horizon` corner: MC = q0 (c + v + i P0) = 0, so c = v = i = 0 and z* = H. z* stays at H
 * while MC stays 0, so d(z*)/dH = 1 (elasticity 1) and every other derivative is 0 except those of
 * the costs, which can only rise from 0: one-sided, z* leaves H as MB(z*) = MC: d(z*)/dc =
 * d(z*)/dv = q0 / MB'(H), d(z*)/di = q0 P0 / MB'(H), and -Infinity where MB'(H) = 0.
 */
function horizonCorner(p: Readonly<Params>, slope: number): ElasticityRow[] {
  return horizonRows(p).map((row): ElasticityRow => {
    const { name, value } = row;
    const cost = name === "fixedCost" || name === "variableCost" ? p.imports : name === "interestRate" ? p.imports * p.price : 0;
    if (cost === 0) return row;
    // MB'(H) = 0 (without the GDP term): z* leaves H with a vertical tangent, -Infinity exactly.
    const derivative = slope < 0 ? cost / slope : -Infinity;
    if (Number.isNaN(derivative) || derivative > 0) {
      throw beyondDoubles(`d(z*)/d(${name})`, `MB'(H) = ${slope}, q0 = ${p.imports}, P0 = ${p.price}`, p);
    }
    // The value is 0 at this corner, so the elasticity (theta / z*) dz*/dtheta is 0.
    return { name, value, derivative, elasticity: 0 };
  });
}

/**
 * Sensitivities of z* to every numeric parameter by the implicit function theorem
 * (docs/model.md, "Beyond the paper"): at an interior optimum g(z*, theta) = MB - MC = 0, so
 *   d(z*)/d(theta) = -(dg/dtheta) / MB'(z*),
 * with MB'(z*) the kernel's closed-form slope. dg/dtheta is analytic where MB is linear in the
 * parameter: MB = q0 (P0 - P1) B(z) + delta gdp0 G(z), MC = q0 (c + v + i P0), where
 * B = MB(no GDP term, P1 = 0) / (q0 P0) and G = MB(P1 = P0, delta = gdp0 = 1) are two kernel
 * evaluations at z*; so price, priceFloor, imports, gdpElasticity, gdp and the three costs are
 * exact. For elasticity, meanDisruption, horizon and importDependence (d only through the GDP
 * term), a finite difference with steps scaled to where MB stays analytic (slopeIn), which keeps
 * d(z*)/dd right as d -> 1 (1 - d far below any fixed step). At the `horizon` corner the cost
 * derivatives are one-sided and d(z*)/dH = 1 (horizonCorner); at the `unbounded` corner (z* = H)
 * d(z*)/dH = 1 and every other derivative is 0; at the z* = 0 corners (`zero`, `nearZero`) and
 * at `nearHorizon` (a root within rounding of H) every derivative is reported as 0.
 * Extensions (docs/model.md, "Rare events, a choke price, a bounded GDP loss"): MB is proportional
 * to eventProbability, so dg/dp = MB(z*)/p exactly; with a finite chokePrice, price, priceFloor and
 * chokePrice itself are differences (MB is no longer linear in P0, P1); no choke price (Infinity)
 * gives derivative and elasticity 0; the linear GDP form is proportional to d, so d is exact there.
 * Throws ParameterError for invalid parameters or options; for a valid base only where a
 * derivative does not fit in a double (MB' or dMB/dtheta overflowing at extreme magnitudes),
 * saying so; never returns NaN.
 */
export function elasticities(base: Partial<Params> = {}, options: SolveOptions = {}): ElasticitiesResult {
  const p = resolveParams(base);
  const o = checkSolveOptions(options);
  const s = solve(p, o);
  const z = s.zStar;
  const meta = makeMeta(s.backend, p);
  if (s.status === "horizon") return { zStar: z, status: s.status, rows: horizonCorner(p, s.slope), meta };
  if (s.status === "unbounded") return { zStar: z, status: s.status, rows: horizonRows(p), meta };
  if (s.status !== "interior" || z === 0 || !(s.slope < 0)) {
    const rows = PARAMETER_SPECS.map((spec): ElasticityRow => ({ name: spec.name, value: p[spec.name], derivative: 0, elasticity: 0 }));
    return { zStar: z, status: s.status, rows, meta };
  }
  const evaluateAt = (change: Partial<Params>, at = z) => evaluate(at, { ...p, ...change }, o).marginalBenefit;
  // q0 B: the consumer-surplus MB per USD of (P0 - P1).
  const qB = evaluateAt({ includeGdp: false, priceFloor: 0 }) / p.price;
  // G: the GDP MB per unit of delta gdp0 (0 without the GDP term, which also covers d = 1).
  const G = p.includeGdp ? evaluateAt({ priceFloor: p.price, gdpElasticity: 1, gdp: 1 }) : 0;
  const q0 = p.imports;
  // A finite choke price makes MB non-linear in P0 and P1 (through Qc and (Pc - P0)/(P0 - P1)):
  // those derivatives become differences, and imports uses the CP part of MB itself (still ~q0).
  const choked = p.chokePrice < Infinity;
  const unitCost = p.fixedCost + p.variableCost + p.interestRate * p.price;
  const dg = (spec: ParameterSpec): number => {
    switch (spec.name) {
      case "price": return choked ? slopeIn(spec, p, z, o) - q0 * p.interestRate : qB - q0 * p.interestRate;
      case "priceFloor": return choked ? slopeIn(spec, p, z, o) : -qB;
      case "imports": return choked ? evaluateAt({ includeGdp: false }) / q0 - unitCost : ((p.price - p.priceFloor) * qB) / q0 - unitCost;
      // MB is proportional to p: dMB/dp = MB(z*)/p exactly.
      case "eventProbability": return s.marginalBenefit / p.eventProbability;
      case "chokePrice": return slopeIn(spec, p, z, o);
      case "gdpElasticity": return p.gdp * G;
      case "gdp": return p.gdpElasticity * G;
      case "fixedCost": case "variableCost": return -q0;
      case "interestRate": return -q0 * p.price;
      case "importDependence":
        if (!(p.includeGdp && p.gdpElasticity * p.gdp > 0)) return 0;
        // The linear GDP form is proportional to d (also at d = 1, where no two-sided step fits).
        return p.gdpLossForm === "linear" ? (p.gdpElasticity * p.gdp * G) / p.importDependence : slopeIn(spec, p, z, o);
      default: return slopeIn(spec, p, z, o);
    }
  };
  // z MB'(z*), the slope in ln z: MB'(z*) itself overflows to -Infinity where z* is tiny (MB
  // grows like a power of 1/z near 0; z* = 1e-303 happens), while z MB' and the elasticity stay finite.
  // Near H (z e^h > H) there is no room for the difference: NaN, so that the rows say beyond doubles.
  const zSlope = Number.isFinite(s.slope) ? z * s.slope : z * Math.exp(LOG_STEP) <= p.horizon ? logSlope(z, evaluateAt) : NaN;
  const rows = PARAMETER_SPECS.map((spec): ElasticityRow => {
    const value = p[spec.name];
    // No choke price: moving it from Infinity changes nothing nearby.
    if (value === Infinity) return { name: spec.name, value, derivative: 0, elasticity: 0 };
    const g = dg(spec);
    const derivative = Number.isFinite(s.slope) ? -g / s.slope : (-g / zSlope) * z;
    const elasticity = Number.isFinite(s.slope) ? (value / z) * derivative : (-g / zSlope) * value;
    if (!Number.isFinite(derivative) || !Number.isFinite(elasticity)) {
      throw beyondDoubles(`d(z*)/d(${spec.name})`,
        `MB(z*) = ${s.marginalBenefit}, MC = ${s.marginalCost}, MB'(z*) = ${s.slope}, d(MB - MC)/d(${spec.name}) = ${g}`, p);
    }
    return { name: spec.name, value, derivative, elasticity };
  });
  return { zStar: z, status: s.status, rows, meta };
}
