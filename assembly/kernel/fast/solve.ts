/**
 * The fast method's root finder (docs/numerics.md, "Fast method"): z* for a case fast/gate.ts
 * accepts, from guess.ts's asymptotic estimate, by safeguarded fourth-order steps on
 * F = ln MB - ln MC with MB', MB'', MB''' in closed form (fast/evaluate.ts).
 *
 * Each step is taken in u = ln z (z <= H/2) or u = ln(H - z), where F is asymptotically linear
 * (MB ~ z^(1-m) at the spike, MB ~ (H - z)^k next to the horizon). With h = -F/F_u and
 * c_k = F_u^(k) / (k! F_u), the reverted Taylor series gives the step
 *   du = h - c2 h^2 + (2 c2^2 - c3) h^3,   error about (5 c2^3 - 5 c2 c3 + c4) h^4,
 * used while |c2 h| and |c3 h^2| are at most SERIES_STEP_LIMIT; otherwise Halley's h/(1 + c2 h)
 * or Newton's h, never longer than MAX_LOG_STEP, and never outside the bracket of the points
 * evaluated so far (bisection instead). Once the predicted error of the step is below
 * FINAL_ERROR it is taken without a new evaluation: MB(z*) = MC, and MB'(z*), E(z*) follow from
 * the last point's closed-form derivatives by Taylor's formula (E' = -MB).
 *
 * Anything it cannot promise returns false, and the caller solves the case with the general kernel
 * (solver.ts): a non-finite value, a point within FAST_MIN_RESERVE_FRACTION H of 0 or
 * FAST_MIN_GAP_FRACTION H of H (where the statuses nearZero and nearHorizon and the subnormal
 * handling live), or no convergence within FAST_MAX_EVALUATIONS.
 */
import { horizon, lnUnitCost, meanDisruption, unitCost } from "../model";
import { initialLogFraction } from "../guess";
import {
  AT_LN_FACTOR, AT_N, AT_S1, AT_S2, AT_S3, AT_W, AT_Z, evaluateLoss, evaluatePoint, pointValues,
} from "./evaluate";

/** The results of the last solveFast, at the RESULT_ indices below (per unit of imports, scaled money). */
export const fastResult: Float64Array = new Float64Array(5);
/** z* (days). */
export const RESULT_Z: i32 = 0;
/** MB(z*), MB'(z*), E(z*) (as solver.ts benefitAtStar, slopeAtStar, lossAtStar). */
export const RESULT_BENEFIT: i32 = 1;
export const RESULT_SLOPE: i32 = 2;
export const RESULT_LOSS: i32 = 3;
/** MB evaluations used (also when solveFast gives up). */
export const RESULT_EVALUATIONS: i32 = 4;

/**
 * A point with (H - z)/H below this goes to the fallback: there (d ~ 1 with the GDP term, or a
 * tiny holding cost) MB' varies so fast with H - z that its extrapolation to z* and an evaluation
 * at the rounded z* differ by more than 1e-10 (and the steps converge slowly).
 */
export const FAST_MIN_GAP_FRACTION: f64 = 1e-6;
/** A point with z/H below this too: the spike (z/H)^-m times m/z must stay far inside the double range. */
const FAST_MIN_RESERVE_FRACTION: f64 = 1e-30;
/** Evaluations before giving up (2 suffice from a good estimate; the bracket bounds the rest). */
const FAST_MAX_EVALUATIONS: i32 = 6;
/** The reverted series is used while |c2 h| and |c3 h^2| are at most this. */
const SERIES_STEP_LIMIT: f64 = 0.25;
/** Halley's step is used while 1 + c2 h is at least this; Newton's below. */
const HALLEY_STEP_LIMIT: f64 = 0.5;
/** Longest step in u (a factor e^6 in z or H - z: the estimate can be that far off next to the horizon). */
const MAX_LOG_STEP: f64 = 6.0;
/**
 * A step whose predicted error, 10 (kappa |h|)^3 |h| with kappa = max(|c2|, sqrt|c3|) standing for
 * the c's of the error term, is below this (relative, in u) is the last: z* is then exact to
 * rounding (z is held to ~1e-16 relatively, H - z next to the horizon).
 */
const FINAL_ERROR: f64 = 1e-17;
/** ... and only while the step is at most this long (the Taylor extrapolation of MB' and E). */
const FINAL_LOG_STEP: f64 = 1e-3;
/** The estimate is used only below this ln(z0/H) (z0 < H, so that H - z0 is not rounding). */
const ESTIMATE_MARGIN: f64 = -1e-9;
/** Without an estimate the search starts at this many mean disruptions (or H/2), as solver.ts does. */
const FAST_START_DISRUPTIONS: f64 = 5.0;

/**
 * Solve the case set by model.setCase with the fast method (tables prepared by
 * fast/tables.ts prepareTables). Returns true with fastResult set, or false: then the case must
 * be solved by solver.ts (fastResult[RESULT_EVALUATIONS] says how much work was spent).
 */
