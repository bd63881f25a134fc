/**
 * Monte Carlo over a coordination market's uncertain inputs (docs/coordination.md, "Monte
 * Carlo"): the elasticity (one draw for every country and the world) and any country's current
 * stock, drawn uniformly with the package's seeded xoshiro128 generator; each draw is solved by
 * coordinate().
 */
import type { BackendName } from "../backend/types";
import { xoshiro128 } from "../analysis/random";
import type { Meta } from "../meta";
import { coordinate } from "./coordinate";
import { checkKeys, fieldError, normalizeMarket, type MarketInput } from "./market";
import { checkBackend, checkKnownOptions, checkOptions } from "../rules";

/** A uniform range [low, high]. */
export interface Range {
  low: number;
  high: number;
}

/** What is uncertain. */
export interface CoordinationUncertainty {
  /** The elasticity of every country's import demand and of world demand, one draw (dimensionless, negative). */
  elasticity?: Range;
  /** Current stocks (units) by country name. */
  stocks?: Record<string, Range>;
}

export interface CoordinationMonteCarloOptions {
  /** Number of draws (1..100000; default 100). */
  samples?: number;
  /** Seed of xoshiro128 (default 1). */
  seed?: number;
  backend?: BackendName | "auto";
  /** Called after each draw with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** 5th, 50th and 95th percentiles and the mean of a sample. */
export interface Summary {
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}

export interface CoordinationMonteCarloResult {
  countries: string[];
  samples: number;
  /** Per country: its stock (units) at the Nash equilibrium reached from zero stocks. */
  nashUnits: Summary[];
  /** Per country: its stock (units) at the cooperative optimum. */
  cooperativeUnits: Summary[];
  /** Per country: cooperative stock minus current stock (units; > 0: it should buy). */
  cooperativeMinusStock: Summary[];
  /** The group's total stock (units) at Nash and at the cooperative optimum. */
  nashTotalUnits: Summary;
  cooperativeTotalUnits: Summary;
  /** Gain from cooperation of the whole group (USD/yr). */
  gain: Summary;
  meta: Meta & { method: string };
}

function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  // Linear interpolation between order statistics (type 7 quantiles).
  const q = (p: number) => {
    const x = p * (sorted.length - 1);
    const lo = Math.floor(x);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo]! + (x - lo) * (sorted[hi]! - sorted[lo]!);
  };
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, p05: q(0.05), p50: q(0.5), p95: q(0.95) };
}

function checkRange(field: string, r: Range, ok: (x: number) => boolean, allowed: string): void {
  if (r !== null && typeof r === "object") checkKeys(field, r, ["low", "high"]);
  if (r === null || typeof r !== "object" || typeof r.low !== "number" || typeof r.high !== "number"
    || !ok(r.low) || !ok(r.high) || !(r.low <= r.high)) {
    throw fieldError(field, r, `{ low, high } with low <= high, each ${allowed}`);
  }
}

/**
 * Draw the uncertain inputs `samples` times and solve each market with coordinate() (no random
 * starts: the Nash equilibrium from zero stocks, the grand coalition's optimum). Returns the
 * mean and 5/50/95th percentiles of each country's Nash and cooperative stocks, of its
 * cooperative stock minus its current stock, and of the gain from cooperation.
 * Throws ParameterError for a bad market, range or option, an unknown key of `uncertainty` or
 * `options`, or either of them not an object.
 */
export function coordinationMonteCarlo(
  input: MarketInput, uncertainty: CoordinationUncertainty, options: CoordinationMonteCarloOptions = {},
): CoordinationMonteCarloResult {
  const market = normalizeMarket(input);
  checkKnownOptions(checkOptions("uncertainty", uncertainty), ["elasticity", "stocks"]);
  checkKnownOptions(checkOptions("options", options), ["samples", "seed", "backend", "onProgress"]);
  const backendChoice = checkBackend(options.backend);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") throw fieldError("onProgress", options.onProgress, "a function (done, total) or nothing");
  if (uncertainty.stocks !== undefined) checkOptions("stocks", uncertainty.stocks);
  const names = market.countries.map((c) => c.name);
  const samples = options.samples ?? 100;
  if (!Number.isInteger(samples) || samples < 1 || samples > 100000) throw fieldError("samples", samples, "an integer 1..100000");
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw fieldError("seed", seed, "an integer");
  if (uncertainty.elasticity !== undefined) checkRange("elasticity", uncertainty.elasticity, (x) => x >= -10 && x <= -0.005, "-10..-0.005");
  for (const [name, r] of Object.entries(uncertainty.stocks ?? {})) {
    if (!names.includes(name)) throw fieldError("stocks", name, `names of the market's countries: ${names.join(", ")}`);
    checkRange(`stocks.${name}`, r, (x) => x >= 0 && Number.isFinite(x), ">= 0 (units)");
  }
  const u = xoshiro128(seed);
  const draw = (r: Range) => r.low + (r.high - r.low) * u();
  const nash: number[][] = names.map(() => []);
  const coop: number[][] = names.map(() => []);
  const gap: number[][] = names.map(() => []);
  const gains: number[] = [];
  const nashTotals: number[] = [];
  const coopTotals: number[] = [];
  let backend: Meta["backend"] = "js";
  for (let s = 0; s < samples; s++) {
    const e = uncertainty.elasticity !== undefined ? draw(uncertainty.elasticity) : undefined;
    const drawn: MarketInput = {
      ...input,
      ...(e === undefined ? {} : { worldElasticity: e }),
      countries: input.countries.map((c) => {
        const stock = uncertainty.stocks?.[c.name];
        return { ...c, ...(e === undefined ? {} : { elasticity: e }), ...(stock ? { stock: draw(stock) } : {}) };
      }),
    };
    const r = coordinate(drawn, { backend: backendChoice, randomStarts: 0 });
    backend = r.meta.backend;
    r.nash.units.forEach((z, j) => nash[j]!.push(z));
    r.cooperative.units.forEach((z, j) => {
      coop[j]!.push(z);
      gap[j]!.push(z - (drawn.countries[j]!.stock ?? 0));
    });
    gains.push(r.cooperative.gain);
    nashTotals.push(r.nash.units.reduce((a, b) => a + b, 0));
    coopTotals.push(r.cooperative.units.reduce((a, b) => a + b, 0));
    options.onProgress?.(s + 1, samples);
  }
  const base = coordinate(input, { backend: backendChoice, randomStarts: 0 });
  return {
    countries: names,
    samples,
    nashUnits: nash.map(summarise),
    cooperativeUnits: coop.map(summarise),
    cooperativeMinusStock: gap.map(summarise),
    nashTotalUnits: summarise(nashTotals),
    cooperativeTotalUnits: summarise(coopTotals),
    gain: summarise(gains),
    meta: { ...base.meta, backend, seed, method: `xoshiro128 uniform draws; each solved by ${base.meta.method}` },
  };
}
