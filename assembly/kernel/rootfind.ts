/**
 * A safeguarded Newton-Halley root finder for a decreasing function F(y) on [-limit, limit],
 * independent of the model (tests/rootfind.test.ts runs it on synthetic functions).
 *
 * Protocol (no closures, so that AssemblyScript compiles it too): the caller passes F as a
 * top-level function; each call F(y) returns F and reports, through report(), dF/dy at y, the
 * rounding level of F there (|F| below it counts as zero), and optionally a better first step
 * (a y to jump to after the first evaluation, or NaN).
 *
 * Method: every evaluation tightens a bracket [lo, hi]; the step is Newton's with Halley's
 * correction from a secant estimate of F'' (order ~2.4), taken only while it stays inside the
 * bracket, and at most MAX_OPEN_STEP while one side of the bracket is still open; otherwise
 * bisection (or a MAX_OPEN_STEP stride toward the open side). F may be non-finite: then only its
 * sign is used. It stops when |F| is at its rounding level, when a step falls below the spacing
 * of doubles at y, or when the bracket is narrower than BRACKET_DONE; at most MAX_EVALUATIONS
 * evaluations whatever F does. The last evaluation is always at the returned point.
 */

/** A residual: F(y), reporting its derivative and rounding level through report(). */
export type Residual = (y: f64) => f64;

/** Newton steps below this (relative to 1 + |y|) cannot improve y further. */
const STEP_FLOOR: f64 = 4.0 * 2.220446049250313e-16;
/** Halley's correction is applied only while it changes the Newton step by less than this. */
const HALLEY_LIMIT: f64 = 0.5;
/** A bracket narrower than this (relative to 1 + |y|) ends the search: F is flat to rounding there. */
const BRACKET_DONE: f64 = 1e-15;
/** Largest single step while one side of the bracket is still open. */
const MAX_OPEN_STEP: f64 = 30.0;
/** A bound on the work for any F (the model needs about 5; bisection from +-750 needs ~60). */
export const MAX_EVALUATIONS: i32 = 200;

// What the residual reported about its last point.
let reportedDerivative: f64 = 0.0;
let reportedFloor: f64 = 0.0;
let reportedFirstTarget: f64 = NaN;

/** Called by the residual at each point: dF/dy, F's rounding level, a first-step target or NaN. */
export function report(derivative: f64, floor: f64, firstTarget: f64): void {
  reportedDerivative = derivative;
  reportedFloor = floor;
  reportedFirstTarget = firstTarget;
}

/** The root found (the point of the last evaluation). */
export let rootY: f64 = 0.0;
/** F at rootY. */
export let rootF: f64 = 0.0;
/** F < 0 at every point tried down to -limit (the root lies below). */
export let belowRange: bool = false;
/** F > 0 at every point tried up to +limit (the root lies above). */
export let aboveRange: bool = false;
/** Evaluations of F used. */
export let evaluations: i32 = 0;

/** Find the root of the decreasing F on [-limit, limit], starting at y0. Sets the exports above. */
export function findRoot(f: Residual, y0: f64, limit: f64): void {
  let lo: f64 = -limit;
  let hi: f64 = limit;
  let loOpen: bool = true;
  let hiOpen: bool = true;
  let y: f64 = y0;
  let fy: f64 = NaN;
  let evaluatedAtY: bool = false;
  let prevY: f64 = NaN;
  let prevDerivative: f64 = NaN;
  evaluations = 0;
  for (let it: i32 = 0; it < MAX_EVALUATIONS; it++) {
    fy = f(y);
    evaluations++;
    evaluatedAtY = true;
    const derivative: f64 = reportedDerivative;
    if (isFinite(fy) && Math.abs(fy) <= reportedFloor) break;
    if (fy > 0.0) {
      lo = y;
      loOpen = false;
    } else {
      hi = y;
      hiOpen = false;
    }
    if (hi - lo <= BRACKET_DONE * (1.0 + Math.abs(y))) break;
    let newtonStep: f64 = -fy / derivative;
    if (it == 0 && reportedFirstTarget == reportedFirstTarget) newtonStep = reportedFirstTarget - y;
    const curvature: f64 = (derivative - prevDerivative) / (y - prevY);
    const halley: f64 = (newtonStep * curvature) / (2.0 * derivative);
    const newton: f64 = y + (Math.abs(halley) < HALLEY_LIMIT ? newtonStep / (1.0 + halley) : newtonStep);
    prevY = y;
    prevDerivative = derivative;
    let next: f64;
    if (derivative < 0.0 && newton > lo && newton < hi) {
      const step: f64 = newton - y;
      if (Math.abs(step) <= STEP_FLOOR * (1.0 + Math.abs(y))) break;
      if (loOpen && step < -MAX_OPEN_STEP) next = y - MAX_OPEN_STEP;
      else if (hiOpen && step > MAX_OPEN_STEP) next = y + MAX_OPEN_STEP;
      else next = newton;
    } else if (loOpen) {
      next = Math.max(y - MAX_OPEN_STEP, -limit);
    } else if (hiOpen) {
      next = Math.min(y + MAX_OPEN_STEP, limit);
    } else {
      next = 0.5 * (lo + hi);
    }
    if (next == y) break;
    y = next;
    evaluatedAtY = false;
  }
  if (!evaluatedAtY) {
    fy = f(y);
    evaluations++;
  }
  rootY = y;
  rootF = fy;
  belowRange = loOpen && y <= -limit;
  aboveRange = hiOpen && y >= limit;
}
