/**
 * The one-dimensional maximiser behind every best response of the coordination model
 * (docs/coordination.md, "Best responses"). Payoffs there have kinks (a drawdown limit, the
 * shortfall cap, a capacity) and need not be concave, so Newton's method is not safe. Instead:
 *
 * 1. scan the marginal g (the exact right derivative) on a bracketing grid: 48 even points on
 *    [0, upper], 24 points upper 2^-k (k = 1..24) towards 0 where marginals are steep, and the
 *    caller's kinks;
 * 2. every grid interval where g falls from > 0 to <= 0 brackets a local maximum: bisect it on
 *    the sign of g until the bracket is below 1e-15 relative (a root of the marginal condition,
 *    or the kink where g jumps through zero);
 * 3. add the ends (0 if g(0) <= 0, upper if g(upper) > 0), evaluate the objective at each
 *    candidate and keep the best (the smallest on a tie).
 *
 * A local maximum narrower than the grid spacing can be missed; the grid is what makes the
 * method robust to kinks and to several local maxima.
 */

/** Grid points spread evenly, and points halving towards 0. */
const EVEN_POINTS = 48;
const HALVINGS = 24;
/** Bisection stops when the bracket is below this fraction of its upper end (a few ulps). */
const BISECTION_TOLERANCE = 1e-15;
const BISECTION_MAX_STEPS = 200;
/** A bisection root this close to a kink (relative to the interval) is the kink. */
const KINK_SNAP = 1e-12;

/** The maximiser found and its objective value. */
export interface Maximum {
  x: number;
  value: number;
}

/**
 * Maximise `value` over [0, upper] (upper > 0 finite) given its right derivative `marginal`;
 * `kinks` are points in (0, upper) where `marginal` may jump (added to the grid).
 */
export function maximizeOnInterval(
  value: (x: number) => number, marginal: (x: number) => number, upper: number, kinks: readonly number[] = [],
): Maximum {
  const grid: number[] = [0, upper];
  for (let k = 1; k < EVEN_POINTS; k++) grid.push((upper * k) / EVEN_POINTS);
  for (let k = 1; k <= HALVINGS; k++) grid.push(upper * 2 ** -k);
  for (const x of kinks) if (x > 0 && x < upper) grid.push(x);
  grid.sort((a, b) => a - b);
  const points = grid.filter((x, k) => k === 0 || x > grid[k - 1]!);
  const slopes = points.map(marginal);
  const candidates: number[] = [];
  if (!(slopes[0]! > 0)) candidates.push(0);
  for (let k = 0; k + 1 < points.length; k++) {
    if (!(slopes[k]! > 0 && !(slopes[k + 1]! > 0))) continue;
    let lo = points[k]!;
    let hi = points[k + 1]!;
    for (let step = 0; step < BISECTION_MAX_STEPS && hi - lo > BISECTION_TOLERANCE * hi; step++) {
      const mid = 0.5 * (lo + hi);
      if (marginal(mid) > 0) lo = mid;
      else hi = mid;
    }
    const root = 0.5 * (lo + hi);
    // A root at a kink is the kink itself: snap to it, so that its one-sided derivatives are exact.
    const kink = kinks.find((x) => Math.abs(x - root) <= KINK_SNAP * upper);
    candidates.push(kink ?? root);
  }
  if (slopes[slopes.length - 1]! > 0) candidates.push(upper);
  let best: Maximum = { x: candidates[0]!, value: value(candidates[0]!) };
  for (let k = 1; k < candidates.length; k++) {
    const v = value(candidates[k]!);
    if (v > best.value) best = { x: candidates[k]!, value: v };
  }
  return best;
}
