/**
 * The optimal reserve z*: the root of MB(z) = MC on (0, H) and its corners (docs/model.md, "Equations").
 *
 * Method: safeguarded Newton (rootfind.ts) on F(y) = ln MB(z) - ln MC in the logit variable
 * y = ln(z / (H - z)). MB behaves like z^(1-m) as z -> 0 and like (H - z)^k (k = 1 or 2) as
 * z -> H, so F is asymptotically linear in y at both ends and Newton converges from anywhere.
 *   - Start at the asymptotic estimate of guess.ts (Newton on a sum of three single-regime
 *     forms of MB), or at z = min(5 lambda, H/2) where it gives none. The first step solves that
 *     sum corrected by the first evaluation's value and slope (guess.ts firstStepTarget), or is
 *     Newton in z; later ones are in y with Halley's correction from a secant estimate of F''.
 *   - Every evaluation tightens a bracket; a step that leaves it becomes bisection.
 *   - Stop when F is at its own rounding level, then polish multiplicatively in z or H - z,
 *     which resolve z* to full relative precision where y (|y| up to 717) cannot.
 *   - A last Newton step short enough (FINAL_STEP and the predicted errors below) is taken
 *     without a new evaluation, the outputs extrapolated from the last two (takeFinalStep).
 * 3.08 MB evaluations per solve on the bench's stress mix (docs/numerics.md, "Method").
 */
import {
  exponent, gdpPole, gdpWeight, horizon, lnUnitCost, meanDisruption, priceSpan, unitCost,
} from "./model";
import {
  STATUS_HORIZON, STATUS_INTERIOR, STATUS_NEAR_HORIZON, STATUS_NEAR_ZERO, STATUS_UNBOUNDED, STATUS_ZERO,
} from "./status";
import * as rootfind from "./rootfind";
import { firstStepTarget, initialLogFraction } from "./guess";
import { benefit, evaluateAt, evaluateAtZero, lnFactor, lnLossFactor, loss, reserveBenefit, slope } from "./marginal";
import { chokeActive } from "./choke";

/**
 * ln of the smallest normal double, 2.2250738585072014e-308: the logit search stops where z or
 * H - z would fall below it (a subnormal holds fewer than 15 digits), at y = ln(z / (H - z)) =
 * +-(ln H - LN_MIN_NORMAL). A root beyond is reported as the corner it rounds to.
 */
const LN_MIN_NORMAL: f64 = -708.3964185322641;
/** Below this, e^y (or e^-y) is formed as e^(y + ln H) directly so that it cannot underflow. */
const TINY_RATIO: f64 = 1e-300;
/** F within this many ulps of its terms' magnitude counts as zero (the rounding level of F). */
const F_ROUNDING: f64 = 8.0 * 2.220446049250313e-16;
/** The search starts at this many mean disruptions (or H/2 if less); see the file comment. */
const START_DISRUPTIONS: f64 = 5.0;
/**
 * A remaining Newton step (in ln z or ln(H - z)) at most this long is taken without a new
 * evaluation: Newton's error after it is about (F''/2F') times its square, ~1e-18 relative, and
 * the outputs move by at most ~m times it, which the last two evaluations extrapolate (takeFinalStep).
 */
const FINAL_STEP: f64 = 1e-9;
/** The final step is taken only while its predicted error (secant curvature of F) is below this, relative. */
const FINAL_STEP_ERROR: f64 = 1e-17;
/**
 * ... and while the extrapolated MB'(z*) is predicted within this, relative: the secant MB'' is off
 * by about span/2 times the third derivative of MB, estimated as (span/2) MB''^2/MB', and enters multiplied by dz.
 */
const FINAL_SLOPE_ERROR: f64 = 1e-12;
/** ... and while it is at most this share of the last step (so that the secant's noise is scaled down). */
const FINAL_SPAN_SHARE: f64 = 0.1;
/** An estimate within this of ln(z/H) = 0 (z ~ H) is not used: its logit would not be finite. */
const GUESS_MARGIN: f64 = 1e-12;
/** Multiplicative Newton steps of the polish (each doubles the correct digits). */
const POLISH_STEPS: i32 = 3;

