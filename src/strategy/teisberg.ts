/**
 * Teisberg's (1981) stochastic dynamic programme of the US Strategic Petroleum Reserve, exactly as
 * the GAMS model library writes it (model `markov.gms`, SEQ=82), solved by the package's
 * finite-MDP engine. Teisberg, T. J. (1981), "A dynamic programming model of the U.S. strategic
 * petroleum reserve", Bell Journal of Economics 12(2), 526-546.
 *
 * Every number below is the GAMS model's (units as there: millions of barrels per day for the
 * quantities, USD/bbl for the price, costs in the model's money units per period):
 * - reserve levels 0, 3, ..., 21; market normal or disrupted, Markov with
 *   normal → {normal .8, disrupted .2}, disrupted → {normal .5, disrupted .5};
 * - disruption size 0 (normal) or 11 (disrupted); world demand D(p) = -130 + 342 p^-0.1 clears
 *   supply 110 - dis + 130 less the stock build s' - s, so p = (342 / (240 - dis - (s' - s)))^10;
 * - cost of moving s → s': 0.25 [-130 (p - 34.526) + 342 (p^0.9 - 34.526^0.9)/0.9] (consumer
 *   surplus lost against the normal price 34.526) + p (s' - s) (purchases) + 0.32 s' (storage);
 * - no build in the disrupted state (s' <= s); discount 0.95; the cost is paid in the period of
 *   the move; the reported objective is pvcost = 0.0625 Σ over the 16 starting states of V*.
 */
import { MdpBuilder, localActions, policyIteration, valueIteration, type FiniteMdp, type MdpSolution } from "../mdp/index";
import { invalid } from "../rules";
import { VERSION } from "../version";

/** Reserve levels of the model (millions of barrels per day equivalents, as in markov.gms). */
export const TEISBERG_LEVELS: readonly number[] = [0, 3, 6, 9, 12, 15, 18, 21];
/** Market states, in state-index order. */
export const TEISBERG_MARKETS = ["normal", "disrupted"] as const;
/** Market transition probabilities: row = current state, column = next. */
const TRANSITION = [[0.8, 0.2], [0.5, 0.5]] as const;
/** Supply lost in each market state. */
const DISRUPTION = [0, 11] as const;
/** The normal-time price the consumer-surplus term is measured from (USD/bbl). */
const NORMAL_PRICE = 34.526;
const DISCOUNT = 0.95;
/** pvcost weight: 1/16, each of the 16 starting states equally likely. */
const START_WEIGHT = 0.0625;

/** The market-clearing price when the stock moves from `level` to `next` in a market with `disruption` lost. */
export function teisbergPrice(level: number, next: number, disruption: number): number {
  return Math.pow(342 / (110 - disruption + 130 - (next - level)), 1 / 0.1);
}

/** Cost of the move level → next in a market with `disruption` lost (markov.gms's cost formula). */
export function teisbergCost(level: number, next: number, disruption: number): number {
  const p = teisbergPrice(level, next, disruption);
  const surplus = 0.25 * (-130 * (p - NORMAL_PRICE) + (342 * (Math.pow(p, 0.9) - Math.pow(NORMAL_PRICE, 0.9))) / 0.9);
  return surplus + p * (next - level) + 0.32 * next;
}

/** State index of (level index, market index): levels vary fastest. */
export const teisbergState = (level: number, market: number): number => level + TEISBERG_LEVELS.length * market;

/** The model as a FiniteMdp: 16 states; an action is the next level (local index = its level index, in each state the allowed ones in ascending order). */
export function teisbergMdp(): FiniteMdp {
  const n = TEISBERG_LEVELS.length;
  const builder = new MdpBuilder(2 * n, DISCOUNT);
  for (let market = 0; market < 2; market++) {
    for (let l = 0; l < n; l++) {
      const lastNext = market === 0 ? n - 1 : l; // no build while disrupted
      for (let next = 0; next <= lastNext; next++) {
        builder.addAction(
          teisbergState(l, market),
          teisbergCost(TEISBERG_LEVELS[l]!, TEISBERG_LEVELS[next]!, DISRUPTION[market]!),
          [teisbergState(next, 0), teisbergState(next, 1)],
          [TRANSITION[market]![0], TRANSITION[market]![1]],
        );
      }
    }
  }
  return builder.build();
}

/** The optimal policy and present-value cost of Teisberg's model. */
export interface TeisbergResult {
  /** 0.0625 × Σ of the optimal expected discounted cost over the 16 starting states. */
  pvcost: number;
  /** The next reserve level chosen at each current level 0, 3, ..., 21. */
  policy: { normal: number[]; disrupted: number[] };
  /** Provenance: package version, the solver used and the model's source. */
  meta: { version: string; method: TeisbergMethod; source: string };
}

/** The two solvers of the MDP engine. */
export type TeisbergMethod = "policy-iteration" | "value-iteration";

const TEISBERG_SOURCE = "Teisberg (1981), Bell Journal of Economics 12(2); GAMS model library markov.gms (SEQ=82)";

/** pvcost and the policy table from an engine solution. */
export function teisbergResult(mdp: FiniteMdp, solution: MdpSolution, method: TeisbergMethod): TeisbergResult {
  let sum = 0;
  for (const v of solution.values) sum += v;
  const local = localActions(mdp, solution.policy);
  const row = (market: number) => TEISBERG_LEVELS.map((_, l) => TEISBERG_LEVELS[local[teisbergState(l, market)]!]!);
  return {
    pvcost: START_WEIGHT * sum,
    policy: { normal: row(0), disrupted: row(1) },
    meta: { version: VERSION, method, source: TEISBERG_SOURCE },
  };
}

/**
 * Solve Teisberg's model by policy iteration (exact), returning pvcost and the optimal policy.
 * `method: "value-iteration"` solves it by value iteration with the MacQueen-Porteus bound instead.
 * The result's meta names the method and the model's source. Throws ParameterError for any other method.
 */
export function solveTeisberg(method: TeisbergMethod = "policy-iteration"): TeisbergResult {
  if (method !== "policy-iteration" && method !== "value-iteration") throw invalid("method", method, '"policy-iteration" or "value-iteration"');
  const mdp = teisbergMdp();
  return teisbergResult(mdp, method === "policy-iteration" ? policyIteration(mdp) : valueIteration(mdp), method);
}
