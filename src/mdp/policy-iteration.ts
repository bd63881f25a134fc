/**
 * Policy iteration (Howard 1960; Puterman 1994, section 6.4): evaluate the incumbent policy
 * exactly, then in every state switch to the action with the lowest c(a) + β E[V(next)] only if it
 * beats the incumbent's by more than a rounding-level margin. Keeping the incumbent on ties is
 * what guarantees termination: with exact ties two equally good actions could otherwise alternate
 * forever. Each step strictly lowers V, and there are finitely many policies.
 */
import { checkInteger, checkKnownOptions, checkOptions, invalid } from "../rules";
import { actionValue, checkMdp, type FiniteMdp } from "./model";
import { checkPolicy, evaluatePolicy } from "./evaluate";

/**
 * An improvement must exceed this x max|V| to displace the incumbent: about 100 ulps of the
 * values, above the rounding of the linear solve and of c + β E[V] for the sizes the engine serves.
 */
const TIE_MARGIN = 1e-13;

export interface PolicyIterationOptions {
  /** The starting policy (global action per state); default: each state's cheapest immediate action. */
  initialPolicy?: Int32Array;
  /** Stop with an error after this many improvement steps (default 1000). */
  maxIterations?: number;
  /** Called after each improvement step with its number and how many states changed action (progress on long solves). */
  onIteration?: (iteration: number, changedStates: number) => void;
}

export interface MdpSolution {
  /** The optimal expected discounted cost from each state. */
  values: Float64Array;
  /** The optimal action of each state (global action index). */
  policy: Int32Array;
  /** Improvement steps (policy iteration) or Bellman sweeps (value iteration). */
  iterations: number;
  /** A bound on max_s |values(s) - V*(s)| in exact arithmetic (0 for policy iteration, which is exact). */
  errorBound: number;
}

/** The greedy action of each state against V, keeping `incumbent`'s action unless beaten by `margin`. */
export function greedyPolicy(mdp: FiniteMdp, values: Float64Array, incumbent: Int32Array | undefined, margin: number): Int32Array {
  const policy = new Int32Array(mdp.stateCount);
  for (let s = 0; s < mdp.stateCount; s++) {
    const keep = incumbent?.[s];
    let best = keep ?? mdp.actionStart[s]!;
    const bestValue = actionValue(mdp, best, values);
    let challenger = -1;
    let challengerValue = Infinity;
    for (let a = mdp.actionStart[s]!; a < mdp.actionStart[s + 1]!; a++) {
      if (a === best) continue;
      const q = actionValue(mdp, a, values);
      if (q < challengerValue) {
        challenger = a;
        challengerValue = q;
      }
    }
    if (challenger >= 0 && challengerValue < bestValue - (keep === undefined ? 0 : margin)) {
      best = challenger;
    }
    policy[s] = best;
  }
  return policy;
}

function cheapestNow(mdp: FiniteMdp): Int32Array {
  return greedyPolicy(mdp, new Float64Array(mdp.stateCount), undefined, 0);
}

const POLICY_ITERATION_OPTIONS = ["initialPolicy", "maxIterations", "onIteration"];

/**
 * The optimal stationary policy and its values by policy iteration (exact linear solves).
 * `onIteration` (optional) hears each step's number and how many states changed action.
 * Throws ParameterError for an mdp that is not a FiniteMdp, an unknown option, an initialPolicy
 * that is not an Int32Array of one of each state's actions, a maxIterations that is not a whole
 * number >= 1, or no convergence within maxIterations.
 */
export function policyIteration(mdp: FiniteMdp, options: PolicyIterationOptions = {}): MdpSolution {
  checkMdp(mdp);
  checkKnownOptions(checkOptions("options", options), POLICY_ITERATION_OPTIONS);
  const maxIterations = checkInteger("maxIterations", options.maxIterations ?? 1000, 1);
  if (options.initialPolicy !== undefined) checkPolicy(mdp, options.initialPolicy);
  const onIteration = options.onIteration;
  if (onIteration !== undefined && typeof onIteration !== "function") throw invalid("onIteration", onIteration, "a function (iteration, changedStates) => void");
  let policy = options.initialPolicy ? Int32Array.from(options.initialPolicy) : cheapestNow(mdp);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const values = evaluatePolicy(mdp, policy);
    let scale = 0;
    for (const v of values) scale = Math.max(scale, Math.abs(v));
    const improved = greedyPolicy(mdp, values, policy, TIE_MARGIN * scale);
    let changed = 0;
    for (let s = 0; s < mdp.stateCount; s++) if (improved[s] !== policy[s]) changed++;
    onIteration?.(iteration, changed);
    if (changed === 0) return { values, policy, iterations: iteration, errorBound: 0 };
    policy = improved;
  }
  throw invalid("maxIterations", maxIterations, `enough improvement steps for policy iteration to converge (it had not after ${maxIterations})`);
}
