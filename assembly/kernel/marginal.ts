/**
 * Marginal benefit MB(z), its slope MB'(z) and the expected uncovered loss E(z) at one reserve
 * size, per unit of imports (docs/model.md, "Equations"). Every quantity shares the factor
 * e^(-z/lambda) / Z; it is kept in log form (lnFactor) because it underflows for z >> lambda
 * while the solver still needs ln MB there:
 *
 *   MB/q0  = e^lnFactor * benefit      (USD/unit/yr per day of reserve)
 *   MB'/q0 = e^lnFactor * slope        (USD/unit/yr per day^2)
 *   E/q0   = e^lnLossFactor * loss     (USD/unit/yr x days: S(z) - C(z))
 * (lnLossFactor = lnFactor except at subnormal-sized reserves, see consumer.ts cpDScale).
 */
import {
  exponent, gdpLinear, gdpPole, gdpWeight, horizon, importDependence, lnBenefitScale, lnNormaliser, meanDisruption,
  priceSpan,
} from "./model";
import {
  clearConsumerIntegrals, consumerIntegrals, consumerIntegralsAtZero, cpB, cpD, cpDScale, cpDeltaD, cpP, cpScale,
} from "./consumer";
import { GL_HALF, glNode, glWeight } from "./gauss";
import { clearGdpIntegrals, gdpD, gdpDE, gdpIntegrals } from "./gdp";
import { chokeActive, chokeB, chokeD, chokeIntegrals, chokeP, chokeReserve, chokeScale } from "./choke";
import { linearGdpSlope } from "./gdp-linear";

/** MB e^-lnFactor / q0. */
export let benefit: f64 = 0.0;
/** MB' e^-lnFactor / q0. */
export let slope: f64 = 0.0;
/** E e^-lnFactor / q0. */
export let loss: f64 = 0.0;
/** ln of the common factor e^(-z/lambda) / Z, including the series scale. */
export let lnFactor: f64 = 0.0;
/** The same for loss (its own series scale). */
export let lnLossFactor: f64 = 0.0;

// The CP integrals of the current evaluation: consumer.ts's, or choke.ts's below the choke reserve.
let curB: f64 = 0.0;
let curP: f64 = 0.0;
let curD: f64 = 0.0;
let curScale: f64 = 0.0;
let curDScale: f64 = 0.0;

/** Set the current CP integrals IB, IP, ID (scaled by e^-scale, ID by e^-dScale). */
function setCurrent(b: f64, p: f64, d: f64, scale: f64, dScale: f64): void {
  curB = b;
  curP = p;
  curD = d;
  curScale = scale;
  curDScale = dScale;
}

/** Take the CP integrals from consumer.ts. */
function takeConsumer(): void {
  setCurrent(cpB, cpP, cpD, cpScale, cpDScale);
}

/** The CP integrals at a reserve z below the choke reserve (choke.ts; one scale for all three). */
function takeChoke(z: f64): void {
  chokeIntegrals(z);
  setCurrent(chokeB, chokeP, chokeD, chokeScale, chokeScale);
}

/** Combine the CP and GDP integrals set by consumer.ts (or choke.ts) and gdp.ts at the reserve z. */
function combine(z: f64): void {
  const a: f64 = priceSpan;
  benefit = a * curB;
  // At z = 0 IP is +Infinity; m A / H may underflow to 0 (A tiny in scaled units), and 0 Infinity is NaN.
  slope = curP == Infinity && a > 0.0 ? -Infinity : -((exponent * a) / horizon) * curP;
  loss = a * curD;
  const gamma: f64 = gdpWeight;
  if (gamma > 0.0) {
    // Only with the GDP term: its slope has 1/(H - d z), which is 0/0 at z = H for d = 1 (paper form).
    const d: f64 = importDependence;
    const unscale: f64 = Math.exp(-curScale);
    benefit += gamma * gdpD * unscale;
    slope -= (gdpLinear ? gamma * linearGdpSlope() : (gamma * d) / (horizon - d * z)) * unscale;
    loss += gamma * meanDisruption * gdpDE * (curDScale == curScale ? unscale : Math.exp(-curDScale));
  }
  if (gdpPole && z < horizon) {
    // d = 1: MB and E are +Infinity below H even if gamma underflowed in scaled units.
    benefit = Infinity;
    loss = Infinity;
  }
  // Exponential disruption law: f(t) = e^(-t/lambda) / Z gives every quantity the factor e^(-z/lambda) / Z.
  lnFactor = curScale - z / meanDisruption - lnNormaliser + lnBenefitScale;
  lnLossFactor = curDScale == curScale ? lnFactor : curDScale - z / meanDisruption - lnNormaliser + lnBenefitScale;
}

/** Below this reserve (days) z/H may leave the normal doubles (H <= 3650 < 2^12). */
const TINY_RESERVE: f64 = 1e-290;

/**
 * Evaluate at the reserve z (0 < z <= H days) with W = H - z passed separately so that it keeps
 * full relative precision when z is within rounding of H. `loss` may be NaN unless wantLoss.
 */