/** z* (days). */
export let zStar: f64 = 0.0;
/** One of the STATUS_ codes. */
export let status: i32 = 0;
/** Evaluations of MB used by the root finder. */
export let iterations: i32 = 0;
/** MB(z*) / q0 (USD/unit/yr per day). */
export let benefitAtStar: f64 = 0.0;
/** MB'(z*) / q0. */
export let slopeAtStar: f64 = 0.0;
/** E(z*) / q0: expected loss not covered by z* (USD/unit/yr x days). */
export let lossAtStar: f64 = 0.0;
/** E(0) / q0: expected loss with no reserve; Infinity when it diverges (m >= 2 or d = 1). */
export let lossAtZero: f64 = 0.0;
/** W(z*) / q0 = E(0) - S(z*): net benefit of z* (USD/unit/yr x days); Infinity when E(0) is. */
export let netAtStar: f64 = 0.0;

// Scratch for the current Newton point.
let curZ: f64 = 0.0;
let curW: f64 = 0.0;
/** dF/dy (or dF/dz after residualAt) at the last evaluation. */
let curDerivative: f64 = 0.0;
/** dF/dz at the last evaluation. */
let curSlopeRatio: f64 = 0.0;
/** Rounding level of F at the last evaluation (its terms' magnitude times a few ulps). */
let curFloor: f64 = 0.0;
/** F at the last evaluation of findRoot. */
let curF: f64 = 0.0;
// The evaluation before the last (NaN before the second): for the secant MB'' of takeFinalStep.
let prevZ: f64 = NaN;
let prevW: f64 = NaN;
let prevSlope: f64 = NaN;
let prevLnFactor: f64 = NaN;
let prevSlopeRatio: f64 = NaN;
/** Set by polish when z* is the last evaluated point plus a final step taken without evaluating. */
let finalStepTaken: bool = false;
/** The final step's dz = z* - (last evaluated z) (days) and MB'(z*) e^-lnFactor there. */
let finalDz: f64 = 0.0;
let finalSlope: f64 = 0.0;
/** Set by findRoot when MB < MC even at the smallest normal z: the root is below it. */
let rootBelowFloor: bool = false;
/** Set by findRoot when MB > MC even at the smallest normal H - z: the root rounds to H. */
let rootAboveCeiling: bool = false;
/** The search bounds of y for the current case: -+(ln H - LN_MIN_NORMAL). */
let yLimit: f64 = 0.0;
/** ln MC (scaled) for residual(), which rootfind.ts calls with y alone. */
let residualCost: f64 = 0.0;

/** Store benefitAtStar, slopeAtStar, lossAtStar from the last evaluation. */
function record(): void {
  // Infinite values (z = 0, d = 1) stay infinite where the factor underflows (0 Infinity is NaN).
  const factor: f64 = Math.exp(lnFactor);
  benefitAtStar = benefit == Infinity ? benefit : benefit > 0.0 ? benefit * factor : 0.0;
  slopeAtStar = slope == -Infinity ? slope : slope * factor;
  lossAtStar = loss == Infinity ? loss : loss > 0.0 ? loss * Math.exp(lnLossFactor) : 0.0;
}

/**
 * Evaluate at the reserve z = H - w; returns F = ln MB - ln MC and sets curZ, curW,
 * curSlopeRatio = curDerivative = dF/dz and curFloor (F's rounding level).
 */
function residualAt(z: f64, w: f64, lnCost: f64): f64 {
  prevZ = curZ;
  prevW = curW;
  prevSlope = slope;
  prevLnFactor = lnFactor;
  prevSlopeRatio = curSlopeRatio;
  curZ = z;
  curW = w;
  evaluateAt(z, w, false);
  iterations++;
  if (!(benefit > 0.0)) {
    curSlopeRatio = NaN;
    curDerivative = NaN;
    return -Infinity;
  }
  curSlopeRatio = slope / benefit;
  curDerivative = curSlopeRatio;
  const lnBenefit: f64 = Math.log(benefit);
  curFloor = F_ROUNDING * (1.0 + Math.abs(lnFactor) + Math.abs(lnBenefit) + Math.abs(lnCost));
  return lnFactor + lnBenefit - lnCost;
}

/**
 * The residual of rootfind.ts: F(y) at the logit y, reporting dF/dy, F's rounding level and,
 * at the first evaluation, a first step. From the neutral start F is dominated by -z/lambda,
 * nearly linear in z rather than in y: the first step is Newton in z, mapped back to y, when it
 * stays inside (0, H).
 */
