/**
 * The optimal reserve z*: the root of MB(z) = MC on (0, H) and its corners (MODEL.md section 3).
 *
 * Method: safeguarded Newton on F(y) = ln MB(z) - ln MC in the logit variable
 * y = ln(z / (H - z)). MB behaves like z^(1-m) as z -> 0 and like (H - z)^k (k = 1 or 2) as
 * z -> H, so F is asymptotically linear in y at both ends and Newton converges from anywhere;
 * every evaluation also tightens a bracket, and a step that leaves the bracket is replaced by
 * bisection. The iteration stops once a Newton step is below STEP_TOL in y (a relative change of
 * z and of H - z below 1e-10); the last step is taken, so the error is that step squared, at the
 * rounding level of F (~1e-15 relative in z).
 */
import {
  exponent, gdpWeight, horizon, importDependence, priceSpan, unitCost,
} from "./model";
import { benefit, evaluateAt, evaluateAtZero, lnFactor, loss, slope } from "./marginal";

/** Status codes, shared with the host (the order of STATUS_NAMES in src/). */
export const STATUS_INTERIOR: i32 = 0;
export const STATUS_ZERO: i32 = 1;
export const STATUS_HORIZON: i32 = 2;
export const STATUS_UNBOUNDED: i32 = 3;

/** Logit bounds: z down to H e^-700 and H - z down to H e^-700. */
const Y_LIMIT: f64 = 700.0;
/** Newton stops after a step below this (see above). */
const STEP_TOL: f64 = 1e-10;
/** Largest single Newton step while one side of the bracket is still open. */
const MAX_OPEN_STEP: f64 = 30.0;
const MAX_ITERATIONS: i32 = 200;

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

// Scratch for the current Newton point.
let curZ: f64 = 0.0;
let curDerivative: f64 = 0.0;

/** Store benefitAtStar, slopeAtStar, lossAtStar from the last evaluation. */
function record(): void {
  const factor: f64 = Math.exp(lnFactor);
  benefitAtStar = benefit > 0.0 ? benefit * factor : 0.0;
  slopeAtStar = slope * factor;
  lossAtStar = loss > 0.0 ? loss * factor : 0.0;
}

/** Evaluate at logit y; returns F(y) and sets curZ, curDerivative = dF/dy. */
function residual(y: f64, lnCost: f64): f64 {
  let z: f64;
  let w: f64;
  if (y >= 0.0) {
    const t: f64 = Math.exp(-y);
    z = horizon / (1.0 + t);
    w = (horizon * t) / (1.0 + t);
  } else {
    const t: f64 = Math.exp(y);
    z = (horizon * t) / (1.0 + t);
    w = horizon / (1.0 + t);
  }
  curZ = z;
  evaluateAt(z, w);
  iterations++;
  if (!(benefit > 0.0)) {
    curDerivative = NaN;
    return -Infinity;
  }
  curDerivative = (slope / benefit) * ((z * w) / horizon);
  return lnFactor + Math.log(benefit) - lnCost;
}

/** Newton-bisection on F(y) from y0; leaves curZ at the root. */
function findRoot(lnCost: f64, y0: f64): void {
  let lo: f64 = -Y_LIMIT;
  let hi: f64 = Y_LIMIT;
  let loOpen: bool = true;
  let hiOpen: bool = true;
  let y: f64 = y0;
  for (let it: i32 = 0; it < MAX_ITERATIONS; it++) {
    const f: f64 = residual(y, lnCost);
    if (f == 0.0) return;
    if (f > 0.0) {
      lo = y;
      loOpen = false;
    } else {
      hi = y;
      hiOpen = false;
    }
    let next: f64 = y - f / curDerivative;
    const newtonOk: bool = curDerivative < 0.0 && isFinite(next);
    if (!newtonOk || next <= lo || next >= hi) {
      if (loOpen) next = y - MAX_OPEN_STEP;
      else if (hiOpen) next = y + MAX_OPEN_STEP;
      else next = 0.5 * (lo + hi);
      if (next < -Y_LIMIT) next = -Y_LIMIT;
      if (next > Y_LIMIT) next = Y_LIMIT;
    } else if (loOpen && y - next > MAX_OPEN_STEP) {
      next = y - MAX_OPEN_STEP;
    } else if (hiOpen && next - y > MAX_OPEN_STEP) {
      next = y + MAX_OPEN_STEP;
    }
    const step: f64 = Math.abs(next - y);
    y = next;
    if (step <= STEP_TOL * (1.0 + Math.abs(y)) || hi - lo <= STEP_TOL) break;
    if (y == lo || y == hi) break;
  }
  residual(y, lnCost);
}

/** Record the outputs at the boundary z = H (MB = 0 there, E = 0). */
function atHorizon(s: i32): void {
  zStar = horizon;
  status = s;
  evaluateAt(horizon, 0.0);
  record();
}

/**
 * Solve the case set by model.setCase: sets zStar, status, iterations, benefitAtStar,
 * slopeAtStar, lossAtStar and lossAtZero.
 */
export function solveCurrent(): void {
  iterations = 0;
  const hasCp: bool = priceSpan > 0.0;
  const hasGdp: bool = gdpWeight > 0.0;
  if (hasGdp && importDependence == 1.0) {
    // d = 1: the GDP integrand gdp0 delta / (H - t) is not integrable at t = H.
    zStar = horizon;
    status = STATUS_UNBOUNDED;
    benefitAtStar = Infinity;
    slopeAtStar = -Infinity;
    lossAtStar = 0.0;
    lossAtZero = Infinity;
    return;
  }
  evaluateAtZero();
  lossAtZero = loss * Math.exp(lnFactor);
  if (!hasCp && !hasGdp) {
    // MB = 0 everywhere: holding anything only costs (or, with MC = 0, changes nothing).
    zStar = 0.0;
    status = STATUS_ZERO;
    benefitAtStar = 0.0;
    slopeAtStar = 0.0;
    lossAtStar = 0.0;
    return;
  }
  if (unitCost == 0.0) {
    atHorizon(STATUS_HORIZON);
    return;
  }
  const lnCost: f64 = Math.log(unitCost);
  // MB(0+) is finite without the CP term or for m < 1; then z* = 0 when MB(0) <= MC.
  if (!hasCp || exponent < 1.0) {
    if (lnFactor + Math.log(benefit) <= lnCost) {
      zStar = 0.0;
      status = STATUS_ZERO;
      record();
      return;
    }
  }
  findRoot(lnCost, 0.0);
  zStar = curZ;
  status = STATUS_INTERIOR;
  record();
}

