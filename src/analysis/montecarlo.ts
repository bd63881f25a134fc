/** monteCarlo(): the distribution of z* under uncertain parameters. */
import { solveBatch, type BatchResult } from "../batch";
import type { BatchColumns } from "../columns";
import { STATUS_INVALID } from "../status";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, ParameterError, resolveParams, type NumericParam, type Params } from "../params";
import { checkBackend, checkInteger, checkOptions, checkStock } from "../rules";
import { MAX_IN_MEMORY_GRID } from "./grid";
import type { BackendChoice } from "../backend/index";
import { scalarColumns } from "./base";
import { sample, type Distribution } from "./distributions";
import { xoshiro128 } from "./random";
import { assertNumericName } from "./sensitivity";

export type Distributions = Partial<Record<NumericParam, Distribution>>;

/** Most samples in one run (the same bound as an in-memory grid). */
export const MAX_SAMPLES = MAX_IN_MEMORY_GRID;
/** Most histogram bins. */
const MAX_BINS = 100_000;
const HORIZON_MAX = PARAMETER_SPECS.find((s) => s.name === "horizon")!.max;

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
  /**
   * Samples left out because their parameters broke a rule (uniform, triangular or discrete laws
   * reaching outside the range, or a row whose price leaves a truncated floor no room); never
   * dropped silently: samples + invalidSamples = the samples asked for.
   */
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
  const o = checkOptions("options", options);
  checkBackend(o.backend);
  const samples = checkInteger("samples", o.samples, 1, MAX_SAMPLES);
  const seed = checkInteger("seed", o.seed, Number.MIN_SAFE_INTEGER);
  const bins = checkInteger("bins", o.bins ?? 40, 1, MAX_BINS);
  checkOptions("distributions", distributions);
  Object.keys(distributions).forEach(assertNumericName);
  const stock = o.currentStock;
  // The one stock rule, 0 <= z0 <= H; with a sampled horizon, H is the largest allowed.
  if (stock !== undefined) {
    if (distributions.horizon) checkStock("currentStock", stock, HORIZON_MAX, `the largest horizon = ${HORIZON_MAX}`);
    else checkStock("currentStock", stock, p.horizon);
  }
  const u = xoshiro128(seed);
  const columns = scalarColumns(p);
  let prices: Float64Array | undefined;
  for (const spec of PARAMETER_SPECS) {
    const d = distributions[spec.name];
    if (d === undefined) continue;
    // Kernel order draws price before priceFloor, so the floor is truncated against each row's price.
    const drawn = sample(spec.name, d, samples, u, p, {
      prices, floorSampled: distributions.priceFloor !== undefined, chokeSampled: distributions.chokePrice !== undefined,
    });
    if (spec.name === "price") prices = drawn;
    columns[spec.name] = drawn;
  }
  const draw: MonteCarloDraw = { params: p, columns, samples, seed, bins };
  if (stock !== undefined) draw.currentStock = stock;
  return draw;
}

/** Summarise the solved samples of a draw (statistics of z* over the valid rows). */
export function summariseMonteCarlo(draw: MonteCarloDraw, r: BatchResult): MonteCarloResult {
  // With no distribution every column is a scalar: one row solved stands for every sample.
  const solved = r.zStar.length === draw.samples ? r.zStar : new Float64Array(draw.samples).fill(r.zStar[0]!);
  const status = r.status.length === draw.samples ? r.status : new Uint8Array(draw.samples).fill(r.status[0]!);
  const valid = solved.filter((_, i) => status[i] !== STATUS_INVALID).sort();
  if (valid.length === 0) {
    throw new ParameterError(`every sample was invalid; the first: ${r.errors[0]?.message}`, "distributions", draw.samples);
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
