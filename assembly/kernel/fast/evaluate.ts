/**
 * The fast method's evaluation at one reserve z (docs/numerics.md, "Fast method"): MB and its first
 * three derivatives in closed form, and E(z) on request, per unit of imports, all sharing the
 * factor e^lnFactor of marginal.ts (MB = e^lnFactor N, MB' = e^lnFactor S1, ...).
 *
 * With N(z) = A IB(z) + gamma GD(z) (consumer.ts, gdp.ts) and MB proportional to e^(-z/lambda) N:
 *   IB' = -e^(-W/lambda) g(z),  g(z) = (z/H)^-m - 1;   GD' = GD/lambda - d/B,  B = H - d z;
 * so, with every term of one sign (nothing cancels in MB'):
 *   S1 = N' - N/lambda = -(A (IB/lambda + e^(-W/lambda) g) + gamma d/B)                  (MB')
 *   S1' = A e^(-W/lambda) (z/H)^-m m/z - gamma d^2/B^2,  S2 = S1' - S1/lambda           (MB'')
 *   S2' = A e^(-W/lambda) (z/H)^-m (m/z)(1/lambda - (m+1)/z) - 2 gamma d^3/B^3 - S1'/lambda,
 *   S3 = S2' - S2/lambda                                                                (MB''')
 * IB comes from the series of consumer.ts with its pi(x a) sums taken from the per-case tables of
 * fast/tables.ts by Horner (no division), or, in the near-horizon regime, from the quadrature
 * of fast/quadrature.ts; GD from gdp.ts. E(z) = A ID + gamma lambda GDE is formed only at the last point
 * (evaluateLoss), from the same Horner sums (near the horizon, from fast/quadrature.ts's ID on the
 * nodes of its IB): the j >= 1 sums of ID follow from them exactly,
 *   sum (j-m)/p pi = P1 - Pa1,  sum j/p pi = P1 - Pa1 + m Pa1,  sum j/q pi = P1 - Qa1,
 * with P1 = sum_{j>=1, j != near} pi_j(x) a^j = e^-x (e^(x a) - 1) - pi_near(x) a^near.
 * Every value is held multiplied by e^-scale (the series scale of consumer.ts), which keeps the
 * spike (z/H)^(1-m) finite.
 */
import {
  exponent, exponentGap, gdpWeight, horizon, horizonRatio, importDependence, lnBenefitScale, lnNormaliser,
  meanDisruption, priceSpan,
} from "../model";
import { nearHorizon } from "../consumer";
import { gdpD, gdpDE, gdpIntegrals } from "../gdp";
import { expMinusOne, expm1OverX, phi } from "../special";
import { nearHorizonBenefit, nearHorizonLoss } from "./quadrature";
import {
  CASE_LAST, CASE_NEAR, CASE_NEAR_WEIGHT, CASE_SUM_B, CASE_SUM_D, caseValues, invPTable, invQTable, windowLast,
} from "./tables";

/** The values at the last evaluated point, at the AT_ indices below. */
export const pointValues: Float64Array = new Float64Array(16);
/** z and W = H - z (days). */
export const AT_Z: i32 = 0;
export const AT_W: i32 = 1;
/** ln(z/H). */
export const AT_LN_A: i32 = 2;
/** The log scale e^scale held out of every value below (>= 0). */
export const AT_SCALE: i32 = 3;
/** ln of the common factor: MB = e^lnFactor N (marginal.ts lnFactor). */
export const AT_LN_FACTOR: i32 = 4;
/** N, S1, S2, S3: MB, MB', MB'', MB''' divided by e^lnFactor (per day^k). */
export const AT_N: i32 = 5;
export const AT_S1: i32 = 6;
export const AT_S2: i32 = 7;
export const AT_S3: i32 = 8;
/** 1 when the consumer-surplus part came from the near-horizon quadrature, else 0. */
export const AT_QUADRATURE: i32 = 9;
/** Horner partial sums over j >= 1: Pa = d_0 + a PR, Qa = e_0 + a QR. */
export const AT_PR: i32 = 10;
export const AT_QR: i32 = 11;
/** The weight e^(lnA (1 - m) - scale) of the regrouped a^p parts. */
export const AT_SPIKE: i32 = 12;

