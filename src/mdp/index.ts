/** The finite-MDP engine: model, exact policy evaluation, policy iteration, value iteration. */
export { MdpBuilder, actionValue, localActions, type FiniteMdp } from "./model";
export { evaluatePolicy } from "./evaluate";
export { policyIteration, type MdpSolution, type PolicyIterationOptions } from "./policy-iteration";
export { valueIteration, type ValueIterationOptions } from "./value-iteration";
export { solveSparse } from "./sparse-lu";
export type { SparseColumns } from "./sparse";