function residual(y: f64): f64 {
  const lnCost: f64 = residualCost;
  let z: f64;
  let w: f64;
  if (y >= 0.0) {
    const t: f64 = Math.exp(-y);
    z = horizon / (1.0 + t);
    w = t > TINY_RATIO ? (horizon * t) / (1.0 + t) : Math.exp(Math.log(horizon) - y);
  } else {
    const t: f64 = Math.exp(y);
    z = t > TINY_RATIO ? (horizon * t) / (1.0 + t) : Math.exp(Math.log(horizon) + y);
    w = horizon / (1.0 + t);
  }
  const f: f64 = residualAt(z, w, lnCost);
  curDerivative *= (z * w) / horizon;
  let firstTarget: f64 = NaN;
  if (rootfind.evaluations == 0) {
    // From the estimate of guess.ts: its approximation corrected by this evaluation; otherwise Newton in z.
    let z1: f64 = firstStepTarget(curZ, f, curSlopeRatio);
    if (!(z1 == z1)) z1 = curZ - f / curSlopeRatio;
    if (z1 > 0.0 && z1 < horizon) firstTarget = Math.log(z1 / (horizon - z1));
  }
  // Once the remaining step may be taken without evaluating (polish does), F counts as zero here.
  const floor: f64 = finalStepAllowed(f) ? Math.max(curFloor, Math.abs(f)) : curFloor;
  rootfind.report(curDerivative, floor, firstTarget);
  return f;
}

/** The Newton step from the last evaluation in ln z (z <= H - z) or ln(H - z), for the residual f. */
function logStep(f: f64): f64 {
  return curZ <= curW ? -f / (curZ * curSlopeRatio) : f / (curW * curSlopeRatio);
}

/**
 * The separation of the last two evaluated points, z_k - z_(k-1) (days), from whichever of z and
 * H - z keeps it exact.
 */
function lastSpan(): f64 {
  return curZ <= curW ? curZ - prevZ : prevW - curW;
}

/**
 * True when the Newton step from the last evaluation (residual f) may be taken without a new
 * evaluation: it is below FINAL_STEP, F is decreasing there, a previous evaluation gives the
 * secant curvature, and Newton's error predicted from it is below FINAL_STEP_ERROR.
 */
function finalStepAllowed(f: f64): bool {
  if (!isFinite(f) || !(curSlopeRatio < 0.0) || !(prevZ == prevZ) || !isFinite(prevSlopeRatio)) return false;
  if (!isFinite(slope) || !isFinite(prevSlope)) return false;
  const step: f64 = logStep(f);
  if (!(Math.abs(step) <= FINAL_STEP)) return false;
  const span: f64 = lastSpan();
  // The secant MB'' carries the rounding noise of both slopes over span; dz scales it down.
  if (!(Math.abs(-f / curSlopeRatio) <= FINAL_SPAN_SHARE * Math.abs(span))) return false;
  // Newton's error in z: (F''/(2 F')) dz^2, F'' from the secant of F' over the last two points.
  const dz: f64 = -f / curSlopeRatio;
  const curvature: f64 = (curSlopeRatio - prevSlopeRatio) / span;
  const error: f64 = Math.abs((curvature * dz * dz) / (2.0 * curSlopeRatio));
  if (!(error <= FINAL_STEP_ERROR * Math.min(curZ, curW))) return false;
  // |MB''/MB'|: the secant of MB' (both in the last evaluation's factor), but at least the scale
  // (1 + m)/min(z, H - z) on which the CP spike (near 0) and MB ~ (H - z)^k (near H) vary: the
  // secant misses the third derivative where MB' turns sharply (d ~ 1 next to the horizon).
  const secantRatio: f64 = Math.abs(secantSecondDerivative() / slope);
  const ratio: f64 = Math.max(secantRatio, (1.0 + exponent) / Math.min(curZ, curW));
  return Math.abs(dz * ratio) * Math.abs(0.5 * span * ratio) <= FINAL_SLOPE_ERROR;
}

/** MB'' e^-lnFactor from the secant of MB' over the last two evaluations. */
function secantSecondDerivative(): f64 {
  const previous: f64 = prevSlope * Math.exp(prevLnFactor - lnFactor);
  return (slope - previous) / lastSpan();
}

