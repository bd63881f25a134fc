/**
 * The case being solved: the parameters of docs/model.md, "Parameters" and the derived constants every
 * other kernel file reads. Kept as module globals so the hot path passes no structures and
 * allocates nothing (WebAssembly and JavaScript alike).
 *
 * Units: everything per unit of daily imports (q0 divided out) and in units of 2^moneyExponent
 * USD, chosen per case so that the largest money quantity (P0, c, v, i P0, delta gdp0 / q0) lies
 * in [1, 2): z* depends on money only through ratios, and no intermediate can overflow or
 * underflow for any allowed magnitude (docs/numerics.md, "Scaling"). toUser() converts a result
 * back to USD (times q0).
 */
import { log2Floor, pow2, scaleByPow2, scaledProduct, scaledRatio } from "./scale";

/** Money is held in units of 2^moneyExponent USD (see the file comment). */
export let moneyExponent: i32 = 0;
/** A = P0 - P1 >= 0, the span of the inverse-demand curve above its floor (scaled USD/unit, see lnBenefitScale). */
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
/** gamma_G = delta gdp0 / q0 (0 without the GDP term): the GDP term per unit of imports (scaled USD/unit). */
export let gdpWeight: f64 = 0.0;
/**
 * priceSpan and gdpWeight are further divided by e^lnBenefitScale (a power of two), so that the
 * larger is in [1, 2); every benefit, slope and loss carries it back in its log factor.
 */
export let lnBenefitScale: f64 = 0.0;
/** kappa = c + v + i P0, the yearly holding cost per unit (scaled USD/unit/yr) = MC / q0. */
export let unitCost: f64 = 0.0;
/**
 * ln(unitCost), also when unitCost underflows to 0 in scaled units (kappa below 2^-1074 of the
 * largest money quantity); -Infinity when there is no holding cost at all.
 */
export let lnUnitCost: f64 = 0.0;
/** d = 1 with the GDP term on in the paper's form: MB(z) = +Infinity for every z < H (docs/numerics.md, "d = 1"). */
export let gdpPole: bool = false;
/** gdpLossForm code of the paper's GDP loss, delta gdp0 d min(z, t) / (H - d t). */
export const GDP_FORM_PAPER: i32 = 0;
/** gdpLossForm code of the linear GDP loss, delta gdp0 d min(z, t) / H (gdp-linear.ts). */
export const GDP_FORM_LINEAR: i32 = 1;
/** Whether the case uses the linear GDP loss form (docs/model.md, "A bounded GDP loss"). */
export let gdpLinear: bool = false;
/** ln p, the log of the yearly event probability (0 for the paper's p = 1); part of lnBenefitScale. */
export let lnEventProbability: f64 = 0.0;
// toUser's factor q0 2^moneyExponent, as a mantissa and an exponent (it may leave the double range).
let userMantissa: f64 = 0.0;
let userExponent: i32 = 0;
let userFactor: f64 = 0.0;
let userFactorExact: bool = false;

/**
 * Set the case. Arguments are the raw API parameters of docs/model.md, "Parameters"; `includeGdp` is 1
 * to add the GDP term and 0 to leave it out; `eventProbability` is p in (0, 1]; `gdpLossForm` is
 * GDP_FORM_PAPER or GDP_FORM_LINEAR. The caller has validated every value.
 */
