/** monteCarlo(): the distribution of z* under uncertain parameters. */
import { solveBatch, type BatchResult } from "../batch";
import type { BatchColumns } from "../columns";
import { STATUS_INVALID } from "../status";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, ParameterError, resolveParams, type NumericParam, type Params } from "../params";
import type { BackendChoice } from "../backend/index";
import { scalarColumns } from "./base";
import { sample, type Distribution } from "./distributions";
import { xoshiro128 } from "./random";
import { assertNumericName } from "./sensitivity";

export type Distributions = Partial<Record<NumericParam, Distribution>>;

export interface MonteCarloOptions {
  /** Number of samples (>= 1). */
  samples: number;
  /** PRNG seed (integer); the same seed gives the same samples and results on every backend. */
  seed: number;
  /** A current stock (days): adds probAboveStock = P(z* > currentStock). */
  currentStock?: number;
  /** Histogram bins (default 40). */
  bins?: number;
  backend?: BackendChoice;
}

export interface MonteCarloResult {
  /** Valid samples (those whose parameters were all in range). */
  samples: number;
  /** Samples whose parameters fell outside the allowed range (uniform/triangular/discrete laws). */
  invalidSamples: number;
  /** Mean and standard deviation (n - 1) of z* (days). */
  mean: number;
  sd: number;
  /** Quantiles of z* (days), linear interpolation between order statistics (numpy's default). */
  quantiles: { p5: number; p25: number; p50: number; p75: number; p95: number };
  /** Histogram of z*: counts[k] samples in [edges[k], edges[k+1]) (the last bin closed). */
  histogram: { edges: number[]; counts: number[] };
  probAboveStock?: number;
  meta: Meta;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function histogram(sorted: Float64Array, bins: number): { edges: number[]; counts: number[] } {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return { edges: [min, max], counts: [sorted.length] };
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? max : min + k * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.floor((v - min) / width))]! += 1;
  return { edges, counts };
}

/** Samples drawn for monteCarlo: the batch columns and the settings to summarise them with. */
export interface MonteCarloDraw {
  params: Params;
  columns: BatchColumns;
  samples: number;
  seed: number;
  bins: number;
  currentStock?: number;
}

/**
 * Validate the options and draw every sample from the seeded PRNG (random.ts), in the fixed
 * order of PARAMETER_SPECS whatever the object's key order. Shared by monteCarlo and the
 * worker pool, so both see the same samples.
 */
export function drawMonteCarlo(base: Partial<Params>, distributions: Distributions, options: MonteCarloOptions): MonteCarloDraw {
  const p = resolveParams(base);
  const { samples, seed } = options;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new ParameterError(`invalid samples: got ${samples}; allowed: a whole number >= 1`, "samples", samples);
  }
  if (!Number.isInteger(seed)) throw new ParameterError(`invalid seed: got ${seed}; allowed: an integer`, "seed", seed);
  const bins = options.bins ?? 40;
  if (!Number.isInteger(bins) || bins < 1) throw new ParameterError(`invalid bins: got ${bins}; allowed: a whole number >= 1`, "bins", bins);
  const stock = options.currentStock;
  if (stock !== undefined && !(Number.isFinite(stock) && stock >= 0)) {
    throw new ParameterError(`invalid currentStock: got ${stock}; allowed: a finite number >= 0 (days)`, "currentStock", stock);
  }
  Object.keys(distributions).forEach(assertNumericName);
  const u = xoshiro128(seed);
  const columns = scalarColumns(p);
  for (const spec of PARAMETER_SPECS) {
    const d = distributions[spec.name];
    if (d) columns[spec.name] = sample(spec.name, d, samples, u, p);
  }
  const draw: MonteCarloDraw = { params: p, columns, samples, seed, bins };
  if (stock !== undefined) draw.currentStock = stock;
  return draw;
}

/** Summarise the solved samples of a draw (statistics of z* over the valid rows). */
export function summariseMonteCarlo(draw: MonteCarloDraw, r: BatchResult): MonteCarloResult {
  const valid = r.zStar.filter((_, i) => r.status[i] !== STATUS_INVALID).sort();
  if (valid.length === 0) {
    throw new ParameterError(`every sample was invalid; first: ${r.errors[0]?.message}`, "distributions", draw.columns);
  }
  // Moments about the first sample: less cancellation, and exact (sd = 0) for equal samples.
  const shift = valid[0]!;
  let sum = 0;
  for (const v of valid) sum += v - shift;
  const mean = shift + sum / valid.length;
  let ss = 0;
  for (const v of valid) ss += (v - mean) ** 2;
  const result: MonteCarloResult = {
    samples: valid.length,
    invalidSamples: draw.samples - valid.length,
    mean,
    sd: valid.length > 1 ? Math.sqrt(ss / (valid.length - 1)) : 0,
    quantiles: {
      p5: quantile(valid, 0.05), p25: quantile(valid, 0.25), p50: quantile(valid, 0.5),
      p75: quantile(valid, 0.75), p95: quantile(valid, 0.95),
    },
    histogram: histogram(valid, draw.bins),
    meta: makeMeta(r.backend, draw.params, draw.seed),
  };
  const stock = draw.currentStock;
  if (stock !== undefined) result.probAboveStock = valid.filter((v) => v > stock).length / valid.length;
  return result;
}

/**
 * Sample the uncertain parameters (`distributions`, by API name) `samples` times from the
 * seeded PRNG (random.ts), solve every sample in one batch, and summarise z*.
 */
export function monteCarlo(base: Partial<Params>, distributions: Distributions, options: MonteCarloOptions): MonteCarloResult {
  const draw = drawMonteCarlo(base, distributions, options);
  return summariseMonteCarlo(draw, solveBatch(draw.columns, { backend: options.backend }));
}