/**
 * Take the final Newton step (log step `step`) without evaluating: move curZ, curW and keep dz
 * and MB'(z*) extrapolated with the secant MB'' of the last two evaluations (its error, about the
 * last span times the third derivative, enters multiplied by dz, itself below 1e-9 relative).
 */
function takeFinalStep(step: f64): void {
  let z: f64 = curZ;
  let w: f64 = curW;
  let dz: f64;
  if (z <= w) {
    z *= Math.exp(step);
    w = horizon - z;
    dz = z - curZ;
  } else {
    w *= Math.exp(step);
    z = horizon - w;
    dz = curW - w;
  }
  finalSlope = slope + dz * secantSecondDerivative();
  finalDz = dz;
  finalStepTaken = true;
  curZ = z;
  curW = w;
}

/**
 * Polish a root found in y. y = ln(z/(H-z)) resolves z only to ulp(y) relatively (6e-14 at
 * z ~ 1e-174); Newton steps taken multiplicatively on whichever of z and H - z is the smaller
 * part of H keep full relative precision. At most POLISH_STEPS steps, each only while F is
 * above its rounding level.
 */
function polish(f0: f64, lnCost: f64): void {
  let f: f64 = f0;
  for (let k: i32 = 0; k < POLISH_STEPS && isFinite(f) && Math.abs(f) > curFloor && curSlopeRatio < 0.0; k++) {
    if (finalStepAllowed(f)) {
      takeFinalStep(logStep(f));
      return;
    }
    let z: f64 = curZ;
    let w: f64 = curW;
    if (z <= w) {
      // dF/d(ln z) = z F'(z): step ln z by -F / (z F').
      z *= Math.exp(-f / (z * curSlopeRatio));
      w = horizon - z;
    } else {
      // dF/d(ln w) = -w F'(z): step ln w by F / (w F').
      w *= Math.exp(f / (w * curSlopeRatio));
      z = horizon - w;
    }
    if (z == curZ || !(z > 0.0) || !(w > 0.0)) return;
    f = residualAt(z, w, lnCost);
  }
}

/**
 * Find the root of F(y) from y0 with rootfind.ts (safeguarded Newton-Halley with a bracket; F
 * can have plateaus, a GDP term nearly constant in z for d ~ 1, joined to steep stretches, the
 * CP spike of slope 1 - m), then polish it in z or H - z. Leaves curZ, curW at the root.
 */
function findRoot(lnCost: f64, y0: f64): void {
  residualCost = lnCost;
  curZ = NaN;
  curW = NaN;
  curSlopeRatio = NaN;
  finalStepTaken = false;
  rootfind.findRoot(residual, y0, yLimit);
  curF = rootfind.rootF;
  rootBelowFloor = rootfind.belowRange;
  rootAboveCeiling = rootfind.aboveRange;
  if (!rootBelowFloor && !rootAboveCeiling && isFinite(curF)) polish(curF, lnCost);
}

/** Record the outputs at the boundary z = H (MB = 0 there, E = 0). */
function atHorizon(s: i32): void {
  zStar = horizon;
  status = s;
  evaluateAt(horizon, 0.0, true);
  record();
}

/** Below this fraction of lambda, E(0) - E(z*) is formed by reserveBenefit (no cancellation). */
const SMALL_RESERVE: f64 = 0.25;

/**
 * netAtStar from lossAtZero, lossAtStar and zStar. For a small z* the difference E(0) - E(z*)
 * would cancel (both ~E(0), their difference ~z* MB): there the benefit is summed directly.
 */
function recordNet(): void {
  if (lossAtZero == Infinity) {
    netAtStar = Infinity;
  } else if (rootBelowFloor) {
    // 0 <= W(z*) <= int_0^{floor} MB ~ 1e-300 q0: zero to every digit a double holds.
    netAtStar = 0.0;
  } else if (status == STATUS_INTERIOR && zStar < SMALL_RESERVE * meanDisruption) {
    netAtStar = reserveBenefit(zStar) - unitCost * zStar;
  } else {
    netAtStar = lossAtZero - lossAtStar - unitCost * zStar;
  }
}

/**
 * Solve the case set by model.setCase: sets zStar, status, iterations, benefitAtStar,
 * slopeAtStar, lossAtStar, lossAtZero and netAtStar.
 */
export function solveCurrent(): void {
  rootBelowFloor = false;
  rootAboveCeiling = false;
  yLimit = Math.log(horizon) - LN_MIN_NORMAL;
  solveRoot();
  recordNet();
}

