/**
 * An asymptotic first estimate of z* for the root finder (docs/numerics.md, "Initial guess"):
 * the largest of three single-regime roots of MB(z) = MC, each from a one-term approximation of
 * one part of MB that does not exceed that part, so that z* lies at or above each of them and the
 * largest is the closest. With K = MC Z / q0 (Z the normaliser of the truncated exponential) and
 * everything in the kernel's scaled units:
 *   - GDP only: MB_G Z/q0 = gamma_G e^(-z/lambda) GD with GD = e^-y1 Ei(y1) ~ 1/(y1 - 1) for
 *     y1 = (H - d z)/(d lambda) well above 1 (the next terms of Ei's asymptotic series are
 *     positive), taken from y1 at z = 0 and once more at the estimate;
 *   - consumer surplus, power-law regime (z << lambda, the spike at t ~ H dominates):
 *     MB_CP Z/q0 ~ A e^(-x) H (z/H)^(1-m) / (m - 1), solved for ln(z/H) (m > 1);
 *   - consumer surplus, exponential regime (z >> lambda, disruptions just above z dominate, where
 *     (1 - w/H)^-m - 1 ~ e^(m w/H) - 1): MB_CP Z/q0 ~ A e^(-z/lambda) lambda^2 m / (H - m lambda)
 *     (only while m lambda < H/2).
 * Specific to the exponential disruption law (its e^(-z/lambda) is what the regimes invert).
 * Returns ln(z0/H) or NaN when no regime gives an estimate inside (0, H).
 */
import {
  exponent, gdpWeight, horizon, horizonRatio, importDependence, lnBenefitScale, lnNormaliser, lnUnitCost,
  meanDisruption, priceSpan,
} from "./model";

/** The exponential regime is used only while m lambda / H is below this (its expansion needs m w/H small). */
const EXPONENTIAL_REGIME_LIMIT: f64 = 0.5;
/** GD's one-term estimate 1/(y1 - 1) is used down to y1 - 1 = this (GD < 1 always). */
const GDP_FLOOR: f64 = 1.0;

/** ln(z0/H) for the case set by model.setCase, or NaN (see the file comment). */
export function initialLogFraction(): f64 {
  const lambda: f64 = meanDisruption;
  const h: f64 = horizon;
  const lnH: f64 = Math.log(h);
  // ln K: MC Z/q0 in the units of priceSpan and gdpWeight.
  const lnK: f64 = lnUnitCost - lnBenefitScale + lnNormaliser;
  let best: f64 = -Infinity;
  if (gdpWeight > 0.0) {
    const d: f64 = importDependence;
    const lnGamma: f64 = Math.log(gdpWeight) - lnK;
    let z: f64 = 0.0;
    for (let k: i32 = 0; k < 2; k++) {
      const excess: f64 = (h - d * z) / (d * lambda) - 1.0;
      z = lambda * (lnGamma - Math.log(excess > GDP_FLOOR ? excess : GDP_FLOOR));
      if (!(z > 0.0)) break;
      if (z > h) z = h;
    }
    if (z > 0.0 && z < h) best = Math.log(z) - lnH;
  }
  if (priceSpan > 0.0) {
    const m: f64 = exponent;
    const lnA: f64 = Math.log(priceSpan) - lnK;
    if (m > 1.0) {
      const lnFraction: f64 = (lnA - horizonRatio + lnH - Math.log(m - 1.0)) / (m - 1.0);
      if (lnFraction > best) best = lnFraction;
    }
    const spread: f64 = (m * lambda) / h;
    if (spread < EXPONENTIAL_REGIME_LIMIT) {
      const z: f64 = lambda * (lnA + Math.log((lambda * lambda * m) / (h - m * lambda)));
      if (z > 0.0 && z < h) {
        const lnFraction: f64 = Math.log(z) - lnH;
        if (lnFraction > best) best = lnFraction;
      }
    }
  }
  return best < 0.0 ? best : NaN;
}