/** Set pointValues at the reserve z = H - w (0 < z < H, z/H >= FAST_MIN_RESERVE_FRACTION of fast/solve.ts). */
export function evaluatePoint(z: f64, w: f64): void {
  const m: f64 = exponent;
  const h: f64 = horizon;
  const lambda: f64 = meanDisruption;
  const a: f64 = z / h;
  const lnA: f64 = z >= 0.5 * h ? Math.log1p(-w / h) : Math.log(a);
  const decayW: f64 = w / lambda;
  let ib: f64;
  let scale: f64;
  if (nearHorizon(lnA)) {
    ib = nearHorizonBenefit(w);
    scale = 0.0;
    pointValues[AT_QUADRATURE] = 1.0;
  } else {
    // consumer.ts consumerSeries with its pi(x a) sums from the tables (see the file comment).
    const lnC: f64 = (1.0 - m) * lnA - decayW;
    scale = lnC > 0.0 ? lnC : 0.0;
    const seriesUnscale: f64 = scale == 0.0 ? 1.0 : Math.exp(-scale);
    const spike: f64 = Math.exp((1.0 - m) * lnA - scale);
    const lastIndex: f64 = Math.min(<f64>caseValues[CASE_LAST], windowLast(horizonRatio * a));
    let pr: f64 = 0.0;
    let qr: f64 = 0.0;
    for (let j: i32 = <i32>lastIndex; j >= 1; j--) {
      pr = pr * a + <f64>invPTable[j];
      qr = qr * a + <f64>invQTable[j];
    }
    const pa: f64 = <f64>invPTable[0] + a * pr;
    const qa: f64 = <f64>invQTable[0] + a * qr;
    const near: f64 = <f64>caseValues[CASE_NEAR];
    const nearTerm: f64 = phi(exponentGap(near), lnA) - phi(near + 1.0, lnA);
    const b: f64 = (<f64>caseValues[CASE_SUM_B] + a * qa + <f64>caseValues[CASE_NEAR_WEIGHT] * nearTerm) * seriesUnscale - spike * pa;
    ib = h * b;
    pointValues[AT_QUADRATURE] = 0.0;
    pointValues[AT_PR] = pr;
    pointValues[AT_QR] = qr;
    pointValues[AT_SPIKE] = spike;
  }
  const unscale: f64 = scale == 0.0 ? 1.0 : Math.exp(-scale);
  const span: f64 = priceSpan;
  let n: f64 = span * ib;
  // e^(-W/lambda) (z/H)^-m and e^(-W/lambda) g(z), g = (z/H)^-m - 1, in the scale.
  const decay: f64 = Math.exp(-decayW - scale);
  const g: f64 = expMinusOne(-m * lnA);
  const spikeSlope: f64 = span * decay * (g + 1.0) * (m / z);
  let s1: f64 = -span * (ib / lambda + decay * g);
  let s1p: f64 = spikeSlope;
  let s2p: f64 = spikeSlope * (1.0 / lambda - (m + 1.0) / z);
  const gamma: f64 = gdpWeight;
  if (gamma > 0.0) {
    gdpIntegrals(w);
    const d: f64 = importDependence;
    // B = H - d z formed as H (1 - d) + d W: exact next to the horizon, where d z ~ H.
    const ratio: f64 = d / (h * (1.0 - d) + d * w);
    const gdpSlope: f64 = gamma * ratio * unscale;
    n += gamma * gdpD * unscale;
    s1 -= gdpSlope;
    s1p -= gdpSlope * ratio;
    s2p -= 2.0 * gdpSlope * ratio * ratio;
  }
  const s2: f64 = s1p - s1 / lambda;
  s2p -= s1p / lambda;
  pointValues[AT_Z] = z;
  pointValues[AT_W] = w;
  pointValues[AT_LN_A] = lnA;
  pointValues[AT_SCALE] = scale;
  // Exponential disruption law: the factor e^(-z/lambda) / Z, as in marginal.ts.
  pointValues[AT_LN_FACTOR] = scale - z / lambda - lnNormaliser + lnBenefitScale;
  pointValues[AT_N] = n;
  pointValues[AT_S1] = s1;
  pointValues[AT_S2] = s2;
  pointValues[AT_S3] = s2p - s2 / lambda;
}

/**
 * E(z) divided by e^lnFactor at the last evaluated point (call right after evaluatePoint: it reuses
 * that point's Horner sums and GDP integrals).
 */
export function evaluateLoss(): f64 {
  const m: f64 = exponent;
  const h: f64 = horizon;
  const lambda: f64 = meanDisruption;
  const z: f64 = <f64>pointValues[AT_Z];
  const w: f64 = <f64>pointValues[AT_W];
  const lnA: f64 = <f64>pointValues[AT_LN_A];
  const scale: f64 = <f64>pointValues[AT_SCALE];
  const unscale: f64 = scale == 0.0 ? 1.0 : Math.exp(-scale);
  let id: f64;
  if (<f64>pointValues[AT_QUADRATURE] != 0.0) {
    id = nearHorizonLoss(w);
  } else {
    const a: f64 = z / h;
    const near: f64 = <f64>caseValues[CASE_NEAR];
    const nearWeight: f64 = <f64>caseValues[CASE_NEAR_WEIGHT];
    const aNear: f64 = Math.exp(near * lnA);
    const pa1: f64 = a * <f64>pointValues[AT_PR];
    const qa1: f64 = a * <f64>pointValues[AT_QR];
    const p1: f64 = Math.exp(-horizonRatio) * expMinusOne(horizonRatio * a) - nearWeight * aNear;
    const jmOverP: f64 = p1 - pa1;
    const jOverP: f64 = jmOverP + m * pa1;
    const jOverQ: f64 = p1 - qa1;
    // (a^(1-m) - 1)/(1-m) = a^(1-m) eTilde, as in consumer.ts.
    const eTilde: f64 = lnA * expm1OverX((m - 1.0) * lnA);
    let dd: f64 = <f64>caseValues[CASE_SUM_D] * unscale + <f64>pointValues[AT_SPIKE] * eTilde * jOverP
      + unscale * (jmOverP - a * jOverQ);
    // The near-integer index (>= 1 for m >= 2): D_j = B_j - a^j B_0, as in consumer.ts.
    const p: f64 = exponentGap(near);
    const ap: f64 = Math.exp(p * lnA);
    const bj: f64 = phi(p, lnA) - phi(near + 1.0, lnA);
    dd += nearWeight * unscale * (bj - ((aNear - ap) / (1.0 - m) + aNear * expMinusOne(lnA)));
    id = lambda * h * dd;
  }
  let loss: f64 = priceSpan * id;
  if (gdpWeight > 0.0) loss += gdpWeight * lambda * gdpDE * unscale;
  return loss;
}
