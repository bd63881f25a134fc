/**
 * The strategy's finite state space (docs/strategy.md, "Exact evaluation on a grid"): stock levels
 * × regimes × normal-time price states, the Rouwenhorst discretisation of the OU log price, the
 * one-step cost and the next-state distribution of the release-and-refill process. Shared by
 * evaluateStrategy (a fixed rule: a Markov chain) and optimizeStrategy (every feasible move: an MDP).
 */
import type { Params } from "../params";
import { checkKnownOptions, invalid } from "../rules";
import { MAX_STOCK, type ResolvedShocks } from "./inputs";
import { dailyLossKernel } from "./daily-loss";
import { priceCells, splitCells, type PriceCells } from "./price-cells";

/** The grid a strategy is evaluated or optimised on. */
export interface StrategyGrid {
  /** Stock levels, evenly spaced from 0 to the capacity (an integer >= 2). */
  stockLevels: number;
  /** Capacity, the top level (days of imports). Default: the rule's capacity (evaluate) or required (optimize). */
  capacity?: number;
  /**
   * Price states of the Rouwenhorst grid (an integer >= 1; default 1 without price noise, else 5).
   * Under noise, evaluateStrategy (and optimizeStrategy with a rule) split the state whose price
   * cell holds one of the rule's thresholds into its two sides: one more state per such threshold.
   */
  priceStates?: number;
  /** Step Δ (days, default 7). */
  step?: number;
}

/** Cost parts of one step (USD, undiscounted), in this order. */
export const COST_PARTS = ["consumer", "gdp", "storage", "purchases"] as const;

/**
 * The discretised state space. States are numbered stock-major, (stock · regimes + regime) ·
 * priceStates + price, so that a move of a few levels stays near the diagonal: the sparse LU of
 * I - βP then fills in little (regime-major numbering made a 3,000-state solve 100 times slower).
 */
export interface StrategySpace {
  levels: Float64Array;
  /** Log price deviation χ of each price state, and its transition matrix (row-major). */
  logPrices: Float64Array;
  priceTransition: Float64Array;
  /** Under price noise, the interval of the continuous log price each price state stands for (src/strategy/price-cells.ts); null without. */
  cells: PriceCells | null;
  regimes: number;
  step: number;
  /** β = e^(-iΔ/H) per step. */
  discount: number;
  /** Regime transition matrix (row-major, regimes × regimes) per step. */
  regimeTransition: Float64Array;
  severities: Float64Array;
  stateCount: number;
}

/**
 * Rouwenhorst's discretisation of an AR(1) χ' = ρχ + bξ (Kopecky & Suen 2010, Review of Economic
 * Dynamics 13(3)): n evenly spaced points on ±sqrt(n - 1) σ_χ, σ_χ = b/sqrt(1 - ρ²), with the
 * transition matrix built by the recursion with p = q = (1 + ρ)/2. It matches the AR(1)'s
 * conditional mean, variance and autocorrelation exactly, however persistent the process.
 */
export function rouwenhorst(n: number, persistence: number, shock: number): { points: Float64Array; transition: Float64Array } {
  if (n === 1) return { points: new Float64Array([0]), transition: new Float64Array([1]) };
  const p = (1 + persistence) / 2;
  let matrix = [[p, 1 - p], [1 - p, p]];
  for (let size = 3; size <= n; size++) {
    const next = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (let i = 0; i < size - 1; i++) {
      for (let j = 0; j < size - 1; j++) {
        const v = matrix[i]![j]!;
        next[i]![j]! += p * v;
        next[i]![j + 1]! += (1 - p) * v;
        next[i + 1]![j]! += (1 - p) * v;
        next[i + 1]![j + 1]! += p * v;
      }
    }
    for (let i = 1; i < size - 1; i++) for (let j = 0; j < size; j++) next[i]![j]! /= 2;
    matrix = next;
  }
  const spread = Math.sqrt(n - 1) * shock / Math.sqrt(1 - persistence * persistence);
  const points = Float64Array.from({ length: n }, (_, i) => -spread + (2 * spread * i) / (n - 1));
  return { points, transition: Float64Array.from(matrix.flat()) };
}