/**
 * The logit y = ln(z/(H - z)) of the first point: the asymptotic estimate of guess.ts, formed
 * from ln(z/H) so that it stays exact for tiny z, or min(START_DISRUPTIONS lambda, H/2).
 */
function startingLogit(): f64 {
  const lnFraction: f64 = initialLogFraction();
  if (lnFraction < -GUESS_MARGIN && lnFraction > -yLimit) return lnFraction - Math.log1p(-Math.exp(lnFraction));
  const z0: f64 = Math.min(START_DISRUPTIONS * meanDisruption, 0.5 * horizon);
  return Math.log(z0 / (horizon - z0));
}

/** z*, status and the values at z* (everything but netAtStar). */
function solveRoot(): void {
  iterations = 0;
  const hasCp: bool = priceSpan > 0.0;
  const hasGdp: bool = gdpWeight > 0.0;
  if (gdpPole) {
    // d = 1: the GDP integrand gdp0 delta / (H - t) is not integrable at t = H.
    zStar = horizon;
    status = STATUS_UNBOUNDED;
    benefitAtStar = Infinity;
    slopeAtStar = -Infinity;
    lossAtStar = 0.0;
    lossAtZero = Infinity;
    return;
  }
  // E(0) diverges for m >= 2 with the CP term (docs/model.md, "What a solve reports"): no need to
  // sum it. A choke price keeps it finite.
  if (hasCp && exponent >= 2.0 && !chokeActive) {
    lossAtZero = Infinity;
  } else {
    evaluateAtZero();
    lossAtZero = loss == Infinity ? loss : loss * Math.exp(lnLossFactor);
  }
  if (!hasCp && !hasGdp) {
    // MB = 0 everywhere: holding anything only costs (or, with MC = 0, changes nothing).
    zStar = 0.0;
    status = STATUS_ZERO;
    benefitAtStar = 0.0;
    slopeAtStar = 0.0;
    lossAtStar = 0.0;
    return;
  }
  if (lnUnitCost == -Infinity) {
    atHorizon(STATUS_HORIZON);
    return;
  }
  const lnCost: f64 = lnUnitCost;
  // MB(0+) is finite without the CP term, for m < 1 or below a choke price; then z* = 0 when MB(0) <= MC.
  if (!hasCp || exponent < 1.0 || chokeActive) {
    if (lnFactor + Math.log(benefit) <= lnCost) {
      zStar = 0.0;
      status = STATUS_ZERO;
      record();
      return;
    }
  }
  findRoot(lnCost, startingLogit());
  zStar = curZ;
  status = STATUS_INTERIOR;
  // The root finder skips what only E needs; the quadrature regime must re-evaluate for it (at
  // z*, which makes any final step's extrapolation unnecessary).
  if (isNaN(loss)) {
    evaluateAt(curZ, curW, true);
    finalStepTaken = false;
  }
  record();
  if (finalStepTaken) {
    // z* = z_k + dz: MB(z*) = MC to Newton's error, E(z*) = E(z_k) - int MB over dz (trapezoid).
    lossAtStar -= 0.5 * finalDz * (benefitAtStar + unitCost);
    benefitAtStar = unitCost;
    slopeAtStar = finalSlope * Math.exp(lnFactor);
  }
  if (rootBelowFloor) {
    // MB(0+) is infinite but so weakly (m ~ 1, or e^(-H/lambda)-small weights) that the root is
    // below the smallest normal double: report 0, within 2.2e-308 days of it. MB(z*) = MC by
    // definition; MB' there is beyond the double range; S barely moves below the floor
    // (S' = MC - MB is integrable), so the value at the floor stands for S(z*).
    zStar = 0.0;
    status = STATUS_NEAR_ZERO;
    benefitAtStar = unitCost;
    slopeAtStar = -Infinity;
  } else if (rootAboveCeiling || curZ == horizon) {
    // The root is within rounding of H (H - z* below the spacing of doubles at H, or below the
    // smallest normal double): z* = H is its correct rounding. MB(z*) = MC by definition; the
    // last evaluation, at H - z* = w > 0, gives MB' and S to every digit their limits hold.
    zStar = horizon;
    status = STATUS_NEAR_HORIZON;
    benefitAtStar = unitCost;
  }
}

