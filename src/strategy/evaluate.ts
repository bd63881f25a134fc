/**
 * evaluateStrategy: a release-and-refill rule evaluated exactly on a grid of stock × regime ×
 * price state (docs/strategy.md, "Exact evaluation on a grid"): the rule makes the discretised
 * process a finite Markov chain, so its expected discounted cost solves (I - βP)V = c, one sparse
 * direct solve (src/mdp), with no sampling noise.
 */
import { MdpBuilder, type FiniteMdp } from "../mdp/model";
import { evaluatePolicy } from "../mdp/evaluate";
import { policyMatrix } from "../mdp/sparse";
import { solveSparse } from "../mdp/sparse-lu";
import { requirePaperExtensions, resolveParams, type Params } from "../params";
import { checkInteger, checkKnownOptions, checkOptions, invalid } from "../rules";
import { VERSION } from "../version";
import { hashParams } from "../meta";
import { COST_PARTS, regimeOf, stateIndex, stockOf, strategySpace, type StrategyGrid, type StrategySpace } from "./chain";
import { checkInitialStock, resolveRule, resolveShocks, ruleTargetStock, type ResolvedRule, type Shocks, type StrategyRule } from "./inputs";
import { stationaryDistribution } from "./stationary";
import { checkLossesFinite } from "./finite";
import { ruleStep, ruleThresholds, ruleTransitions } from "./rule-step";
import type { StrategyCosts } from "./simulate";

export interface EvaluateOptions {
  /** Stock at time 0 (days of imports; default the rule's targetStock); read at the nearest grid level. */
  initialStock?: number;
  /** Regime at time 0: 0 normal, k = 1..K a disruption of class k (default 0). */
  initialRegime?: number;
  /** Horizon in years for a finite-horizon value, run as round(years x 365 / step) whole steps as simulateStrategy's; default: infinite horizon. */
  years?: number;
}

export interface StrategyEvaluation {
  /** Expected discounted costs from the initial state (USD), over `years` or an infinite horizon. */
  costs: StrategyCosts;
  /**
   * With `years`: the expected discounted value of the stock left at the horizon, at the
   * normal-time price then (USD; as simulateStrategy's stockLeftValue); 0 for the infinite horizon.
   */
  stockLeftValue: number;
  /** costs.total - stockLeftValue (USD). */
  netCost: number;
  /** The expected discounted total cost from every state (USD), indexed as stateIndex. */
  values: Float64Array;
  /**
   * Stationary distribution of the stock over the grid levels in the long run from the target
   * stock in normal times (null, as are the next two, if the rule never returns there).
   */
  stockDistribution: { levels: number[]; probability: number[] | null };
  /** Long run: P(the rule's release is limited by the stock | disrupted). */
  runOutProbability: number | null;
  /** Long-run mean stock (days of imports). */
  meanStock: number | null;
  /** The grid actually used (initial state snapped to it). */
  grid: { stockLevels: number; priceStates: number; step: number; capacity: number; states: number; initialStock: number; initialLogPrice: number };
  /** Caveats of this evaluation (e.g. a price-dependent rule on a price grid); empty when none. */
  meta: { version: string; paramsHash: string; method: string; rule: ResolvedRule; notes: string[] };
}

/**
 * The caveat of a selling rule on a price grid (none without price noise). The grid splits its
 * price cells at the rule's thresholds (src/strategy/price-cells.ts), but within a part the chain
 * forgets where the price lies, while the process keeps it for weeks; a selling rule empties the
 * stock in a burst at the start of each excursion above its price, and is sensitive to that.
 * Measured against simulateStrategy (docs/strategy.md, "Exact evaluation on a grid": 5 years, κ
 * 1.49, σ_P 0.286, 96,000 paths): purchases net of sales off by up to 9% (4.2 standard errors of a
 * 6,000-path run) at 5 price states, 2% at 15, 0.3-1.7% at 41; buying rules are within 1.8 SE.
 */
export function priceGridNotes(rule: ResolvedRule, noisy: boolean): string[] {
  if (!noisy || rule.sellAbovePrice === Infinity) return [];
  return ["the rule sells above a price (sellAbovePrice) under price noise: " +
    "the chain forgets where within its price state the price lies, so the sales are approximate (purchases net of sales off by up to 9% at 5 price states, 2% at 15 " +
    "in a test against simulateStrategy); use more priceStates or simulateStrategy"];
}

