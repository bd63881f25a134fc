/**
 * One step of a release-and-refill rule from a grid state (docs/strategy.md, "Exact evaluation on
 * a grid"): its rates, cost parts and next stock, as the kernel path loop's step
 * (assembly/strategy/simulate.ts). There the rule decides on the normal-time price at the start of
 * the step, P̄ = P0 e^χ, a continuous variable; on the grid, under price noise, state j stands for
 * a cell of χ (src/strategy/price-cells.ts), split at the rule's fixed thresholds. A
 * price-dependent rule (buyBelowPrice, sellAbovePrice, dollar fills) takes the mixture over the
 * cell: with the probability that P̄ is beyond its threshold given the cell (0 or 1 in a split
 * cell, for the fixed thresholds), the move with the action, at the cell's conditional mean price
 * on that side; with the rest, the move without. Every other rule (and every rule without price
 * noise) acts on the state's price P0 e^(χ_j), the cell's mean.
 */
import type { Params } from "../params";
import { COST_PARTS, nextStates, stepCost, type StrategySpace } from "./chain";
import type { ResolvedRule } from "./inputs";
import { cellExpMoment, priceRange, type PriceCells } from "./price-cells";
import { normalMass } from "./normal";

/** The rule's rates at normal-time price `normalPrice`: release r (disrupted) or fill f and sale y (normal), days of imports per day. */
export function ruleRates(rule: ResolvedRule, p: Params, severity: number, normalPrice: number, x: number, step: number): { release: number; fill: number; sale: number; limited: boolean } {
  if (severity > 0) {
    const wanted = Math.min(rule.maxDrawdownRate, rule.coverFraction * severity);
    const available = x > rule.reserveFloor ? (x - rule.reserveFloor) / step : 0;
    return { release: Math.min(wanted, available), fill: 0, sale: 0, limited: available < wanted };
  }
  let fill = 0;
  if (normalPrice <= rule.buyBelowPrice && x < rule.targetStock) {
    fill = Math.min(rule.maxFillRate, (rule.targetStock - x) / step);
    if (rule.fillMode === "dollar") fill = Math.min(fill, rule.fillBudget / (p.imports * normalPrice));
  }
  const sale = fill === 0 && normalPrice >= rule.sellAbovePrice && x > rule.reserveFloor ? Math.min(rule.maxDrawdownRate, (x - rule.reserveFloor) / step) : 0;
  return { release: 0, fill, sale, limited: false };
}

/** The stock after one step of the rule's rates from x (days of imports), kept in [0, capacity]. */
export function ruleNextStock(rates: { release: number; fill: number; sale: number }, x: number, step: number, capacity: number): number {
  return Math.min(capacity, Math.max(0, x + (rates.fill - rates.sale - rates.release) * step));
}

/** Whether the rule's decision looks at the normal-time price. */
export function rulePriced(rule: ResolvedRule): boolean {
  return rule.buyBelowPrice !== Infinity || rule.sellAbovePrice !== Infinity || rule.fillMode === "dollar";
}

/** The rule's fixed price thresholds (USD/unit): the grid's price cells are split at them (src/strategy/price-cells.ts). */
export function ruleThresholds(rule: ResolvedRule): number[] {
  return [rule.buyBelowPrice, rule.sellAbovePrice].filter((price) => price !== Infinity);
}

/** One step of the rule from a state: cost parts (USD, written to `parts`), next stocks with their probabilities, and whether the stock limited the release. */
export interface RuleStep {
  branches: { probability: number; nextStock: number }[];
  limited: boolean;
}

/**
 * The rule's step from stock x in `regime` at price state j (cost parts into `parts`, in COST_PARTS
 * order). A mixture (more than one branch) only for a price-dependent rule in normal times under
 * price noise; otherwise the single move of ruleRates at the state's price.
 */
export function ruleStep(rule: ResolvedRule, p: Params, space: StrategySpace, regime: number, j: number, x: number, capacity: number, parts: Float64Array): RuleStep {
  const severity = space.severities[regime]!;
  const statePrice = p.price * Math.exp(space.logPrices[j]!);
  if (severity > 0 || space.cells === null || !rulePriced(rule)) {
    const rates = ruleRates(rule, p, severity, statePrice, x, space.step);
    stepCost(p, severity, statePrice, x, rates.release, rates.fill, rates.sale, space.step, parts);
    return { branches: [{ probability: 1, nextStock: ruleNextStock(rates, x, space.step, capacity) }], limited: rates.limited };
  }
  return normalMixture(rule, p, space, space.cells, j, x, capacity, parts);
}