export function evaluateAt(z: f64, w: f64, wantLoss: bool): void {
  if (priceSpan > 0.0 && chokeActive && z < chokeReserve) {
    takeChoke(z);
  } else if (priceSpan > 0.0) {
    // ln(z/H) from whichever of z and W is the smaller part of H: log1p keeps z ~ H exact, and
    // below TINY_RESERVE z/H would be subnormal (or 0), so the logs are taken apart.
    const lnA: f64 = z >= 0.5 * horizon ? Math.log1p(-w / horizon)
      : z >= TINY_RESERVE ? Math.log(z / horizon) : Math.log(z) - Math.log(horizon);
    consumerIntegrals(z, lnA, w, wantLoss);
    takeConsumer();
  } else {
    clearConsumerIntegrals();
    takeConsumer();
  }
  if (gdpWeight > 0.0) gdpIntegrals(w); else clearGdpIntegrals();
  combine(z);
}

/**
 * Evaluate at z = 0 (MB and E may be Infinity; MB' is -Infinity when A > 0; all finite below a
 * choke price).
 */
export function evaluateAtZero(): void {
  if (priceSpan > 0.0 && chokeActive) {
    takeChoke(0.0);
  } else {
    if (priceSpan > 0.0) consumerIntegralsAtZero(); else clearConsumerIntegrals();
    takeConsumer();
  }
  if (gdpWeight > 0.0) gdpIntegrals(horizon); else clearGdpIntegrals();
  combine(0.0);
}

/**
 * The expected benefit of holding the reserve z, B(z) = E(0) - E(z) = int_0^z MB(u) du, per unit
 * of imports (USD/unit/yr x days), for small z (z < lambda/4, where E(0) - E(z) would cancel).
 * Requires a finite E(0): m < 2 or no CP term, and d < 1 with the GDP term.
 *
 * Method: the CP part, from E_CP = A e^(-z/lambda) ID(z) / Z, regrouped exactly as
 *   Z B_CP / A = (1 - e^(-z/lambda)) ID(0) + e^(-z/lambda) (ID(0) - ID(z)),
 * with ID(0) - ID(z) summed term by term by the series (cpDeltaD); the GDP part is the integral
 * of MB_G over [0, z], smooth there (it varies on the scale lambda > 4z; its nearest
 * singularity, the pole of 1/(H - d t), lies beyond t = H > z), by 8-point Gauss-Legendre.
 * Falls back to E(0) - E(z) if z is in the quadrature regime of consumer.ts, or above a choke
 * reserve; below one (z <= Qc) the capped MB_CP is integrated directly (cappedBenefit).
 */
export function reserveBenefit(z: f64): f64 {
  const lambda: f64 = meanDisruption;
  if (priceSpan > 0.0 && chokeActive && z <= chokeReserve) {
    // Below the choke reserve MB_CP is a smooth closed form (choke.ts): its integral over [0, z],
    // z < lambda/4, by the same 8-point rule, each node's factor in log form (e^chokeScale may
    // exceed the doubles where the benefit scale compensates it).
    return cappedBenefit(z) + gdpBenefit(z) * Math.exp(lnBenefitScale - lnNormaliser);
  }
  evaluateAtZero();
  const lossZero: f64 = loss * Math.exp(lnLossFactor);
  const idZero: f64 = cpD;
  evaluateAt(z, horizon - z, true);
  // Above a choke reserve E(0) is the capped one and the series' ID(0) - ID(z) does not apply.
  if (priceSpan > 0.0 && (chokeActive || isNaN(cpDeltaD))) return lossZero - loss * Math.exp(lnLossFactor);
  let b: f64 = 0.0;
  if (priceSpan > 0.0) {
    b = priceSpan * (-Math.expm1(-z / lambda) * idZero + Math.exp(cpDScale - z / lambda) * cpDeltaD);
  }
  return (b + gdpBenefit(z)) * Math.exp(lnBenefitScale - lnNormaliser);
}

/**
 * The GDP part of reserveBenefit, int_0^z MB_G(u) du times Z e^-lnBenefitScale / q0: smooth on
 * [0, z] (it varies on the scale lambda > 4z; the pole of 1/(H - d t) lies beyond t = H > z), by the
 * 8-point Gauss-Legendre rule. 0 without the GDP term.
 */
function gdpBenefit(z: f64): f64 {
  if (!(gdpWeight > 0.0)) return 0.0;
  const lambda: f64 = meanDisruption;
  const half: f64 = 0.5 * z;
  let sum: f64 = 0.0;
  for (let k: i32 = 0; k < GL_HALF; k++) {
    const xi: f64 = glNode(k);
    for (let side: i32 = 0; side < 2; side++) {
      const u: f64 = side == 0 ? half * (1.0 - xi) : half * (1.0 + xi);
      gdpIntegrals(horizon - u);
      sum += glWeight(k) * Math.exp(-u / lambda) * gdpD;
    }
  }
  return gdpWeight * half * sum;
}

/**
 * The CP part of reserveBenefit below the choke reserve (0 < z <= Qc, z < lambda/4), per unit of
 * imports (scaled USD/unit/yr x days): A int_0^z e^(-u/lambda) IB_c(u) du / Z, IB_c of choke.ts
 * (entire in u, varying on lambda), by the 8-point Gauss-Legendre rule.
 */
function cappedBenefit(z: f64): f64 {
  const lambda: f64 = meanDisruption;
  const half: f64 = 0.5 * z;
  let sum: f64 = 0.0;
  for (let k: i32 = 0; k < GL_HALF; k++) {
    const xi: f64 = glNode(k);
    for (let side: i32 = 0; side < 2; side++) {
      const u: f64 = side == 0 ? half * (1.0 - xi) : half * (1.0 + xi);
      chokeIntegrals(u);
      sum += glWeight(k) * Math.exp(chokeScale - u / lambda + lnBenefitScale - lnNormaliser) * chokeB;
    }
  }
  return priceSpan * half * sum;
}
