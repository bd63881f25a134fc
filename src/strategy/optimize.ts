/**
 * optimizeStrategy: the optimal release and refill policy on a grid (docs/strategy.md, "The
 * optimal rule"), by policy iteration on the finite MDP whose actions are the feasible next stock
 * levels (src/mdp: exact sparse policy evaluation, the incumbent kept on ties).
 */
import { MdpBuilder, type FiniteMdp } from "../mdp/model";
import { policyIteration } from "../mdp/policy-iteration";
import { requirePaperExtensions, resolveParams, type Params } from "../params";
import { checkInteger, checkKnownOptions, invalid } from "../rules";
import { hashParams } from "../meta";
import { VERSION } from "../version";
import { COST_PARTS, nextStates, regimeOf, stateIndex, stockOf, stepCost, strategySpace, type StrategyGrid, type StrategySpace } from "./chain";
import { longRun, nearestState, priceGridNotes, ruleChain } from "./evaluate";
import { meanNextStock, ruleStep, ruleThresholds, ruleTransitions } from "./rule-step";
import { evaluatePolicy } from "../mdp/evaluate";
import { checkLossesFinite } from "./finite";
import { resolveRule, resolveShocks, type ResolvedRule, type ResolvedShocks, type Shocks, type StrategyRule } from "./inputs";

export interface OptimizeOptions {
  /** Most release per day in a disruption (days of imports per day, >= 0). */
  maxDrawdownRate: number;
  /** Most fill per day in normal times (days of imports per day, >= 0). */
  maxFillRate: number;
  /** Allow sales in normal times (at up to maxDrawdownRate; default false). */
  allowSales?: boolean;
  /**
   * A rule to compare with: the result's gain is its cost minus the optimal cost. Its moves join
   * the optimum's (so the gain is never negative), and it must keep within the optimum's limits:
   * rule.maxDrawdownRate <= maxDrawdownRate, rule.maxFillRate <= maxFillRate, a sellAbovePrice
   * only with allowSales, no drawdownLag or refillDelay (timers are not grid states).
   */
  rule?: StrategyRule;
  /** Stock at time 0 for the values and the gain (days, at most the grid's capacity; default the refill target). */
  initialStock?: number;
  /** Regime at time 0 (0 normal, k a disruption of class k; default 0). */
  initialRegime?: number;
  /** Called after each policy-iteration step with its number and how many states changed action. */
  onProgress?: (iteration: number, changedStates: number) => void;
}

/** One policy table: for each stock level, the next stock and the rate it implies. */
export interface PolicyTable {
  regime: string;
  /** Log price deviation χ of this table's price state. */
  logPrice: number;
  /** Normal-time price P0 e^χ (USD/unit). */
  price: number;
  /** Next stock (days of imports) from each grid level. */
  nextStock: number[];
  /** (next - current)/Δ: fill (> 0) or release/sale (< 0), days of imports per day. */
  rate: number[];
}

export interface StrategyOptimum {
  /** Stock levels of the grid (days of imports). */
  levels: number[];
  /** One table per (regime, price state): regime "normal" or the class name. */
  policy: PolicyTable[];
  /** The lowest stock level at which normal-time filling stops, at the price state nearest χ = 0 (days). */
  refillTarget: number;
  /** Stationary distribution of the stock under the optimal policy, over `levels`, in the long run from the refill target. */
  stockDistribution: number[];
  /** Long-run mean stock (days) and P(the stock is empty | disrupted). */
  meanStock: number;
  runOutProbability: number;
  /** Optimal expected discounted cost from the initial state (USD, infinite horizon). */
  optimalCost: number;
  /** Optimal expected discounted cost from every state (USD), numbered as chain.ts's stateIndex. */
  values: Float64Array;
  /** With options.rule: the rule's cost from the same state and the gain (rule minus optimal, USD, >= 0). */
  ruleCost: number | null;
  gain: number | null;
  /** Policy-iteration steps. */
  iterations: number;
  grid: { stockLevels: number; priceStates: number; step: number; capacity: number; states: number; actions: number };
  /** Caveats of the comparison with options.rule (a price-dependent rule on a price grid); empty when none. */
  meta: { version: string; paramsHash: string; method: string; notes: string[] };
}