function integer(name: string, value: number, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) throw invalid(name, value, `an integer ${min} <= ${name} <= ${max}`);
  return value;
}

/** Largest state space the direct solver is meant for (its pivot search is O(n²)). */
export const MAX_STATES = 20000;

/**
 * Build the state space; under price noise the price states are cells of the log price
 * (src/strategy/price-cells.ts), split at `thresholds` (USD/unit; a rule's buy and sell prices).
 * Throws ParameterError for a bad grid.
 */
export function strategySpace(p: Params, shocks: ResolvedShocks, grid: StrategyGrid, capacity: number, thresholds: number[] = []): StrategySpace {
  if (grid === null || typeof grid !== "object" || Array.isArray(grid)) throw invalid("grid", grid, "an object { stockLevels, capacity?, priceStates?, step? }");
  checkKnownOptions(grid, ["stockLevels", "capacity", "priceStates", "step"]);
  const stockLevels = integer("stockLevels", grid.stockLevels, 2, MAX_STATES);
  const noisy = shocks.priceVolatility > 0;
  const priceStates = integer("priceStates", grid.priceStates ?? (noisy ? 5 : 1), 1, 201);
  const step = grid.step ?? 7;
  if (typeof step !== "number" || !(step > 0 && step <= 365)) throw invalid("step", step, "0 < step <= 365 (days)");
  if (typeof capacity !== "number" || !(capacity > 0 && capacity <= MAX_STOCK)) throw invalid("capacity", capacity, `0 < capacity <= ${MAX_STOCK} (days of imports)`);
  if (!noisy && priceStates > 1) {
    throw invalid("priceStates", priceStates, "1 without price noise (priceVolatility 0): every price state would be the same price");
  }
  if (p.interestRate === 0) {
    // β = 1: the infinite-horizon value Σ β^t c_t diverges, and the MDP engine needs β < 1.
    throw invalid("interestRate", 0, "> 0 on a grid (evaluateStrategy, optimizeStrategy discount by e^(-iΔ/H) < 1; simulateStrategy takes 0)");
  }
  if (noisy && shocks.priceReversion === 0) {
    throw invalid("priceReversion", 0, "> 0 with price noise on a grid (the Rouwenhorst grid needs a stationary price)");
  }
  const regimes = shocks.classes.length + 1;
  const years = step / 365;
  const persistence = Math.exp(-shocks.priceReversion * years);
  const shock = noisy ? shocks.priceVolatility * Math.sqrt(-Math.expm1(-2 * shocks.priceReversion * years) / (2 * shocks.priceReversion)) : 0;
  const { points, transition } = rouwenhorst(priceStates, persistence, shock);
  // The top price state is P0 e^(spread): past e^700 it overflows (and is meaningless long before).
  if (points[priceStates - 1]! > 700) {
    throw invalid("priceVolatility", shocks.priceVolatility, `small enough that the price grid's top log price sqrt(priceStates - 1) x priceVolatility/sqrt(2 priceReversion) stays below 700 (here ${points[priceStates - 1]})`);
  }
  // Under noise each price state stands for a cell of the log price, split at the rule's thresholds.
  const prices = noisy
    ? splitCells(p.price, points, transition, priceCells(points, shocks.priceVolatility / Math.sqrt(2 * shocks.priceReversion)), thresholds, persistence)
    : { logPrices: points, transition, cells: null };
  const stateCount = stockLevels * prices.logPrices.length * regimes;
  if (stateCount > MAX_STATES) {
    throw invalid("stockLevels", stockLevels, `stockLevels x priceStates x regimes <= ${MAX_STATES} states (got ${stateCount})`);
  }
  const onset = -Math.expm1((-shocks.onsetRate * step) / 365);
  const regimeTransition = new Float64Array(regimes * regimes);
  regimeTransition[0] = 1 - onset;
  shocks.classes.forEach((c, k) => {
    const recovery = -Math.expm1(-step / c.meanDuration);
    regimeTransition[k + 1] = onset * c.weight;
    regimeTransition[(k + 1) * regimes] = recovery;
    regimeTransition[(k + 1) * regimes + k + 1] = 1 - recovery;
  });
  return {
    levels: Float64Array.from({ length: stockLevels }, (_, i) => (capacity * i) / (stockLevels - 1)),
    logPrices: prices.logPrices,
    priceTransition: prices.transition,
    cells: prices.cells,
    regimes,
    step,
    discount: Math.exp((-p.interestRate * step) / p.horizon),
    regimeTransition,
    severities: Float64Array.from([0, ...shocks.classes.map((c) => c.severity)]),
    stateCount,
  };
}

