/**
 * The case being solved: the parameters of MODEL.md section 2 and the derived constants every
 * other kernel file reads. Kept as module globals so the hot path passes no structures and
 * allocates nothing (WebAssembly and JavaScript alike).
 *
 * Units: everything per unit of daily imports (q0 divided out), so marginal benefit and cost
 * are in USD per unit per year and S(z) in USD-days per unit; the caller multiplies by q0.
 */

/** P0, price before the disruption (USD/unit). */
export let price: f64 = 0.0;
/** A = P0 - P1 >= 0, the span of the inverse-demand curve above its floor (USD/unit). */
export let priceSpan: f64 = 0.0;
/** m = -1/elasticity > 0, the inverse-demand exponent: P(Q) = P1 + A (Q/H)^-m. */
export let exponent: f64 = 0.0;
/** lambda, mean disruption size (days). */
export let meanDisruption: f64 = 0.0;
/** d, import dependence (share of consumption imported). */
export let importDependence: f64 = 0.0;
/** H, the decision horizon (days). */
export let horizon: f64 = 0.0;
/** x = H / lambda: how many mean disruptions fit in the horizon. */
export let horizonRatio: f64 = 0.0;
/** ln Z with Z = lambda (1 - e^-x), the normaliser of the truncated exponential (days). */
export let lnNormaliser: f64 = 0.0;
/** gamma_G = delta gdp0 / q0 (0 without the GDP term): the GDP term per unit of imports (USD/unit). */
export let gdpWeight: f64 = 0.0;
/** kappa = c + v + i P0, the yearly holding cost per unit (USD/unit/yr) = MC / q0. */
export let unitCost: f64 = 0.0;

/**
 * Set the case. Arguments are the raw API parameters of MODEL.md section 2; `includeGdp` is 1
 * to add the GDP term and 0 to leave it out. The caller has validated every value.
 */
export function setCase(
  p0: f64, p1: f64, elasticity: f64, lambda: f64, d: f64, q0: f64, delta: f64, gdp: f64,
  fixedCost: f64, variableCost: f64, interestRate: f64, h: f64, includeGdp: f64,
): void {
  price = p0;
  priceSpan = p0 - p1;
  // -1/eps is exactly 10 for eps = -0.1 (1/0.1 rounds to 10); forms like pow(eps, -1) do not.
  exponent = -1.0 / elasticity;
  meanDisruption = lambda;
  importDependence = d;
  horizon = h;
  horizonRatio = h / lambda;
  // lambda (1 - e^-x) with expm1: exact for x -> 0 (lambda >> H) as well as x -> infinity.
  lnNormaliser = Math.log(lambda) + Math.log(-Math.expm1(-horizonRatio));
  gdpWeight = includeGdp != 0.0 ? (delta * gdp) / q0 : 0.0;
  unitCost = fixedCost + variableCost + interestRate * p0;
}
