/**
 * The price cells of the strategy grid (docs/strategy.md, "Exact evaluation on a grid"): under
 * price noise each Rouwenhorst price state j stands for an interval ("cell") of the continuous
 * log price, so that a rule whose decision depends on the price (buyBelowPrice, sellAbovePrice,
 * dollar fills) acts on the share of the cell beyond its threshold, not on the whole state.
 *
 * The cells partition the stationary law of the OU log price, χ ~ N(0, s²), s = σ_P/sqrt(2κ), into
 * intervals whose masses are the Rouwenhorst grid's stationary probabilities C(n-1, j)/2^(n-1), so
 * the long-run share of time beyond any threshold is that of the continuous process exactly. Within
 * cell j the normal-time price is P = P0 c_j e^χ, χ ~ N(0, s²) restricted to the cell, with c_j =
 * e^(χ_j)/E[e^χ | cell j] so that its mean is the state's price P0 e^(χ_j): a rule that does not
 * look at the price costs what it did before.
 */
import { normalMass, normalQuantileLower } from "./normal";

/** The cells of a price grid. */
export interface PriceCells {
  /** s, the stationary s.d. of the log price. */
  spread: number;
  /** Cell bounds in units of s: cell j is (bounds[j], bounds[j + 1]]; bounds[0] = -∞, bounds[n] = +∞. */
  bounds: Float64Array;
  /** log c_j, the log of each cell's price scale (the state's price over the cell's mean of e^χ). */
  logScale: Float64Array;
}

/** Rouwenhorst's stationary law, Binomial(n - 1, 1/2), as its lower and upper cumulative sums (each summed from its own tail). */
function binomialTails(n: number): { lower: Float64Array; upper: Float64Array } {
  const weights = new Float64Array(n);
  // C(n-1, j)/2^(n-1) by the ratio C(n-1, j)/C(n-1, j-1) = (n - j)/j from 2^-(n-1).
  weights[0] = Math.pow(2, -(n - 1));
  for (let j = 1; j < n; j++) weights[j] = (weights[j - 1]! * (n - j)) / j;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) lower[j] = sum += weights[j]!;
  sum = 0;
  for (let j = n - 1; j >= 0; j--) { upper[j] = sum; sum += weights[j]!; }
  return { lower, upper };
}

/**
 * The cells of an n-point Rouwenhorst grid with points χ_j and stationary s.d. `spread` (> 0).
 * Bound j + 1 is the standard normal quantile of the grid's mass up to state j, taken from the
 * smaller tail (the law is symmetric, so the bounds are too).
 */
export function priceCells(points: Float64Array, spread: number): PriceCells {
  const n = points.length;
  const { lower, upper } = binomialTails(n);
  const bounds = new Float64Array(n + 1);
  bounds[0] = -Infinity;
  bounds[n] = Infinity;
  for (let j = 0; j < n - 1; j++) {
    bounds[j + 1] = lower[j]! <= 0.5 ? normalQuantileLower(lower[j]!) : -normalQuantileLower(upper[j]!);
  }
  const logScale = Float64Array.from(points, (chi, j) => chi - Math.log(cellExpMoment(spread, bounds[j]!, bounds[j + 1]!, 1) / normalMass(bounds[j]!, bounds[j + 1]!)));
  return { spread, bounds, logScale };
}

/**
 * E[e^(k s Z); a < Z <= b] for a standard normal Z: e^(k² s²/2) P(a - k s < Z <= b - k s) (the
 * lognormal partial expectation: completing the square in the normal density).
 */
export function cellExpMoment(spread: number, a: number, b: number, k: number): number {
  const shift = k * spread;
  return Math.exp(0.5 * shift * shift) * normalMass(a - shift, b - shift);
}

/**
 * The part of cell j where the price P0 c_j e^(s Z) lies in [low, high] (USD/unit; low may be 0,
 * high Infinity), as bounds on Z clipped to the cell: (a, b] with a <= b.
 */
export function priceRange(cells: PriceCells, j: number, price0: number, low: number, high: number): { a: number; b: number } {
  const lo = cells.bounds[j]!;
  const hi = cells.bounds[j + 1]!;
  const z = (price: number): number => (Math.log(price / price0) - cells.logScale[j]!) / cells.spread;
  const a = low > 0 ? Math.max(lo, Math.min(hi, z(low))) : lo;
  const b = high < Infinity ? Math.max(a, Math.min(hi, z(high))) : hi;
  return { a, b };
}