/** The rule's chain as a one-action-per-state MDP, with its cost parts per state. */
export function ruleChain(p: Params, space: StrategySpace, rule: ResolvedRule, capacity: number): { mdp: FiniteMdp; parts: Float64Array[]; limited: Uint8Array } {
  const builder = new MdpBuilder(space.stateCount, space.discount);
  const parts = COST_PARTS.map(() => new Float64Array(space.stateCount));
  const limited = new Uint8Array(space.stateCount);
  const cost = new Float64Array(COST_PARTS.length);
  for (let regime = 0; regime < space.regimes; regime++) {
    for (let j = 0; j < space.logPrices.length; j++) {
      for (let i = 0; i < space.levels.length; i++) {
        const s = stateIndex(space, regime, j, i);
        const move = ruleStep(rule, p, space, regime, j, space.levels[i]!, capacity, cost);
        let total = 0;
        cost.forEach((c, k) => { parts[k]![s] = c; total += c; });
        limited[s] = move.limited ? 1 : 0;
        const { targets, probabilities } = ruleTransitions(space, regime, j, move.branches);
        builder.addAction(s, total, targets, probabilities);
      }
    }
  }
  return { mdp: builder.build(), parts, limited };
}

/** Σ_{t<T} β^t E[c_t] + β^T E[terminal] from every state by T backward steps (V_{n+1} = c + βPV_n, V_0 = terminal, default 0). */
function finiteHorizon(mdp: FiniteMdp, cost: Float64Array, steps: number, terminal?: Float64Array): Float64Array {
  let value = terminal ? Float64Array.from(terminal) : new Float64Array(mdp.stateCount);
  for (let n = 0; n < steps; n++) {
    const next = new Float64Array(mdp.stateCount);
    for (let s = 0; s < mdp.stateCount; s++) {
      const a = mdp.actionStart[s]!;
      let expected = 0;
      for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) expected += mdp.probability[k]! * value[mdp.target[k]!]!;
      next[s] = cost[s]! + mdp.discount * expected;
    }
    value = next;
  }
  return value;
}

/** The grid level nearest to x, and the price state nearest to χ. */
export function nearestState(space: StrategySpace, x: number, logPrice: number): { stock: number; price: number } {
  const n = space.levels.length;
  const stock = Math.min(n - 1, Math.max(0, Math.round((x / space.levels[n - 1]!) * (n - 1))));
  let price = 0;
  space.logPrices.forEach((chi, j) => { if (Math.abs(chi - logPrice) < Math.abs(space.logPrices[price]! - logPrice)) price = j; });
  return { stock, price };
}

/**
 * Stationary stock distribution, mean stock and P(limited | disrupted) of a chain in the long run
 * from `reference`; nulls when the reference is transient (no unique long run from it).
 */
export function longRun(space: StrategySpace, mdp: FiniteMdp, policy: Int32Array, reference: number, limited: Uint8Array):
  { levels: number[]; probability: number[] | null; meanStock: number | null; runOutProbability: number | null } {
  const pi = stationaryDistribution(mdp, policy, reference);
  if (!pi) return { levels: Array.from(space.levels), probability: null, meanStock: null, runOutProbability: null };
  const n = space.levels.length;
  const probability = new Array<number>(n).fill(0);
  let disrupted = 0;
  let limitedMass = 0;
  pi.forEach((mass, s) => {
    probability[stockOf(space, s)]! += mass;
    if (regimeOf(space, s) > 0) {
      disrupted += mass;
      if (limited?.[s]) limitedMass += mass;
    }
  });
  const meanStock = probability.reduce((sum, q, i) => sum + q * space.levels[i]!, 0);
  return { levels: Array.from(space.levels), probability, meanStock, runOutProbability: disrupted > 0 ? limitedMass / disrupted : 0 };
}

/**
 * Evaluate `rule` exactly on a grid (docs/strategy.md, "Exact evaluation on a grid").
 *
 * params, shocks and rule as for simulateStrategy; grid: stock levels (evenly spaced on
 * [0, capacity]), Rouwenhorst price states, step Δ. Each state's rule rates, cost and next-state
 * distribution follow the kernel path loop's step exactly; a next stock between two levels is
 * split between them (mean kept), so on a grid that holds every reachable stock and without
 * price noise the chain is the simulated process itself. Under price noise a price state stands
 * for a cell of the log price: a price-dependent rule's cells are split at its thresholds and
 * its step is the mixture over the cell where the decision still varies (src/strategy/rule-step.ts;
 * agreement with the simulation measured in docs/strategy.md). The rule's timers are not grid states:
 * drawdownLag and refillDelay must be 0 (use simulateStrategy for lags).
 *
 * Returns the expected discounted costs from the initial state (USD; finite horizon if `years`,
 * by backward induction, else the infinite-horizon sparse solve), the values of every state, the
 * stationary stock distribution, the long-run run-out share and mean stock, and meta. Throws
 * ParameterError for bad inputs.
 */
