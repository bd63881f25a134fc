/**
 * simulateStrategy: seeded Monte Carlo of disruptions, prices and the stock under a
 * release-and-refill rule (docs/strategy.md, "Simulating a rule"). The path loop runs in the
 * kernel (assembly/strategy/simulate.ts) on either backend; this file validates, builds the
 * kernel's configuration, runs blocks of paths and summarises.
 */
import { getBackend, type BackendChoice } from "../backend/index";
import { makeMeta, type Meta } from "../meta";
import { requirePaperExtensions, resolveParams, type Params } from "../params";
import { checkBackend, checkKnownOptions, checkOptions, invalid } from "../rules";
import {
  BIN_AT_HIGH, BIN_AT_LOW, BIN_COUNT, BIN_FIELDS, BIN_HIGH, BIN_LOW, CFG_BIN_COUNT, CFG_BUY_BELOW_PRICE, CFG_CAPACITY, CFG_CLASSES, CFG_CLASS_COUNT, CFG_COVER_FRACTION,
  CFG_DISCOUNT, CFG_DRAWDOWN_LAG, CFG_EXPONENT, CFG_FILL_BUDGET, CFG_FILL_MODE, CFG_GDP_RATE, CFG_IMPORTS,
  CFG_IMPORT_DEPENDENCE, CFG_INITIAL_LOG_PRICE, CFG_INITIAL_REGIME, CFG_INITIAL_STOCK, CFG_MAX_DRAWDOWN_RATE,
  CFG_MAX_FILL_RATE, CFG_ONSET_PROBABILITY, CFG_PATH_COUNT, CFG_PATH_START, CFG_PRICE, CFG_PRICE_FLOOR,
  CFG_PRICE_PERSISTENCE, CFG_PRICE_SHOCK, CFG_REFILL_DELAY, CFG_RESERVE_FLOOR, CFG_SEED, CFG_SELL_ABOVE_PRICE,
  CFG_STEP, CFG_STEPS, CFG_STORAGE_RATE, CFG_TARGET_STOCK, CLASS_FIELDS, PATH_BUY_VALUE, PATH_BUY_VOLUME,
  PATH_CONSUMER, PATH_FIELDS, PATH_GDP, PATH_ONSETS, PATH_PURCHASES, PATH_RAN_OUT, PATH_REFILLS, PATH_REFILL_DAYS,
  PATH_RELEASE_REVENUE, PATH_SALES, PATH_SELL_VALUE, PATH_SELL_VOLUME, PATH_SHORTFALL, PATH_STOCK_LEFT_VALUE, PATH_STORAGE,
} from "../../assembly/strategy/simulate";
import { checkInitialStock, resolveRule, resolveShocks, ruleTargetStock, type ResolvedRule, type ResolvedShocks, type Shocks, type StrategyRule } from "./inputs";
import { pathRunner } from "./simulate-kernel";
import { checkLossesFinite, checkSumsFinite } from "./finite";