/** The state index of (regime, price state, stock level). */
export function stateIndex(space: StrategySpace, regime: number, price: number, stock: number): number {
  return (stock * space.regimes + regime) * space.logPrices.length + price;
}

/** The stock level of a state. */
export function stockOf(space: StrategySpace, state: number): number {
  return Math.floor(state / (space.regimes * space.logPrices.length));
}

/** The regime of a state. */
export function regimeOf(space: StrategySpace, state: number): number {
  return Math.floor(state / space.logPrices.length) % space.regimes;
}

/**
 * One step's cost parts (USD) from stock x in `regime` at normal-time price `normalPrice`, with
 * release r (disrupted) or fill f and sale y (normal) in days of imports per day — the same
 * charges as the kernel path loop (assembly/strategy/simulate.ts) with the lag passed.
 */
export function stepCost(
  p: Params, severity: number, normalPrice: number, x: number, release: number, fill: number, sale: number, step: number, out: Float64Array,
): void {
  const k = dailyLossKernel("js");
  const m = -1 / p.elasticity;
  const gdpRate = p.includeGdp ? (p.gdpElasticity * p.gdp) / p.horizon : 0;
  out[0] = severity > 0 ? step * k.domesticConsumerLoss(p.imports, normalPrice, p.priceFloor, m, severity, release) : 0;
  out[1] = severity > 0 ? step * k.domesticGdpLoss(gdpRate, p.importDependence, severity, release) : 0;
  out[2] = p.imports * ((p.fixedCost + p.variableCost) / p.horizon) * x * step;
  out[3] = p.imports * normalPrice * (fill - sale) * step;
}

/**
 * The distribution of the next state when the stock moves to x' (days) from (regime, price):
 * regime and price move independently; x' between two levels is split between them linearly (the
 * expected stock is kept; x' on a level stays there exactly). Pushes targets and probabilities.
 */
export function nextStates(space: StrategySpace, regime: number, price: number, nextStock: number, targets: number[], probabilities: number[]): void {
  const n = space.levels.length;
  const h = space.levels[n - 1]! / (n - 1);
  const position = Math.min(n - 1, Math.max(0, nextStock / h));
  let below = Math.floor(position);
  let weight = position - below;
  // Rounding: a stock that is a level up to a few ulps sits on that level.
  if (weight < 1e-9) weight = 0;
  if (weight > 1 - 1e-9) { below += 1; weight = 0; }
  const regimes = space.regimes;
  const prices = space.logPrices.length;
  for (let r = 0; r < regimes; r++) {
    const pr = space.regimeTransition[regime * regimes + r]!;
    if (pr === 0) continue;
    for (let j = 0; j < prices; j++) {
      const pj = space.priceTransition[price * prices + j]!;
      if (pj === 0) continue;
      targets.push(stateIndex(space, r, j, below));
      probabilities.push(pr * pj * (1 - weight));
      if (weight > 0) {
        targets.push(stateIndex(space, r, j, below + 1));
        probabilities.push(pr * pj * weight);
      }
    }
  }
}
