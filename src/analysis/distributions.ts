/** Parameter distributions for monteCarlo, and sampling them from a seeded stream. */
import { PARAMETER_SPECS, allowedInterval, describeRange, inRange, type NumericParam, type Params } from "../params";
import { invalid, type ParameterError } from "../rules";
import type { Uniform } from "./random";

export type Distribution =
  | { type: "uniform"; min: number; max: number }
  | { type: "triangular"; min: number; mode: number; max: number }
  /** Normal, truncated to the parameter's allowed range. */
  | { type: "normal"; mean: number; sd: number }
  /** Lognormal with the mean and sd of the variable itself, truncated to the allowed range. */
  | { type: "lognormal"; mean: number; sd: number }
  | { type: "discrete"; values: readonly number[]; weights?: readonly number[] };

/** Rejection sampling gives up after this many draws for one value (no mass in range). */
const MAX_REJECTIONS = 10_000;

function bad(name: string, d: unknown, why: string): ParameterError {
  return invalid(`distribution for ${name}`, d, why);
}

const finite = (...xs: unknown[]) => xs.every((x) => typeof x === "number" && Number.isFinite(x));

/** Check a distribution's own parameters (not yet the model's range). */
export function checkDistribution(name: string, d: Distribution): void {
  if (d === null || typeof d !== "object") throw bad(name, d, "an object { type, ... }");
  switch (d.type) {
    case "uniform":
      if (!finite(d.min, d.max) || d.min > d.max) throw bad(name, d, "uniform with finite min <= max");
      return;
    case "triangular":
      if (!finite(d.min, d.mode, d.max) || !(d.min <= d.mode && d.mode <= d.max)) {
        throw bad(name, d, "triangular with finite min <= mode <= max");
      }
      return;
    case "normal":
      if (!finite(d.mean, d.sd) || d.sd < 0) throw bad(name, d, "normal with a finite mean and sd >= 0");
      return;
    case "lognormal":
      if (!finite(d.mean, d.sd) || d.mean <= 0 || d.sd < 0) throw bad(name, d, "lognormal with a finite mean > 0 and sd >= 0");
      return;
    case "discrete": {
      if (!Array.isArray(d.values) || d.values.length === 0 || !finite(...d.values)) {
        throw bad(name, d, "discrete with a non-empty list of finite values");
      }
      const w = d.weights ?? d.values.map(() => 1);
      if (!Array.isArray(w) || w.length !== d.values.length || !finite(...w) || w.some((x) => x < 0) ||
        !(w.reduce((a, b) => a + b, 0) > 0) || !Number.isFinite(w.reduce((a, b) => a + b, 0))) {
        throw bad(name, d, "discrete weights >= 0, one per value, with a positive finite sum");
      }
      return;
    }
    default:
      throw bad(name, d, "type uniform, triangular, normal, lognormal or discrete");
  }
}

/** A standard normal by Box-Muller (one of the pair; both uniforms from the stream). */
function standardNormal(u: Uniform): number {
  const u1 = 1 - u(); // in (0, 1]
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
}

/** One draw of `d` (before truncation). */
function draw(d: Distribution, u: Uniform, cumulative: number[] | undefined): number {
  switch (d.type) {
    case "uniform":
      return d.min + (d.max - d.min) * u();
    case "triangular": {
      // Inverse CDF of the triangular law.
      const span = d.max - d.min;
      if (span === 0) return d.min;
      const x = u();
      const cut = (d.mode - d.min) / span;
      return x < cut ? d.min + Math.sqrt(x * span * (d.mode - d.min)) : d.max - Math.sqrt((1 - x) * span * (d.max - d.mode));
    }
    case "normal":
      return d.mean + d.sd * standardNormal(u);
    case "lognormal": {
      // Mean m and sd s of X itself: ln X ~ N(mu, sigma^2) with sigma^2 = ln(1 + s^2/m^2).
      const sigma2 = Math.log1p((d.sd / d.mean) ** 2);
      return Math.exp(Math.log(d.mean) - sigma2 / 2 + Math.sqrt(sigma2) * standardNormal(u));
    }
    case "discrete": {
      const c = cumulative as number[];
      const x = u() * c[c.length - 1]!;
      let k = 0;
      while (k < c.length - 1 && x >= c[k]!) k++;
      return d.values[k]!;
    }
  }
}

/**
 * The bounds a draw of `name` must satisfy in row i: its own range and the dependent rule
 * priceFloor <= price, taken against the row's own price (`prices[i]` when price is sampled),
 * and for a sampled price against a fixed floor.
 */
export interface RowBounds {
  /** The sampled prices, when price is sampled (drawn first: kernel order). */
  prices?: Float64Array;
  /** Whether priceFloor is sampled too (then a price draw is bounded only by its own range). */
  floorSampled: boolean;
  /** Whether chokePrice is sampled too (then it is checked against each row's price, not the price against it). */
  chokeSampled?: boolean;
}

/**
 * `count` draws of `d` for the parameter `name` into a Float64Array. Normal and lognormal draws
 * outside the allowed range of their row are redrawn (truncation, against the row's own price
 * for priceFloor); other laws are sampled as given, and a value outside the range becomes an
 * invalid row of the batch (counted in MonteCarloResult.invalidSamples).
 */
export function sample(name: NumericParam, d: Distribution, count: number, u: Uniform, p: Readonly<Params>, rows: RowBounds): Float64Array {
  checkDistribution(name, d);
  const cumulative = d.type === "discrete"
    ? (d.weights ?? d.values.map(() => 1)).reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] ?? 0) + w], [])
    : undefined;
  const truncate = d.type === "normal" || d.type === "lognormal";
  const spec = PARAMETER_SPECS.find((s) => s.name === name)!;
  const prices = rows.prices;
  // A sampled price meets the dependent rule against a fixed floor (a sampled floor meets it against the price).
  const floor = name === "price" && !rows.floorSampled ? allowedInterval("price", p).lo : -Infinity;
  // ... and stays below a fixed choke price (price < chokePrice).
  const ceiling = name === "price" && !rows.chokeSampled ? p.chokePrice : Infinity;
  const ok = (x: number, i: number): boolean =>
    inRange(spec, x, prices ? prices[i]! : p.price) && x >= floor && (x < ceiling || ceiling === Infinity);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let x = draw(d, u, cumulative);
    for (let tries = 1; truncate && !ok(x, i); tries++) {
      if (tries >= MAX_REJECTIONS) {
        // Against a fixed bound no row can do better: the law misses the range. Against a
        // sampled price only this row's price is too low: the row stays invalid and is counted.
        if (name !== "priceFloor" || !prices) {
          throw bad(name, d, `a law with probability inside the allowed range (${describeRange(name, p.price)}${floor > 0 ? ` and price >= priceFloor = ${floor}` : ""}${ceiling < Infinity ? ` and price < chokePrice = ${ceiling}` : ""})`);
        }
        break;
      }
      x = draw(d, u, cumulative);
    }
    out[i] = x;
  }
  return out;
}