export function evaluateStrategy(params: Partial<Params>, shocks: Shocks, rule: StrategyRule, grid: StrategyGrid, options: EvaluateOptions = {}): StrategyEvaluation {
  const p = resolveParams(params);
  requirePaperExtensions(p, "evaluateStrategy");
  const process = resolveShocks(shocks);
  checkLossesFinite(p, process);
  options = checkOptions("options", options);
  checkKnownOptions(options, ["initialStock", "initialRegime", "years"]);
  const initialStock = options.initialStock === undefined ? ruleTargetStock(rule) : checkInitialStock(options.initialStock);
  const resolved = resolveRule(rule, initialStock);
  for (const name of ["drawdownLag", "refillDelay"] as const) {
    if (resolved[name] !== 0) throw invalid(name, resolved[name], "0 in evaluateStrategy (timers are not grid states; simulateStrategy handles them)");
  }
  const initialRegime = options.initialRegime ?? 0;
  checkInteger("initialRegime", initialRegime, 0, process.classes.length);
  const capacity = grid?.capacity ?? resolved.capacity;
  const space = strategySpace(p, process, grid, capacity, ruleThresholds(resolved));
  if (initialStock > capacity) throw invalid("initialStock", initialStock, `0 <= initialStock <= the grid's capacity (${capacity}) (days of imports)`);
  const { mdp, parts, limited } = ruleChain(p, space, resolved, capacity);
  const policy = Int32Array.from(mdp.actionStart.subarray(0, mdp.stateCount));
  const start = nearestState(space, initialStock, process.initialLogPrice);
  const s0 = stateIndex(space, initialRegime, start.price, start.stock);
  let partValues: Float64Array[];
  let values: Float64Array;
  let stockLeftValue = 0;
  if (options.years !== undefined) {
    if (typeof options.years !== "number" || !(options.years > 0 && options.years <= 200)) throw invalid("years", options.years, "0 < years <= 200");
    const steps = Math.round((options.years * 365) / space.step);
    if (steps < 1) throw invalid("years", options.years, `at least half a step: years x 365 >= step / 2 (here step ${space.step} days)`);
    partValues = parts.map((c) => finiteHorizon(mdp, c, steps));
    values = finiteHorizon(mdp, mdp.cost, steps);
    // The stock x at the horizon is worth q0 P0 e^χ x at the normal-time price of its state.
    const worth = new Float64Array(space.stateCount);
    for (let s = 0; s < space.stateCount; s++) {
      worth[s] = p.imports * p.price * Math.exp(space.logPrices[s % space.logPrices.length]!) * space.levels[stockOf(space, s)]!;
    }
    stockLeftValue = finiteHorizon(mdp, new Float64Array(space.stateCount), steps, worth)[s0]!;
  } else {
    const matrix = policyMatrix(mdp, policy);
    partValues = parts.map((c) => solveSparse(matrix, c));
    values = evaluatePolicy(mdp, policy);
  }
  const [consumer, gdp, storage, purchases] = partValues.map((v) => v[s0]!) as [number, number, number, number];
  const target = nearestState(space, resolved.targetStock, 0);
  const long = longRun(space, mdp, policy, stateIndex(space, 0, target.price, target.stock), limited);
  return {
    costs: { consumer, gdp, storage, purchases, total: values[s0]! },
    stockLeftValue,
    netCost: values[s0]! - stockLeftValue,
    values,
    stockDistribution: { levels: long.levels, probability: long.probability },
    runOutProbability: long.runOutProbability,
    meanStock: long.meanStock,
    grid: {
      stockLevels: space.levels.length, priceStates: space.logPrices.length, step: space.step, capacity, states: space.stateCount,
      initialStock: space.levels[start.stock]!, initialLogPrice: space.logPrices[start.price]!,
    },
    meta: {
      version: VERSION, paramsHash: hashParams(p), rule: resolved, notes: priceGridNotes(resolved, process.priceVolatility > 0),
      method: options.years === undefined
        ? "exact policy evaluation: (I - βP)V = c by sparse LU (src/mdp)"
        : "exact finite-horizon evaluation: backward induction over the chain",
    },
  };
}