/** Partial releases tried in a disruption: j/PARTIAL_RELEASES of the largest useful release, j = 1..PARTIAL_RELEASES - 1. */
const PARTIAL_RELEASES = 16;

/**
 * The MDP of every feasible move, and each action's next stock. With `rule`, the rule's own move
 * from each state is an action too: a rule whose move falls between two levels (a partial release,
 * a fill to a target off the grid) can beat every move to a level, because the per-day loss is
 * convex in the release while the value between levels is linear; with its moves among the
 * actions the optimum is at least as good as the rule.
 */
function moves(p: Params, space: StrategySpace, options: OptimizeOptions, rule: ResolvedRule | undefined, capacity: number): { mdp: FiniteMdp; nextStock: Float64Array } {
  const builder = new MdpBuilder(space.stateCount, space.discount);
  const nextByState: number[][] = Array.from({ length: space.stateCount }, () => []);
  const cost = new Float64Array(COST_PARTS.length);
  const ruleCost = new Float64Array(COST_PARTS.length);
  const levels = space.levels;
  const top = levels[levels.length - 1]!;
  const h = top / (levels.length - 1);
  for (let regime = 0; regime < space.regimes; regime++) {
    const severity = space.severities[regime]!;
    for (let j = 0; j < space.logPrices.length; j++) {
      const normalPrice = p.price * Math.exp(space.logPrices[j]!);
      for (let i = 0; i < levels.length; i++) {
        const x = levels[i]!;
        const up = regime === 0 ? Math.min(top, x + options.maxFillRate * space.step) : x;
        const down = regime > 0 || options.allowSales ? Math.max(0, x - options.maxDrawdownRate * space.step) : x;
        // Every level in [down, up], plus the ends themselves where they fall between levels.
        const candidates = new Set<number>([down, up]);
        // In a disruption, releasing exactly the shortfall (where the cap allows) is a candidate too.
        if (regime > 0) {
          candidates.add(Math.max(down, x - severity * space.step));
          // Partial releases: the loss is convex in the release, so a move between two levels can
          // beat both; sixteenths of the largest useful release (the shortfall or the cap) are
          // actions too, so the optimum can ration a small stock (in the README's example it then
          // costs 2.4% less than with levels, the cap and the shortfall alone, and sixteenths are
          // within 0.006% of thirty-seconds).
          const useful = Math.min(severity, options.maxDrawdownRate) * space.step;
          for (let j = 1; j < PARTIAL_RELEASES; j++) candidates.add(Math.max(0, x - (useful * j) / PARTIAL_RELEASES));
        }
        // The rule's own step: a single move joins the candidates; a mixture over the price cell
        // (a price-dependent rule under price noise) is added below as an action of its own.
        const ruleMove = rule ? ruleStep(rule, p, space, regime, j, x, capacity, ruleCost) : undefined;
        if (ruleMove?.branches.length === 1) candidates.add(ruleMove.branches[0]!.nextStock);
        for (let l = Math.ceil(down / h - 1e-9); l * h <= up + 1e-9 * h; l++) candidates.add(levels[l]!);
        for (const target of [...candidates].sort((a, b) => a - b)) {
          const change = (target - x) / space.step;
          const release = regime > 0 ? -change : 0;
          const fill = regime === 0 && change > 0 ? change : 0;
          const sale = regime === 0 && change < 0 ? -change : 0;
          stepCost(p, severity, normalPrice, x, release, fill, sale, space.step, cost);
          const targets: number[] = [];
          const probabilities: number[] = [];
          nextStates(space, regime, j, target, targets, probabilities);
          const state = stateIndex(space, regime, j, i);
          builder.addAction(state, cost[0]! + cost[1]! + cost[2]! + cost[3]!, targets, probabilities);
          nextByState[state]!.push(target);
        }
        if (ruleMove && ruleMove.branches.length > 1) {
          const { targets, probabilities } = ruleTransitions(space, regime, j, ruleMove.branches);
          const state = stateIndex(space, regime, j, i);
          builder.addAction(state, ruleCost[0]! + ruleCost[1]! + ruleCost[2]! + ruleCost[3]!, targets, probabilities);
          nextByState[state]!.push(meanNextStock(ruleMove.branches));
        }
      }
    }
  }
  // Global action indices run state by state, in the order each state's actions were added.
  return { mdp: builder.build(), nextStock: Float64Array.from(nextByState.flat()) };
}