export function solveFast(): bool {
  const h: f64 = horizon;
  const lnCost: f64 = lnUnitCost;
  const lnFraction: f64 = initialLogFraction();
  let z: f64;
  let w: f64;
  if (lnFraction < ESTIMATE_MARGIN) {
    z = h * Math.exp(lnFraction);
    w = h - z;
  } else {
    z = Math.min(FAST_START_DISRUPTIONS * meanDisruption, 0.5 * h);
    w = h - z;
  }
  // The bracket: F > 0 at lo, F < 0 at hi.
  let lo: f64 = 0.0;
  let hi: f64 = h;
  fastResult[RESULT_EVALUATIONS] = 0.0;
  for (let k: i32 = 0; k < FAST_MAX_EVALUATIONS; k++) {
    if (!(z >= FAST_MIN_RESERVE_FRACTION * h && w >= FAST_MIN_GAP_FRACTION * h)) return false;
    evaluatePoint(z, w);
    fastResult[RESULT_EVALUATIONS] = <f64>(k + 1);
    const n: f64 = <f64>pointValues[AT_N];
    if (!(n > 0.0) || !isFinite(n)) return false;
    const f: f64 = <f64>pointValues[AT_LN_FACTOR] + Math.log(n) - lnCost;
    // F's z-derivatives from MB^(k)/MB.
    const r1: f64 = <f64>pointValues[AT_S1] / n;
    const r2: f64 = <f64>pointValues[AT_S2] / n;
    const r3: f64 = <f64>pointValues[AT_S3] / n;
    const f1: f64 = r1;
    const f2: f64 = r2 - r1 * r1;
    const f3: f64 = r3 - 3.0 * r1 * r2 + 2.0 * r1 * r1 * r1;
    if (!isFinite(f) || !isFinite(f3) || !(f1 < 0.0)) return false;
    if (f > 0.0) lo = z; else hi = z;
    // The u-derivatives: u = ln z (t = z) or u = ln(H - z) (t = -(H - z)), dz/du = t.
    const t: f64 = z <= w ? z : -w;
    const fu1: f64 = t * f1;
    const fu2: f64 = fu1 + t * t * f2;
    const fu3: f64 = fu1 + 3.0 * t * t * f2 + t * t * t * f3;
    const step: f64 = -f / fu1;
    const c2: f64 = fu2 / (2.0 * fu1);
    const c3: f64 = fu3 / (6.0 * fu1);
    const t2: f64 = c2 * step;
    const t3: f64 = c3 * step * step;
    let du: f64;
    if (Math.abs(t2) <= SERIES_STEP_LIMIT && Math.abs(t3) <= SERIES_STEP_LIMIT) {
      du = step * (1.0 - t2 + 2.0 * t2 * t2 - t3);
      const kappa: f64 = Math.max(Math.abs(c2), Math.sqrt(Math.abs(c3)));
      const reach: f64 = kappa * Math.abs(step);
      if (Math.abs(du) <= FINAL_LOG_STEP && 10.0 * reach * reach * reach * Math.abs(step) <= FINAL_ERROR) {
        return finishFast(z <= w, du);
      }
    } else {
      du = 1.0 + t2 >= HALLEY_STEP_LIMIT ? step / (1.0 + t2) : step;
    }
    if (du > MAX_LOG_STEP) du = MAX_LOG_STEP;
    if (du < -MAX_LOG_STEP) du = -MAX_LOG_STEP;
    if (z <= w) {
      z *= Math.exp(du);
      w = h - z;
    } else {
      w *= Math.exp(du);
      z = h - w;
    }
    if (!(z > lo && z < hi)) {
      z = 0.5 * (lo + hi);
      w = h - z;
    }
  }
  return false;
}

/**
 * Take the last step du (in ln z when onReserve, else in ln(H - z)) without evaluating, and set
 * fastResult from the last point by Taylor's formula in dz = z* - z.
 */
function finishFast(onReserve: bool, du: f64): bool {
  const h: f64 = horizon;
  const z: f64 = <f64>pointValues[AT_Z];
  const w: f64 = <f64>pointValues[AT_W];
  let zStar: f64;
  let dz: f64;
  if (onReserve) {
    zStar = z * Math.exp(du);
    dz = zStar - z;
  } else {
    const wStar: f64 = w * Math.exp(du);
    zStar = h - wStar;
    dz = w - wStar;
    if (!(wStar >= FAST_MIN_GAP_FRACTION * h)) return false;
  }
  if (!(zStar >= FAST_MIN_RESERVE_FRACTION * h && h - zStar >= FAST_MIN_GAP_FRACTION * h)) return false;
  const factor: f64 = Math.exp(<f64>pointValues[AT_LN_FACTOR]);
  const n: f64 = <f64>pointValues[AT_N];
  const s1: f64 = <f64>pointValues[AT_S1];
  const s2: f64 = <f64>pointValues[AT_S2];
  const s3: f64 = <f64>pointValues[AT_S3];
  const loss: f64 = evaluateLoss();
  fastResult[RESULT_Z] = zStar;
  fastResult[RESULT_BENEFIT] = unitCost;
  fastResult[RESULT_SLOPE] = (s1 + dz * (s2 + 0.5 * dz * s3)) * factor;
  // E(z*) = E(z) - integral of MB over [z, z*].
  fastResult[RESULT_LOSS] = (loss - dz * (n + dz * (0.5 * s1 + dz * s2 / 6.0))) * factor;
  return true;
}
