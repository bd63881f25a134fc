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
/** The rounding error of `exponent`: -1/elasticity = exponent + exponentLow exactly (to ~1e-32). */
export let exponentLow: f64 = 0.0;
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
  // m eps = -1 + r exactly, with r from an error-free product, so -1/eps = m - r/eps.
  exponentLow = -productPlusOne(exponent, elasticity) / elasticity;
  meanDisruption = lambda;
  importDependence = d;
  horizon = h;
  horizonRatio = h / lambda;
  // lambda (1 - e^-x) with expm1: exact for x -> 0 (lambda >> H) as well as x -> infinity.
  lnNormaliser = Math.log(lambda) + Math.log(-Math.expm1(-horizonRatio));
  gdpWeight = includeGdp != 0.0 ? (delta * gdp) / q0 : 0.0;
  unitCost = fixedCost + variableCost + interestRate * p0;
}

/** Veltkamp's splitting constant 2^27 + 1: splits a double into two 26-bit halves. */
const SPLITTER: f64 = 134217729.0;

/**
 * a b + 1 without rounding error in the product (Dekker's two-product, no FMA needed), for
 * a b ~ -1: the product's rounding error is recovered from the split halves and added after
 * the exact (Sterbenz) sum a b + 1.
 */
function productPlusOne(a: f64, b: f64): f64 {
  const p: f64 = a * b;
  const ca: f64 = SPLITTER * a;
  const aHi: f64 = ca - (ca - a);
  const aLo: f64 = a - aHi;
  const cb: f64 = SPLITTER * b;
  const bHi: f64 = cb - (cb - b);
  const bLo: f64 = b - bHi;
  const err: f64 = ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
  return (p + 1.0) + err;
}

/**
 * p = j + 1 - m to one rounding even when it is tiny (m within 1e-9 of an integer): j + 1 - m
 * is exact there (Sterbenz) and the rounding error of m is subtracted afterwards. Terms ~1/p
 * (E(0) as m -> 2) would otherwise inherit m's rounding, relatively 1e-16 / p.
 */
export function exponentGap(j: f64): f64 {
  return (j + 1.0 - exponent) - exponentLow;
}