function regimeName(shocks: ResolvedShocks, regime: number): string {
  return regime === 0 ? "normal" : shocks.classes[regime - 1]!.name;
}

/**
 * The MDP optimizeStrategy solves, for checking it independently (e.g. by value iteration): the
 * resolved parameters and shocks, the state space and, per global action, its next stock (days).
 * Throws ParameterError for bad inputs.
 */
export function strategyProblem(params: Partial<Params>, shocks: Shocks, grid: StrategyGrid, options: OptimizeOptions):
  { p: Params; process: ResolvedShocks; space: StrategySpace; capacity: number; rule: ResolvedRule | undefined; mdp: FiniteMdp; nextStock: Float64Array } {
  const p = resolveParams(params);
  requirePaperExtensions(p, "optimizeStrategy");
  const process = resolveShocks(shocks);
  checkLossesFinite(p, process);
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw invalid("options", options, "an object { maxDrawdownRate, maxFillRate, allowSales?, rule?, initialStock?, initialRegime? }");
  checkKnownOptions(options, ["maxDrawdownRate", "maxFillRate", "allowSales", "rule", "initialStock", "initialRegime", "onProgress"]);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") throw invalid("onProgress", options.onProgress, "a function (iteration, changedStates) => void");
  if (typeof options.maxDrawdownRate !== "number" || !(options.maxDrawdownRate >= 0 && options.maxDrawdownRate <= 1e3)) {
    throw invalid("maxDrawdownRate", options.maxDrawdownRate, "0 <= maxDrawdownRate <= 1e3 (days of imports per day)");
  }
  if (typeof options.maxFillRate !== "number" || !(options.maxFillRate >= 0 && options.maxFillRate <= 1e3)) {
    throw invalid("maxFillRate", options.maxFillRate, "0 <= maxFillRate <= 1e3 (days of imports per day)");
  }
  if (options.allowSales !== undefined && typeof options.allowSales !== "boolean") throw invalid("allowSales", options.allowSales, "true or false");
  if (options.initialStock !== undefined && (typeof options.initialStock !== "number" || !(Number.isFinite(options.initialStock) && options.initialStock >= 0))) {
    throw invalid("initialStock", options.initialStock, "a finite initialStock >= 0 (days of imports)");
  }
  checkInteger("initialRegime", options.initialRegime ?? 0, 0, process.classes.length);
  if (grid === null || typeof grid !== "object" || Array.isArray(grid)) throw invalid("grid", grid, "an object { stockLevels, capacity, priceStates?, step? }");
  const capacity = grid.capacity;
  if (capacity === undefined) throw invalid("capacity", capacity, "grid.capacity > 0 (days of imports), the top stock level");
  const rule = options.rule === undefined ? undefined : comparedRule(options.rule, options);
  // With a rule to compare with, the grid is the one evaluateStrategy uses for it (price cells split at its thresholds).
  const space = strategySpace(p, process, grid, capacity, rule ? ruleThresholds(rule) : []);
  if (options.initialStock !== undefined && options.initialStock > capacity) {
    throw invalid("initialStock", options.initialStock, `0 <= initialStock <= capacity (${capacity}), the grid's top level (days of imports)`);
  }
  return { p, process, space, capacity, rule, ...moves(p, space, options, rule, capacity) };
}

/** The rule optimizeStrategy compares with, resolved and checked to keep within the optimum's limits. */
function comparedRule(rule: StrategyRule, options: OptimizeOptions): ResolvedRule {
  const resolved = resolveRule(rule, options.initialStock ?? 0);
  for (const name of ["drawdownLag", "refillDelay"] as const) {
    if (resolved[name] !== 0) throw invalid(name, resolved[name], "0 for the comparison on a grid (timers are not grid states)");
  }
  for (const name of ["maxDrawdownRate", "maxFillRate"] as const) {
    if (resolved[name] > options[name]) {
      throw invalid(`rule.${name}`, resolved[name], `<= the optimum's ${name} (${options[name]}) (days of imports per day): the optimum must be able to do what the rule does`);
    }
  }
  if (resolved.sellAbovePrice !== Infinity && options.allowSales !== true) {
    throw invalid("rule.sellAbovePrice", resolved.sellAbovePrice, "omitted (the rule never sells) unless allowSales is true");
  }
  return resolved;
}

