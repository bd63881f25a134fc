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

/** Standardised log prices beyond this carry a normal mass below 1e-23: the quadrature stops there. */
const Z_LIMIT = 10;

/**
 * P(Z ∈ (a, b], Z' ∈ (c, d]) for standard normals of correlation ρ (|ρ| < 1): the integral over z
 * of φ(z) P(c < ρz + sqrt(1 - ρ²) ξ <= d), by composite Simpson on (a, b] clipped to ±10, with a step
 * of at most 0.005 and sqrt(1 - ρ²)/40 (the width over which the inner probability changes): within
 * 1e-9 relative or 1e-12 absolute of mpmath (tests/strategy-normal.test.ts).
 */
export function bivariateMass(a: number, b: number, c: number, d: number, rho: number): number {
  const lo = Math.max(a, -Z_LIMIT);
  const hi = Math.min(b, Z_LIMIT);
  if (!(hi > lo)) return 0;
  const e = Math.sqrt(1 - rho * rho);
  const intervals = 2 * Math.ceil((hi - lo) / Math.min(0.005, e / 40) / 2);
  const h = (hi - lo) / intervals;
  const f = (z: number): number => Math.exp(-0.5 * z * z) * normalMass((c - rho * z) / e, (d - rho * z) / e);
  let sum = f(lo) + f(hi);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3 / Math.sqrt(2 * Math.PI);
}

/**
 * Split the cells at the rule's fixed price thresholds (USD/unit): a cell with a threshold inside
 * becomes one state per side, so the chain remembers on which side the price is, as the process
 * does (with persistence ρ per step it stays there for weeks). Each part keeps its parent's price
 * scale c_j (the price in it is still P0 c_j e^(sZ)), its state's log price is that of its mean
 * price, and the transitions keep the Rouwenhorst law between parent cells: from part u of cell j
 * to part v of cell k with P_R(j, k) P(Z' ∈ v | Z ∈ u, Z' ∈ k) under the stationary bivariate
 * normal of (χ_t, χ_t+1)/s, correlation ρ.
 */
export function splitCells(
  price0: number, points: Float64Array, transition: Float64Array, cells: PriceCells, thresholds: number[], rho: number,
): { logPrices: Float64Array; transition: Float64Array; cells: PriceCells } {
  const n = points.length;
  const s = cells.spread;
  const parts: { parent: number; lo: number; hi: number }[] = [];
  for (let j = 0; j < n; j++) {
    const lo = cells.bounds[j]!;
    const hi = cells.bounds[j + 1]!;
    const inside = thresholds
      .map((price) => (Math.log(price / price0) - cells.logScale[j]!) / s)
      .filter((z) => z > lo && z < hi && normalMass(lo, z) > 1e-12 * normalMass(lo, hi) && normalMass(z, hi) > 1e-12 * normalMass(lo, hi))
      .sort((x, y) => x - y);
    const edges = [lo, ...inside, hi];
    for (let k = 0; k + 1 < edges.length; k++) parts.push({ parent: j, lo: edges[k]!, hi: edges[k + 1]! });
  }
  if (parts.length === n) return { logPrices: points, transition, cells };
  const m = parts.length;
  const split = new Uint8Array(n);
  parts.forEach((part, u) => { if (u > 0 && parts[u - 1]!.parent === part.parent) split[part.parent] = 1; });
  const matrix = new Float64Array(m * m);
  const cellOf = (k: number): [number, number] => [cells.bounds[k]!, cells.bounds[k + 1]!];
  parts.forEach((from, u) => {
    // The side-dependence of the parent move: P(k | part) / P(k | cell j), exact under the bivariate normal.
    const tilt = new Float64Array(n).fill(1);
    if (split[from.parent]) {
      const [jlo, jhi] = cellOf(from.parent);
      for (let k = 0; k < n; k++) {
        const whole = bivariateMass(jlo, jhi, ...cellOf(k), rho) / normalMass(jlo, jhi);
        tilt[k] = whole > 0 ? bivariateMass(from.lo, from.hi, ...cellOf(k), rho) / normalMass(from.lo, from.hi) / whole : 1;
      }
      let total = 0;
      for (let k = 0; k < n; k++) total += transition[from.parent * n + k]! * tilt[k]!;
      for (let k = 0; k < n; k++) tilt[k] = tilt[k]! / total;
    }
    parts.forEach((to, v) => {
      const parent = transition[from.parent * n + to.parent]! * tilt[to.parent]!;
      if (parent === 0) return;
      let share = 1;
      if (split[to.parent]) {
        const whole = bivariateMass(from.lo, from.hi, cells.bounds[to.parent]!, cells.bounds[to.parent + 1]!, rho);
        share = whole > 0
          ? bivariateMass(from.lo, from.hi, to.lo, to.hi, rho) / whole
          : normalMass(to.lo, to.hi) / normalMass(cells.bounds[to.parent]!, cells.bounds[to.parent + 1]!);
      }
      matrix[u * m + v] = parent * share;
    });
  });
  const bounds = Float64Array.from([...parts.map((part) => part.lo), Infinity]);
  const logScale = Float64Array.from(parts, (part) => cells.logScale[part.parent]!);
  const logPrices = Float64Array.from(parts, (part) => (split[part.parent]
    ? cells.logScale[part.parent]! + Math.log(cellExpMoment(s, part.lo, part.hi, 1) / normalMass(part.lo, part.hi))
    : points[part.parent]!));
  return { logPrices, transition: matrix, cells: { spread: s, bounds, logScale } };
}