export function setCase(
  p0: f64, p1: f64, elasticity: f64, lambda: f64, d: f64, q0: f64, delta: f64, gdp: f64,
  fixedCost: f64, variableCost: f64, interestRate: f64, h: f64, includeGdp: f64,
  eventProbability: f64, gdpLossForm: f64,
): void {
  // The money scale: the largest of P0 (>= P1), c, v, i P0 and gamma_G, as a power of two. Each
  // parameter's log2Floor (one Math.log) is taken once and reused by the scaled products below.
  const hasGdp: bool = includeGdp != 0.0 && delta > 0.0 && gdp > 0.0;
  const ePrice: i32 = log2Floor(p0);
  const eInterest: i32 = interestRate > 0.0 ? log2Floor(interestRate) : 0;
  const eDelta: i32 = hasGdp ? log2Floor(delta) : 0;
  const eGdp: i32 = hasGdp ? log2Floor(gdp) : 0;
  const eImports: i32 = log2Floor(q0);
  let e: i32 = ePrice;
  if (fixedCost > 0.0) e = larger(e, log2Floor(fixedCost));
  if (variableCost > 0.0) e = larger(e, log2Floor(variableCost));
  if (interestRate > 0.0) e = larger(e, eInterest + ePrice);
  if (hasGdp) e = larger(e, eDelta + eGdp - eImports);
  moneyExponent = e;
  priceSpan = scaleByPow2(p0, -e) - scaleByPow2(p1, -e);
  gdpWeight = hasGdp ? scaledRatio(delta, eDelta, gdp, eGdp, q0, eImports, e) : 0.0;
  // The benefit side once more to [1, 2): where the costs dominate (c = 1e300 against A = 35),
  // A and gamma_G would otherwise sit near 2^-1000 and E(z) ~ z MB(z) underflow with them.
  const top: f64 = priceSpan > gdpWeight ? priceSpan : gdpWeight;
  const eb: i32 = top > 0.0 ? log2Floor(top) : 0;
  priceSpan = scaleByPow2(priceSpan, -eb);
  gdpWeight = scaleByPow2(gdpWeight, -eb);
  // The event probability p multiplies every benefit, slope and loss (MB_p = p MB: with
  // probability 1 - p nothing is lost), so it joins their common log factor: exact for any p in
  // (0, 1] down to 5e-324, and ln 1 = 0 leaves the paper's case bit for bit as it was.
  lnEventProbability = Math.log(eventProbability);
  lnBenefitScale = <f64>eb * LN_2 + lnEventProbability;
  const interest: f64 = interestRate > 0.0 ? scaledProduct(interestRate, eInterest, p0, ePrice, e) : 0.0;
  unitCost = scaleByPow2(fixedCost, -e) + scaleByPow2(variableCost, -e) + interest;
  lnUnitCost = unitCost > 0.0 ? Math.log(unitCost) : lnTinyCost(fixedCost, variableCost, interestRate, p0, e);
  gdpLinear = <i32>gdpLossForm == GDP_FORM_LINEAR;
  gdpPole = hasGdp && d == 1.0 && !gdpLinear;
  userMantissa = scaleByPow2(q0, -eImports);
  userExponent = e + eImports;
  userFactorExact = userExponent > -1000 && userExponent < 1000;
  userFactor = userFactorExact ? userMantissa * pow2(userExponent) : 0.0;
  // -1/eps is exactly 10 for eps = -0.1 (1/0.1 rounds to 10); forms like pow(eps, -1) do not.
  exponent = -1.0 / elasticity;
  // m eps = -1 + r exactly, with r from an error-free product, so -1/eps = m - r/eps.
  exponentLow = -productPlusOne(exponent, elasticity) / elasticity;
  meanDisruption = lambda;
  importDependence = d;
  horizon = h;
  horizonRatio = h / lambda;
  // Exponential disruption law (docs/numerics.md, "Where the exponential disruption law is
  // assumed"): Z = lambda (1 - e^-x), with expm1: exact for x -> 0 (lambda >> H) and x -> infinity.
  lnNormaliser = Math.log(lambda) + Math.log(-Math.expm1(-horizonRatio));
}

function larger(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

/** ln 2. */
const LN_2: f64 = 0.6931471805599453;

/**
 * ln(kappa 2^-e) when kappa 2^-e underflows (the costs are below 2^-1074 of the largest money
 * quantity): each part's log, combined as max + ln(sum of e^(part - max)). -Infinity without costs.
 */
function lnTinyCost(c: f64, v: f64, i: f64, p0: f64, e: i32): f64 {
  const lc: f64 = c > 0.0 ? Math.log(c) : -Infinity;
  const lv: f64 = v > 0.0 ? Math.log(v) : -Infinity;
  const li: f64 = i > 0.0 ? Math.log(i) + Math.log(p0) : -Infinity;
  const top: f64 = Math.max(lc, Math.max(lv, li));
  if (top == -Infinity) return -Infinity;
  return top + Math.log(Math.exp(lc - top) + Math.exp(lv - top) + Math.exp(li - top)) - <f64>e * LN_2;
}

/** A money result x (scaled USD per unit of imports) in USD: x q0 2^moneyExponent (may overflow). */
export function toUser(x: f64): f64 {
  if (userFactorExact) return x * userFactor;
  return scaleByPow2(x * userMantissa, userExponent);
}

/**
 * The marginal cost MC = q0 kappa in USD/yr, also when kappa underflows in scaled units (then
 * from lnUnitCost; 0 only without holding costs).
 */
export function userCost(): f64 {
  if (unitCost > 0.0 || lnUnitCost == -Infinity) return toUser(unitCost);
  return Math.exp(lnUnitCost + Math.log(userMantissa) + <f64>userExponent * LN_2);
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