/**
 * Normal times, price noise, a price-dependent rule: the kernel's step averaged over the cell.
 * With Z the standardised log price in cell j, (a_j, b_j] and M its mass, the price
 * P = P0 c_j e^(sZ) and the events on Z:
 * - buy (x below target, P <= buyBelowPrice): fill f = min(maxFillRate, (target - x)/Δ), and in
 *   dollar mode min(f, B/(q0 P)), which splits the event at P* = B/(q0 f): below, f at cost
 *   q0 P f Δ; above, B/(q0 P) at cost B Δ. Each part is a branch with its probability and mean
 *   fill; the costs use E[P; part] = P0 c_j E[e^(sZ); part] and E[1/P; part].
 * - sell (P >= sellAbovePrice > buyBelowPrice, so never while buying; x above the floor): y =
 *   min(maxDrawdownRate, (x - floor)/Δ), revenue q0 y Δ E[P; sell]/M.
 * - otherwise the stock stays.
 */
function normalMixture(rule: ResolvedRule, p: Params, space: StrategySpace, cells: PriceCells, j: number, x: number, capacity: number, parts: Float64Array): RuleStep {
  const step = space.step;
  stepCost(p, 0, p.price * Math.exp(space.logPrices[j]!), x, 0, 0, 0, step, parts);
  const scale = p.price * Math.exp(cells.logScale[j]!);
  const s = cells.spread;
  const cellMass = normalMass(cells.bounds[j]!, cells.bounds[j + 1]!);
  const branches: { probability: number; nextStock: number }[] = [];
  let moved = 0;
  let purchases = 0;
  const fill = x < rule.targetStock ? Math.min(rule.maxFillRate, (rule.targetStock - x) / step) : 0;
  if (fill > 0) {
    // P* where the budget binds (Infinity in volume mode).
    const budgetPrice = rule.fillMode === "dollar" ? rule.fillBudget / (p.imports * fill) : Infinity;
    const full = priceRange(cells, j, p.price, 0, Math.min(rule.buyBelowPrice, budgetPrice));
    const fullShare = normalMass(full.a, full.b) / cellMass;
    if (fullShare > 0) {
      purchases += p.imports * fill * step * scale * cellExpMoment(s, full.a, full.b, 1) / cellMass;
      branches.push({ probability: fullShare, nextStock: Math.min(capacity, x + fill * step) });
      moved += fullShare;
    }
    if (budgetPrice < rule.buyBelowPrice) {
      const capped = priceRange(cells, j, p.price, budgetPrice, rule.buyBelowPrice);
      const cappedShare = normalMass(capped.a, capped.b) / cellMass;
      if (cappedShare > 0) {
        // E[B/(q0 P) | capped] = B/(q0 P0 c_j) E[e^(-sZ); capped]/P(capped).
        const meanFill = (rule.fillBudget / (p.imports * scale)) * cellExpMoment(s, capped.a, capped.b, -1) / normalMass(capped.a, capped.b);
        purchases += rule.fillBudget * step * cappedShare;
        branches.push({ probability: cappedShare, nextStock: Math.min(capacity, x + meanFill * step) });
        moved += cappedShare;
      }
    }
  }
  if (x > rule.reserveFloor && rule.sellAbovePrice !== Infinity) {
    const sale = Math.min(rule.maxDrawdownRate, (x - rule.reserveFloor) / step);
    const sell = priceRange(cells, j, p.price, rule.sellAbovePrice, Infinity);
    const sellShare = normalMass(sell.a, sell.b) / cellMass;
    if (sale > 0 && sellShare > 0) {
      purchases -= p.imports * sale * step * scale * cellExpMoment(s, sell.a, sell.b, 1) / cellMass;
      branches.push({ probability: sellShare, nextStock: Math.max(0, x - sale * step) });
      moved += sellShare;
    }
  }
  if (moved < 1) branches.push({ probability: 1 - moved, nextStock: x });
  parts[COST_PARTS.indexOf("purchases")] = purchases;
  return { branches, limited: false };
}

/** The next-state law of a rule step from (regime, j): each branch's nextStates weighted by its probability, a target reached by several branches summed. */
export function ruleTransitions(space: StrategySpace, regime: number, j: number, branches: RuleStep["branches"]): { targets: number[]; probabilities: number[] } {
  if (branches.length === 1) {
    const targets: number[] = [];
    const probabilities: number[] = [];
    nextStates(space, regime, j, branches[0]!.nextStock, targets, probabilities);
    return { targets, probabilities };
  }
  const law = new Map<number, number>();
  for (const branch of branches) {
    const targets: number[] = [];
    const probabilities: number[] = [];
    nextStates(space, regime, j, branch.nextStock, targets, probabilities);
    targets.forEach((t, k) => law.set(t, (law.get(t) ?? 0) + branch.probability * probabilities[k]!));
  }
  return { targets: [...law.keys()], probabilities: [...law.values()] };
}

/** The mean next stock of a rule step (days of imports). */
export function meanNextStock(branches: RuleStep["branches"]): number {
  return branches.reduce((sum, b) => sum + b.probability * b.nextStock, 0);
}
