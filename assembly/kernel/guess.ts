/**
 * An asymptotic first estimate of z* for the root finder (docs/numerics.md, "Initial guess").
 * MB is approximated by the sum of three single-regime forms, each from a one-term approximation
 * of one part of MB; the largest of their three single roots starts a few Newton steps on the
 * sum. With K = MC Z / q0 (Z the normaliser of the truncated exponential), W = H - z, and
 * everything in the kernel's scaled units:
 *   - GDP only: MB_G Z/q0 = gamma_G e^(-z/lambda) GD with GD = e^-y1 Ei(y1) ~ 1/(y1 - 1) for
 *     y1 = (H - d z)/(d lambda) well above 1 (the next terms of Ei's asymptotic series are
 *     positive; held at 1/GDP_FLOOR below);
 *   - consumer surplus, power-law regime (z << lambda, the spike at t ~ H dominates):
 *     MB_CP Z/q0 ~ A e^(-x) H (z/H)^(1-m) / (m - 1)  (m > 1);
 *   - consumer surplus, exponential regime (z >> lambda, disruptions just above z dominate, where
 *     (1 - w/H)^-m - 1 ~ e^(m w/H) - 1): MB_CP Z/q0 ~ A e^(-z/lambda) J(W) with
 *     J(W) = int_0^W e^(-w/lambda) (e^(m w/H) - 1) dw = (1 - e^(-r W))/r - lambda (1 - e^(-W/lambda)),
 *     r = 1/lambda - m/H (only while m lambda / H < EXPONENTIAL_REGIME_LIMIT).
 * At the largest single root every form is at most K, and Newton on the decreasing, convex
 * ln(sum) - ln K only moves right from there, so nothing overflows; any non-finite value keeps the
 * single root. Specific to the exponential disruption law (its e^(-z/lambda) is what the regimes
 * invert). Returns ln(z0/H) or NaN when no regime gives an estimate inside (0, H).
 */
import {
  exponent, gdpWeight, horizon, horizonRatio, importDependence, lnBenefitScale, lnNormaliser, lnUnitCost,
  meanDisruption, priceSpan,
} from "./model";

/** The exponential regime is used only while m lambda / H is below this (its expansion needs m w/H small). */
const EXPONENTIAL_REGIME_LIMIT: f64 = 0.5;
/** GD's one-term estimate 1/(y1 - 1) is used down to y1 - 1 = this (GD < 1 always). */
const GDP_FLOOR: f64 = 1.0;
/** Newton steps on the summed approximation (each costs a few exp/log, against ~600 ns per MB evaluation). */
const SUM_STEPS: i32 = 3;
/**
 * Those Newton iterations stop once a step is below this, relative to z (quadratic: the next is
 * ~its square): the estimate itself is good to ~1e-2, the corrected first step to ~1e-4.
 */
const SUM_STEP_DONE: f64 = 1e-3;
const TARGET_STEP_DONE: f64 = 1e-7;

/**
 * The three forms' log constants relative to ln K (NaN where a form does not apply; set by
 * initialLogFraction) and lnSum's last derivative, at the GUESS_ indices below. One Float64Array,
 * not module-level `let`s: a double stored into a module-level binding allocates in the
 * JavaScript fallback.
 */
const guessValues: Float64Array = new Float64Array(4);
const GUESS_LN_GDP: i32 = 0;
const GUESS_LN_POWER: i32 = 1;
const GUESS_LN_EXPONENTIAL: i32 = 2;
const GUESS_SUM_SLOPE: i32 = 3;

/** ln GD's one-term estimate at z (see the file comment). */
function gdpExcess(z: f64): f64 {
  const excess: f64 = (horizon - importDependence * z) / (importDependence * meanDisruption) - 1.0;
  return excess > GDP_FLOOR ? excess : GDP_FLOOR;
}

/** ln(sum of the applicable forms / K) at z; sets guessValues[GUESS_SUM_SLOPE] to its derivative in z. */
function lnSum(z: f64): f64 {
  const lambda: f64 = meanDisruption;
  const lnGdp: f64 = <f64>guessValues[GUESS_LN_GDP];
  const lnPower: f64 = <f64>guessValues[GUESS_LN_POWER];
  const lnExponential: f64 = <f64>guessValues[GUESS_LN_EXPONENTIAL];
  let sum: f64 = 0.0;
  let derivative: f64 = 0.0;
  if (lnGdp == lnGdp) {
    const excess: f64 = gdpExcess(z);
    const g: f64 = Math.exp(lnGdp - z / lambda) / excess;
    sum += g;
    derivative += g * (-1.0 / lambda + (excess > GDP_FLOOR ? 1.0 / (lambda * excess) : 0.0));
  }
  if (lnPower == lnPower) {
    const p: f64 = Math.exp(lnPower + (1.0 - exponent) * Math.log(z));
    sum += p;
    derivative += (p * (1.0 - exponent)) / z;
  }
  if (lnExponential == lnExponential) {
    // J(W) and dJ/dz = -(e^(-r W) - e^(-W/lambda)); J's cancellation for W << lambda (relative
    // ~1e-16 lambda/W) is harmless in an estimate.
    const w: f64 = horizon - z;
    const e0: f64 = Math.exp(lnExponential - z / lambda);
    const r: f64 = 1.0 / lambda - exponent / horizon;
    const decayR: f64 = Math.exp(-r * w);
    const decayL: f64 = Math.exp(-w / lambda);
    const j: f64 = (1.0 - decayR) / r - lambda * (1.0 - decayL);
    sum += e0 * j;
    derivative += e0 * (-j / lambda - (decayR - decayL));
  }
  guessValues[GUESS_SUM_SLOPE] = derivative / sum;
  return Math.log(sum);
}