/**
 * The optimal release-and-refill policy on a grid of stock × regime × Rouwenhorst price state, by
 * policy iteration (Howard 1960; exact sparse evaluation; the incumbent action kept on ties so it
 * terminates). Actions are the next stock: in a disruption any level down to x - maxDrawdownRate Δ
 * (release), in normal times any level up to x + maxFillRate Δ (fill; down too if allowSales),
 * the rate-limited ends included where they fall between levels, the exact shortfall in a
 * disruption, and with options.rule the rule's own move from every state (so the gain is >= 0 up
 * to rounding; the rule must keep within these limits). Costs per step as in simulateStrategy (the domestic per-day loss, storage, purchases at the normal-time price),
 * discounted by e^(-iΔ/H).
 *
 * Returns the policy tables, the refill target, the stationary stock distribution, the long-run
 * mean stock and run-out share, the optimal cost from the initial state, and with options.rule
 * the rule's cost on the same grid (evaluateStrategy's chain) and the gain of the optimum over it.
 * Throws ParameterError for bad inputs.
 */
export function optimizeStrategy(params: Partial<Params>, shocks: Shocks, grid: StrategyGrid, options: OptimizeOptions): StrategyOptimum {
  const { p, process, space, capacity, rule, mdp, nextStock } = strategyProblem(params, shocks, grid, options);
  const solution = policyIteration(mdp, options.onProgress ? { onIteration: options.onProgress } : {});
  const n = space.levels.length;
  const policy: PolicyTable[] = [];
  for (let regime = 0; regime < space.regimes; regime++) {
    for (let j = 0; j < space.logPrices.length; j++) {
      const next = Array.from({ length: n }, (_, i) => nextStock[solution.policy[stateIndex(space, regime, j, i)]!]!);
      policy.push({
        regime: regimeName(process, regime), logPrice: space.logPrices[j]!, price: p.price * Math.exp(space.logPrices[j]!),
        nextStock: next, rate: next.map((x, i) => (x - space.levels[i]!) / space.step),
      });
    }
  }
  const middle = nearestState(space, 0, 0).price;
  const normalTable = policy[middle]!;
  // The lowest level from which the normal-time policy no longer fills: where refilling stops.
  let level = 0;
  while (level < n - 1 && normalTable.nextStock[level]! > space.levels[level]!) level++;
  const refillTarget = space.levels[level]!;
  // "Run out" for the optimum: the reserve is empty while a disruption is under way.
  const empty = Uint8Array.from({ length: space.stateCount }, (_, s) => (regimeOf(space, s) > 0 && stockOf(space, s) === 0 ? 1 : 0));
  const long = longRun(space, mdp, solution.policy, stateIndex(space, 0, middle, level), empty);
  // The refill target is recurrent by construction (normal-time filling stops there and returns
  // there after every disruption), so the long run exists.
  if (!long.probability || long.meanStock === null || long.runOutProbability === null) {
    throw new Error("optimal-reserve: the optimal policy never returns to its refill target");
  }
  const initialRegime = options.initialRegime ?? 0;
  const start = nearestState(space, options.initialStock ?? refillTarget, process.initialLogPrice);
  const s0 = stateIndex(space, initialRegime, start.price, start.stock);
  let ruleCost: number | null = null;
  if (rule) {
    const chain = ruleChain(p, space, rule, capacity).mdp;
    ruleCost = evaluatePolicy(chain, Int32Array.from(chain.actionStart.subarray(0, chain.stateCount)))[s0]!;
  }
  const optimalCost = solution.values[s0]!;
  return {
    levels: Array.from(space.levels), policy, refillTarget, stockDistribution: long.probability, meanStock: long.meanStock,
    runOutProbability: long.runOutProbability, optimalCost, values: solution.values, ruleCost, gain: ruleCost === null ? null : ruleCost - optimalCost,
    iterations: solution.iterations,
    grid: { stockLevels: n, priceStates: space.logPrices.length, step: space.step, capacity, states: space.stateCount, actions: mdp.cost.length },
    meta: {
      version: VERSION, paramsHash: hashParams(p), method: "policy iteration (src/mdp), exact sparse evaluation, incumbent kept on ties",
      notes: rule ? priceGridNotes(rule, process.priceVolatility > 0) : [],
    },
  };
}