export interface SimulateOptions {
  /** Horizon in years (default 10), run as whole steps: round(years x 365 / step) of them (meta.horizon days). */
  years?: number;
  /** Step Δ in days (default 7). */
  step?: number;
  /** Paths (default 2000). */
  samples?: number;
  /** PRNG seed, an integer (default 1), taken modulo 2^32 as monteCarlo's (seeds 2^32 apart give the same paths). */
  seed?: number;
  /** Stock at time 0 (days of imports; default the rule's targetStock). */
  initialStock?: number;
  /** Regime at time 0: 0 normal, k = 1..K a disruption of class k just begun (default 0). */
  initialRegime?: number;
  /** Histogram bins of the stock per step, over [0, capacity] (default 200). */
  bins?: number;
  /** Kernel backend (default auto). */
  backend?: BackendChoice;
  /** Called after every block of paths with paths done and paths in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Expected discounted costs over the horizon (USD). */
export interface StrategyCosts {
  /** Consumer loss of disruptions, q0 (P̄ - P1) w(s) per day. */
  consumer: number;
  /** GDP loss of disruptions (0 without the GDP term). */
  gdp: number;
  /** Storage, q0 (c + v)/H per day of imports held per day. */
  storage: number;
  /** Refill purchases at the normal-time price, net of normal-time sales. */
  purchases: number;
  /** consumer + gdp + storage + purchases. */
  total: number;
}

/** Percentiles of the stock (days of imports) at the start of each step, and at the end. */
export interface CoverBands {
  /** Days from the start, 0, Δ, ..., steps Δ. */
  time: number[];
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

export interface StrategySimulation {
  costs: StrategyCosts;
  /**
   * The reserve's expected discounted cash balance (USD): release revenue at the disruption
   * price plus sales, minus purchases and storage.
   */
  fiscalBalance: number;
  /** Expected discounted revenue of emergency releases, sold at the disruption price P(1 - s) (USD). */
  releaseRevenue: number;
  /**
   * Expected discounted value of the stock left at the horizon, at the normal-time price then:
   * E[β^T q0 P0 e^(χ_T) x_T] (USD). `costs` charge purchases but do not credit this; to compare
   * rules over a finite horizon use costs.total - stockLeftValue (a rule that never refills
   * saves purchases but leaves less in the tank).
   */
  stockLeftValue: number;
  /** costs.total - stockLeftValue: the expected discounted cost of the rule net of the stock it leaves (USD). */
  netCost: number;
  /** Share of paths on which the stock (above reserveFloor) limited the rule's release at least once. */
  runOutProbability: number;
  /** Expected shortfall left uncovered over the horizon, undiscounted (days of imports). */
  expectedShortfall: number;
  /** Mean days from a recovery until the stock is back at targetStock (refills cut short by a new onset are not counted); null if none completed. */
  timeToRefill: number | null;
  /** Refills that entered timeToRefill. */
  refillsCounted: number;
  /** Volume-weighted average normal-time price paid on refills (USD/unit); null if nothing was bought. */
  averageBuyPrice: number | null;
  /** Volume-weighted average price of normal-time sales (USD/unit); null if nothing was sold. */
  averageSellPrice: number | null;
  /** Expected disruption onsets over the horizon. */
  expectedOnsets: number;
  bands: CoverBands;
  /** Standard errors of the means above (sample s.d. / sqrt(samples)). */
  standardErrors: {
    consumer: number; gdp: number; storage: number; purchases: number; total: number; fiscalBalance: number;
    runOutProbability: number; expectedShortfall: number; stockLeftValue: number; netCost: number;
  };
  meta: Meta & {
    samples: number; steps: number; step: number; years: number; bins: number;
    /** The horizon run, steps x step (days): years x 365 rounded to whole steps. */
    horizon: number;
    shocks: ResolvedShocks; rule: ResolvedRule; initialStock: number; initialRegime: number; method: string;
  };
}

/** Most paths in one run: the per-path totals take 16 x 8 bytes each (128 MB at this cap). */
const MAX_SAMPLES = 1e6;
/** Paths per kernel call: the unit of progress. */
const BLOCK_PATHS = 1024;
/** The histogram is (steps + 1) x bins x 5 f64: this cap on (steps + 1) x bins keeps it under 160 MB. */
const MAX_HISTOGRAM_CELLS = 4e6;
/** Days per year of the rates given per year (onsets, κ, σ_P). */
const DAYS_PER_YEAR = 365;

function checkOption(name: string, value: number, ok: (x: number) => boolean, range: string): number {
  if (typeof value !== "number" || !ok(value)) throw invalid(name, value, range);
  return value;
}

/** The kernel configuration of a run (without the block's path range). */
export function simulationConfig(
  p: Params, shocks: ResolvedShocks, rule: ResolvedRule, step: number, steps: number, seed: number,
  initialStock: number, initialRegime: number, bins: number,
): Float64Array {
  const config = new Float64Array(CFG_CLASSES + CLASS_FIELDS * shocks.classes.length);
  const kappa = shocks.priceReversion;
  const years = step / DAYS_PER_YEAR;
  const persistence = Math.exp(-kappa * years);
  // Exact OU step: Var = σ² (1 - e^(-2κΔ))/(2κ), which tends to σ² Δ as κ → 0 (-expm1 keeps it exact there).
  const variance = kappa === 0 ? years : -Math.expm1(-2 * kappa * years) / (2 * kappa);
  config[CFG_STEP] = step;
  config[CFG_STEPS] = steps;
  config[CFG_SEED] = seed | 0;
  config[CFG_IMPORTS] = p.imports;
  config[CFG_PRICE] = p.price;
  config[CFG_PRICE_FLOOR] = p.priceFloor;
  config[CFG_EXPONENT] = -1 / p.elasticity;
  config[CFG_GDP_RATE] = p.includeGdp ? (p.gdpElasticity * p.gdp) / p.horizon : 0;
  config[CFG_IMPORT_DEPENDENCE] = p.importDependence;
  config[CFG_STORAGE_RATE] = (p.fixedCost + p.variableCost) / p.horizon;
  config[CFG_DISCOUNT] = Math.exp((-p.interestRate * step) / p.horizon);
  config[CFG_ONSET_PROBABILITY] = -Math.expm1((-shocks.onsetRate * step) / DAYS_PER_YEAR);
  config[CFG_CLASS_COUNT] = shocks.classes.length;
  config[CFG_PRICE_PERSISTENCE] = persistence;
  config[CFG_PRICE_SHOCK] = shocks.priceVolatility * Math.sqrt(variance);
  config[CFG_INITIAL_LOG_PRICE] = shocks.initialLogPrice;
  config[CFG_MAX_DRAWDOWN_RATE] = rule.maxDrawdownRate;
  config[CFG_DRAWDOWN_LAG] = rule.drawdownLag;
  config[CFG_COVER_FRACTION] = rule.coverFraction;
  config[CFG_RESERVE_FLOOR] = rule.reserveFloor;
  config[CFG_MAX_FILL_RATE] = rule.maxFillRate;
  config[CFG_BUY_BELOW_PRICE] = rule.buyBelowPrice;
  config[CFG_REFILL_DELAY] = rule.refillDelay;
  config[CFG_TARGET_STOCK] = rule.targetStock;
  config[CFG_FILL_MODE] = rule.fillMode === "dollar" ? 1 : 0;
  config[CFG_FILL_BUDGET] = rule.fillBudget;
  config[CFG_SELL_ABOVE_PRICE] = rule.sellAbovePrice;
  config[CFG_CAPACITY] = rule.capacity;
  config[CFG_INITIAL_STOCK] = initialStock;
  config[CFG_INITIAL_REGIME] = initialRegime;
  config[CFG_BIN_COUNT] = bins;
  let cumulative = 0;
  shocks.classes.forEach((c, k) => {
    cumulative += c.weight;
    const at = CFG_CLASSES + k * CLASS_FIELDS;
    config[at] = k === shocks.classes.length - 1 ? 1 : cumulative;
    config[at + 1] = c.severity;
    config[at + 2] = -Math.expm1(-step / c.meanDuration);
  });
  return config;
}

/**
 * The q-quantile (type 7: linear between order statistics) of one step's stock from its histogram.
 * Within a bin, the values equal to its smallest and its largest are exact order statistics (the
 * atoms: empty, at target, full); the ones strictly between are placed by rank between the two,
 * so an interior quantile is off by less than a bin's width (capacity / bins).
 */
function quantile(histogram: Float64Array, base: number, bins: number, n: number, q: number): number {
  const orderStatistic = (j: number): number => {
    let before = 0;
    for (let b = 0; b < bins; b++) {
      const at = base + b * BIN_FIELDS;
      const count = histogram[at + BIN_COUNT]!;
      if (j < before + count) {
        const local = j - before;
        const low = histogram[at + BIN_LOW]!;
        const high = histogram[at + BIN_HIGH]!;
        const atLow = histogram[at + BIN_AT_LOW]!;
        const atHigh = histogram[at + BIN_AT_HIGH]!;
        if (local < atLow) return low;
        if (local >= count - atHigh) return high;
        // count - atLow - atHigh values strictly inside (low, high): spread them evenly by rank.
        return low + ((high - low) * (local - atLow + 1)) / (count - atLow - atHigh + 1);
      }
      before += count;
    }
    throw new Error("optimal-reserve: histogram holds fewer values than samples");
  };
  const rank = q * (n - 1);
  const lower = Math.floor(rank);
  const low = orderStatistic(lower);
  return rank === lower ? low : low + (orderStatistic(lower + 1) - low) * (rank - lower);
}

function meanAndError(values: Float64Array, field: number, n: number, transform?: (row: number) => number): [number, number] {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += transform ? transform(i) : values[i * PATH_FIELDS + field]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (transform ? transform(i) : values[i * PATH_FIELDS + field]!) - mean;
    squares += d * d;
  }
  return [mean, Math.sqrt(squares / (n - 1) / n)];
}

/**
 * Seeded Monte Carlo of a release-and-refill rule (docs/strategy.md, "Simulating a rule").
 *
 * params: the model's parameters (missing ones take the paper's base values; q0, P0, P1, ε, d,
 * the GDP term, storage costs c + v and the discount rate i per H days are used). shocks: onsets
 * per year, disruption classes (weight, severity, mean duration in days), the OU log price of
 * normal times (κ 1/yr, σ_P 1/sqrt(yr)). rule: the release and refill rule (StrategyRule).
 * Process per EXTENSIONS of the paper's section 三: regime jumps with per-step probabilities
 * 1 - e^(-λΔ/365) (onset, class by weight) and 1 - e^(-Δ/D_k) (recovery); the log price steps
 * exactly; costs are discounted by e^(-iΔ/H) a step; domestic (the paper's) per-day loss.
 * Path j's random stream depends only on (seed, j), so any split of the paths into blocks gives
 * the same result.
 *
 * Returns expected discounted costs (USD) split into consumer, GDP, storage and net purchases,
 * the fiscal balance, cover bands (p5 .. p95 of the stock in days per step), the run-out
 * probability, the expected uncovered shortfall, time to refill, average buy and sell prices,
 * standard errors, and meta. Throws ParameterError for invalid parameters, shocks, rule or options.
 */
export function simulateStrategy(params: Partial<Params>, shocks: Shocks, rule: StrategyRule, options: SimulateOptions = {}): StrategySimulation {
  const plan = planSimulation(params, shocks, rule, options);
  const { perPath, histogram } = simulatePathRange(plan, 0, plan.samples, plan.onProgress);
  return summariseSimulation(plan, perPath, histogram);
}

/**
 * A validated simulation, ready to run in any split of its paths: the kernel's configuration
 * (without the path range), the sizes the summary needs, and the result's meta. Plain data (it
 * crosses to pool workers by structured clone), except `onProgress`.
 */
export interface SimulationPlan {
  config: Float64Array;
  samples: number;
  steps: number;
  step: number;
  bins: number;
  /** Length of the stock histogram ((steps + 1) x bins x BIN_FIELDS f64). */
  histogramLength: number;
  meta: StrategySimulation["meta"];
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Validate simulateStrategy's arguments and build its plan (see simulateStrategy for the
 * arguments). Throws ParameterError for invalid parameters, shocks, rule or options.
 */
export function planSimulation(params: Partial<Params>, shocks: Shocks, rule: StrategyRule, options: SimulateOptions = {}): SimulationPlan {
  const p = resolveParams(params);
  requirePaperExtensions(p, "simulateStrategy");
  const process = resolveShocks(shocks);
  checkLossesFinite(p, process);
  options = checkOptions("options", options);
  checkKnownOptions(options, ["years", "step", "samples", "seed", "initialStock", "initialRegime", "bins", "backend", "onProgress"]);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") throw invalid("onProgress", options.onProgress, "a function (done, total) => void");
  const backendChoice = checkBackend(options.backend);
  const years = checkOption("years", options.years ?? 10, (x) => x > 0 && x <= 200, "0 < years <= 200");
  const step = checkOption("step", options.step ?? 7, (x) => x > 0 && x <= 365, "0 < step <= 365 (days)");
  const steps = Math.round((years * DAYS_PER_YEAR) / step);
  if (steps < 1) throw invalid("years", years, `at least half a step: years x 365 >= step / 2 (here step ${step} days, so years >= ${step / 2 / DAYS_PER_YEAR})`);
  const samples = checkOption("samples", options.samples ?? 2000, (x) => Number.isInteger(x) && x >= 2 && x <= MAX_SAMPLES, `an integer 2 <= samples <= ${MAX_SAMPLES}`);
  const seed = checkOption("seed", options.seed ?? 1, (x) => Number.isInteger(x), "an integer");
  const bins = checkOption("bins", options.bins ?? 200, (x) => Number.isInteger(x) && x >= 1 && x <= 1e5, "an integer 1 <= bins <= 1e5");
  if (steps + 1 > MAX_HISTOGRAM_CELLS) {
    // Too many steps for even one bin: the step (or the years) is the cause, not the bins.
    throw invalid("step", step, `>= ${(years * DAYS_PER_YEAR) / (MAX_HISTOGRAM_CELLS - 1)} days for ${years} years (the stock histogram holds (steps + 1) x bins <= ${MAX_HISTOGRAM_CELLS} values)`);
  }
  if ((steps + 1) * bins > MAX_HISTOGRAM_CELLS) {
    throw invalid("bins", bins, `(steps + 1) x bins <= ${MAX_HISTOGRAM_CELLS} (here ${(steps + 1) * bins}; use fewer bins, a longer step or fewer years)`);
  }
  const initialRegime = checkOption("initialRegime", options.initialRegime ?? 0, (x) => Number.isInteger(x) && x >= 0 && x <= process.classes.length,
    `an integer 0 (normal) .. ${process.classes.length} (a class of shocks.classes, 1-based)`);
  // Default: the rule's targetStock.
  const initialStock = options.initialStock === undefined ? ruleTargetStock(rule) : checkInitialStock(options.initialStock);
  const resolved = resolveRule(rule, initialStock);
  const backend = getBackend(backendChoice).name;
  return {
    config: simulationConfig(p, process, resolved, step, steps, seed, initialStock, initialRegime, bins),
    samples, steps, step, bins, histogramLength: (steps + 1) * bins * BIN_FIELDS,
    meta: {
      ...makeMeta(backend, p, seed), samples, steps, step, years, horizon: steps * step, bins, shocks: process, rule: resolved, initialStock, initialRegime,
      method: "seeded Monte Carlo (xoshiro128** per path); kernel path loop assembly/strategy/simulate.ts",
    },
    onProgress: options.onProgress,
  };
}

/**
 * Run paths [start, start + count) of a plan on the plan's backend, in kernel blocks of
 * BLOCK_PATHS: their per-path totals (count x PATH_FIELDS f64, in path order) and the stock
 * histogram of those paths alone. `onProgress` gets paths done (from `start`) after each block.
 */
export function simulatePathRange(
  plan: SimulationPlan, start: number, count: number, onProgress?: (done: number, total: number) => void,
): { perPath: Float64Array; histogram: Float64Array } {
  const runner = pathRunner(plan.meta.backend);
  const config = plan.config.slice();
  const perPath = new Float64Array(count * PATH_FIELDS);
  runner.start(plan.histogramLength, Math.min(BLOCK_PATHS, count));
  for (let done = 0; done < count; done += BLOCK_PATHS) {
    const block = Math.min(BLOCK_PATHS, count - done);
    config[CFG_PATH_START] = start + done;
    config[CFG_PATH_COUNT] = block;
    runner.run(config, perPath, done * PATH_FIELDS);
    onProgress?.(done + block, count);
  }
  return { perPath, histogram: runner.histogram() };
}

/**
 * Add the stock histogram `from` (of other paths) into `into`, bin by bin, as if its values had
 * been recorded after those of `into` (the kernel's rule in assembly/strategy/simulate.ts):
 * counts add, the smaller low (the larger high) wins, and equal lows (highs) add their counts.
 * The merge of the histograms of consecutive path ranges, in path order, is the histogram of
 * their union bit for bit, so a split run summarises exactly as one run.
 */
export function mergeHistograms(into: Float64Array, from: Float64Array): void {
  if (into.length !== from.length) throw new Error(`optimal-reserve: histograms of ${into.length} and ${from.length} values cannot merge`);
  for (let at = 0; at < into.length; at += BIN_FIELDS) {
    const count = from[at + BIN_COUNT]!;
    if (count === 0) continue;
    if (into[at + BIN_COUNT] === 0) {
      into.set(from.subarray(at, at + BIN_FIELDS), at);
      continue;
    }
    into[at + BIN_COUNT]! += count;
    const low = from[at + BIN_LOW]!;
    if (low < into[at + BIN_LOW]!) {
      into[at + BIN_LOW] = low;
      into[at + BIN_AT_LOW] = from[at + BIN_AT_LOW]!;
    } else if (low === into[at + BIN_LOW]) {
      into[at + BIN_AT_LOW]! += from[at + BIN_AT_LOW]!;
    }
    const high = from[at + BIN_HIGH]!;
    if (high > into[at + BIN_HIGH]!) {
      into[at + BIN_HIGH] = high;
      into[at + BIN_AT_HIGH] = from[at + BIN_AT_HIGH]!;
    } else if (high === into[at + BIN_HIGH]) {
      into[at + BIN_AT_HIGH]! += from[at + BIN_AT_HIGH]!;
    }
  }
}

/** The result of a plan from the per-path totals of all its paths (in path order) and their stock histogram. */
export function summariseSimulation(plan: SimulationPlan, perPath: Float64Array, histogram: Float64Array): StrategySimulation {
  return summarise(perPath, histogram, plan.samples, plan.steps, plan.step, plan.bins, plan.meta);
}

function summarise(
  perPath: Float64Array, histogram: Float64Array, n: number, steps: number, step: number, bins: number,
  meta: StrategySimulation["meta"],
): StrategySimulation {
  const value = (i: number, field: number): number => perPath[i * PATH_FIELDS + field]!;
  const netPurchases = (i: number): number => value(i, PATH_PURCHASES) - value(i, PATH_SALES);
  const total = (i: number): number => value(i, PATH_CONSUMER) + value(i, PATH_GDP) + value(i, PATH_STORAGE) + netPurchases(i);
  const fiscal = (i: number): number => value(i, PATH_RELEASE_REVENUE) + value(i, PATH_SALES) - value(i, PATH_PURCHASES) - value(i, PATH_STORAGE);
  const [consumer, consumerSe] = meanAndError(perPath, PATH_CONSUMER, n);
  const [gdp, gdpSe] = meanAndError(perPath, PATH_GDP, n);
  const [storage, storageSe] = meanAndError(perPath, PATH_STORAGE, n);
  const [purchases, purchasesSe] = meanAndError(perPath, 0, n, netPurchases);
  const [totalCost, totalSe] = meanAndError(perPath, 0, n, total);
  const [fiscalBalance, fiscalSe] = meanAndError(perPath, 0, n, fiscal);
  const [runOut, runOutSe] = meanAndError(perPath, PATH_RAN_OUT, n);
  const [shortfall, shortfallSe] = meanAndError(perPath, PATH_SHORTFALL, n);
  const [releaseRevenue] = meanAndError(perPath, PATH_RELEASE_REVENUE, n);
  const [onsets] = meanAndError(perPath, PATH_ONSETS, n);
  const [stockLeftValue, stockLeftSe] = meanAndError(perPath, PATH_STOCK_LEFT_VALUE, n);
  const [netCost, netCostSe] = meanAndError(perPath, 0, n, (i) => total(i) - value(i, PATH_STOCK_LEFT_VALUE));
  checkSumsFinite({ "costs.consumer": consumer, "costs.gdp": gdp, "costs.storage": storage, "costs.purchases": purchases, releaseRevenue, fiscalBalance, stockLeftValue });
  let refills = 0, refillDays = 0, buyVolume = 0, buyValue = 0, sellVolume = 0, sellValue = 0;
  for (let i = 0; i < n; i++) {
    refills += value(i, PATH_REFILLS);
    refillDays += value(i, PATH_REFILL_DAYS);
    buyVolume += value(i, PATH_BUY_VOLUME);
    buyValue += value(i, PATH_BUY_VALUE);
    sellVolume += value(i, PATH_SELL_VOLUME);
    sellValue += value(i, PATH_SELL_VALUE);
  }
  const bands: CoverBands = { time: [], p5: [], p25: [], p50: [], p75: [], p95: [] };
  for (let t = 0; t <= steps; t++) {
    const base = t * bins * BIN_FIELDS;
    bands.time.push(t * step);
    bands.p5.push(quantile(histogram, base, bins, n, 0.05));
    bands.p25.push(quantile(histogram, base, bins, n, 0.25));
    bands.p50.push(quantile(histogram, base, bins, n, 0.5));
    bands.p75.push(quantile(histogram, base, bins, n, 0.75));
    bands.p95.push(quantile(histogram, base, bins, n, 0.95));
  }
  return {
    costs: { consumer, gdp, storage, purchases, total: totalCost },
    fiscalBalance,
    releaseRevenue,
    stockLeftValue,
    netCost,
    runOutProbability: runOut,
    expectedShortfall: shortfall,
    timeToRefill: refills > 0 ? refillDays / refills : null,
    refillsCounted: refills,
    averageBuyPrice: buyVolume > 0 ? buyValue / buyVolume : null,
    averageSellPrice: sellVolume > 0 ? sellValue / sellVolume : null,
    expectedOnsets: onsets,
    bands,
    standardErrors: {
      consumer: consumerSe, gdp: gdpSe, storage: storageSe, purchases: purchasesSe, total: totalSe, fiscalBalance: fiscalSe,
      runOutProbability: runOutSe, expectedShortfall: shortfallSe, stockLeftValue: stockLeftSe, netCost: netCostSe,
    },
    meta,
  };
}