/** ln(z0/H) for the case set by model.setCase, or NaN (see the file comment). */
export function initialLogFraction(): f64 {
  const lambda: f64 = meanDisruption;
  const h: f64 = horizon;
  const lnH: f64 = Math.log(h);
  // ln K: MC Z/q0 in the units of priceSpan and gdpWeight.
  const lnK: f64 = lnUnitCost - lnBenefitScale + lnNormaliser;
  guessValues[GUESS_LN_GDP] = NaN;
  guessValues[GUESS_LN_POWER] = NaN;
  guessValues[GUESS_LN_EXPONENTIAL] = NaN;
  let best: f64 = -Infinity;
  if (gdpWeight > 0.0) {
    const lnGdp: f64 = Math.log(gdpWeight) - lnK;
    guessValues[GUESS_LN_GDP] = lnGdp;
    let z: f64 = 0.0;
    for (let k: i32 = 0; k < 2; k++) {
      z = lambda * (lnGdp - Math.log(gdpExcess(z)));
      if (!(z > 0.0)) break;
      if (z > h) z = h;
    }
    if (z > 0.0 && z < h) best = Math.log(z) - lnH;
  }
  if (priceSpan > 0.0) {
    const m: f64 = exponent;
    const lnA: f64 = Math.log(priceSpan) - lnK;
    if (m > 1.0) {
      guessValues[GUESS_LN_POWER] = lnA - horizonRatio + lnH - Math.log(m - 1.0) + (m - 1.0) * lnH;
      const lnFraction: f64 = (lnA - horizonRatio + lnH - Math.log(m - 1.0)) / (m - 1.0);
      if (lnFraction > best) best = lnFraction;
    }
    if ((m * lambda) / h < EXPONENTIAL_REGIME_LIMIT) {
      guessValues[GUESS_LN_EXPONENTIAL] = lnA;
      const z: f64 = lambda * (lnA + Math.log((lambda * lambda * m) / (h - m * lambda)));
      if (z > 0.0 && z < h) {
        const lnFraction: f64 = Math.log(z) - lnH;
        if (lnFraction > best) best = lnFraction;
      }
    }
  }
  if (!(best < 0.0)) return NaN;
  // Newton on ln(sum) = 0 from the largest single root, in z, kept inside (z, H).
  let z: f64 = h * Math.exp(best);
  for (let k: i32 = 0; k < SUM_STEPS; k++) {
    const phi: f64 = lnSum(z);
    const next: f64 = z - phi / <f64>guessValues[GUESS_SUM_SLOPE];
    if (!(next >= z && next < h)) break;
    const done: bool = next - z <= SUM_STEP_DONE * z;
    z = next;
    if (done) break;
  }
  return Math.log(z) - lnH;
}

/** Newton steps of firstStepTarget on the corrected approximation. */
const TARGET_STEPS: i32 = 4;

/**
 * The root of the summed approximation corrected by the first exact evaluation: with F(z) = ln MB
 * - ln MC known at z0 with its slope F'(z0) (per day), F(z) ~ F(z0) + phi(z) - phi(z0) + c (z - z0)
 * where phi = ln(sum of the forms) and c = F'(z0) - phi'(z0) matches the slope. The forms carry
 * most of F's curvature, so this first step lands far closer than Newton's. Call after
 * initialLogFraction for the same case; returns the target z (days) inside (0, H), or NaN.
 */
export function firstStepTarget(z0: f64, f0: f64, slope0: f64): f64 {
  if (isNaN(<f64>guessValues[GUESS_LN_GDP]) && isNaN(<f64>guessValues[GUESS_LN_POWER])
    && isNaN(<f64>guessValues[GUESS_LN_EXPONENTIAL])) return NaN;
  const phi0: f64 = lnSum(z0);
  const c: f64 = slope0 - <f64>guessValues[GUESS_SUM_SLOPE];
  let z: f64 = z0 - f0 / slope0;
  if (!(z > 0.0 && z < horizon)) return NaN;
  for (let k: i32 = 0; k < TARGET_STEPS; k++) {
    const value: f64 = f0 + lnSum(z) - phi0 + c * (z - z0);
    const next: f64 = z - value / (<f64>guessValues[GUESS_SUM_SLOPE] + c);
    if (!(next > 0.0 && next < horizon)) return NaN;
    const done: bool = Math.abs(next - z) <= TARGET_STEP_DONE * z;
    z = next;
    if (done) break;
  }
  return z;
}
