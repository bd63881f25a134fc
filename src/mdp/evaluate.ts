/** Exact evaluation of a stationary policy: V = (I - βP_π)^-1 c_π by a sparse direct solve. */
import { invalid } from "../rules";
import { checkMdp, type FiniteMdp } from "./model";
import { policyMatrix } from "./sparse";
import { solveSparse } from "./sparse-lu";

/** Throw a ParameterError unless `mdp` is a FiniteMdp and `policy` (an Int32Array) picks, for every state, one of that state's own actions. */
export function checkPolicy(mdp: FiniteMdp, policy: Int32Array): void {
  checkMdp(mdp);
  if (!(policy instanceof Int32Array) || policy.length !== mdp.stateCount) {
    throw invalid("policy", policy, `an Int32Array of one global action index per state (${mdp.stateCount})`);
  }
  for (let s = 0; s < mdp.stateCount; s++) {
    const a = policy[s]!;
    if (a < mdp.actionStart[s]! || a >= mdp.actionStart[s + 1]!) {
      throw invalid(`policy at state ${s}`, a, `${mdp.actionStart[s]} <= action < ${mdp.actionStart[s + 1]}`);
    }
  }
}

/**
 * The expected discounted cost V(s) of following `policy` (a global action index per state) from
 * every state: the solution of (I - βP_π) V = c_π, exact up to rounding (the sparse LU of
 * sparse-lu.ts; relative error ~ 1e-16 x cond, cond <= (1 + β)/(1 - β) in the max norm).
 * Throws ParameterError for an mdp that is not a FiniteMdp or a policy that is not an Int32Array
 * of one of each state's own actions.
 */
export function evaluatePolicy(mdp: FiniteMdp, policy: Int32Array): Float64Array {
  checkPolicy(mdp, policy);
  const costs = Float64Array.from(policy, (a) => mdp.cost[a]!);
  return solveSparse(policyMatrix(mdp, policy), costs);
}
