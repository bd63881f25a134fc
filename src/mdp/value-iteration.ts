/**
 * Value iteration with the MacQueen-Porteus bounds (MacQueen 1966; Porteus 1971; Puterman 1994,
 * section 6.6.3): after a Bellman sweep V' = TV, with d = V' - V,
 *   V' + β/(1-β) min d  <=  V*  <=  V' + β/(1-β) max d      (componentwise),
 * so the midpoint V' + β/(1-β)(min d + max d)/2 is within β/(1-β)(max d - min d)/2 of V* in every
 * state. The sweep stops once that proven bound is below the tolerance. Independent of policy
 * iteration (no linear solve), hence the cross-check of the engine.
 */
import { checkInteger, checkKnownOptions, checkNumber, checkOptions, invalid } from "../rules";
import { actionValue, checkMdp, type FiniteMdp } from "./model";
import { greedyPolicy, type MdpSolution } from "./policy-iteration";

export interface ValueIterationOptions {
  /** Stop when the bound on max|V - V*| is <= tolerance x max|V| (default 1e-13). */
  tolerance?: number;
  /** Give up with an error after this many sweeps (default 1e6). */
  maxIterations?: number;
}

const VALUE_ITERATION_OPTIONS = ["tolerance", "maxIterations"];

/**
 * The optimal values by value iteration with a proven error bound, and the greedy policy against
 * them. Rounding adds at most ~ 1e-16 max|V| / (1 - β) to the bound in exact arithmetic returned.
 * Throws ParameterError for an mdp that is not a FiniteMdp, an unknown option, a tolerance outside
 * [0, 1], a maxIterations that is not a whole number >= 1, or no convergence within maxIterations.
 */
export function valueIteration(mdp: FiniteMdp, options: ValueIterationOptions = {}): MdpSolution {
  checkMdp(mdp);
  checkKnownOptions(checkOptions("options", options), VALUE_ITERATION_OPTIONS);
  const tolerance = checkNumber("tolerance", options.tolerance ?? 1e-13, 0, 1, "relative to max|V|");
  const maxIterations = checkInteger("maxIterations", options.maxIterations ?? 1_000_000, 1);
  const beta = mdp.discount;
  const factor = beta / (1 - beta);
  let values = new Float64Array(mdp.stateCount);
  let next = new Float64Array(mdp.stateCount);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let low = Infinity;
    let high = -Infinity;
    for (let s = 0; s < mdp.stateCount; s++) {
      let best = Infinity;
      for (let a = mdp.actionStart[s]!; a < mdp.actionStart[s + 1]!; a++) best = Math.min(best, actionValue(mdp, a, values));
      next[s] = best;
      const d = best - values[s]!;
      low = Math.min(low, d);
      high = Math.max(high, d);
    }
    const errorBound = (factor * (high - low)) / 2;
    const shift = (factor * (high + low)) / 2;
    let scale = 0;
    for (let s = 0; s < mdp.stateCount; s++) scale = Math.max(scale, Math.abs(next[s]! + shift));
    if (errorBound <= tolerance * scale || errorBound === 0) {
      const estimate = Float64Array.from(next, (v) => v + shift);
      return { values: estimate, policy: greedyPolicy(mdp, estimate, undefined, 0), iterations: iteration, errorBound };
    }
    [values, next] = [next, values];
  }
  throw invalid("maxIterations", maxIterations, `enough sweeps for value iteration to converge (it had not after ${maxIterations})`);
}
