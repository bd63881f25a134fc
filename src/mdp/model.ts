/**
 * A finite Markov decision process in flat typed arrays: states 0..n-1, each with its own list
 * of actions; an action has a cost paid now and a sparse distribution over next states. The
 * engine minimises expected discounted cost (pass profits negated to maximise).
 *
 * Layout (compressed rows, like CSR): the actions of state s are the global indices
 * actionStart[s] .. actionStart[s+1]-1; action a costs cost[a] and moves to target[k] with
 * probability probability[k] for k in transitionStart[a] .. transitionStart[a+1]-1. A policy is an
 * Int32Array giving, for each state, the global index of the action it takes.
 */
import { checkInteger, invalid } from "../rules";

export interface FiniteMdp {
  readonly stateCount: number;
  /** β in [0, 1): the weight of next period's cost. */
  readonly discount: number;
  readonly actionStart: Int32Array;
  readonly cost: Float64Array;
  readonly transitionStart: Int32Array;
  readonly target: Int32Array;
  readonly probability: Float64Array;
}

/** Probabilities of an action must sum to 1 within this (absolute; they are shares). */
const PROBABILITY_SUM_TOLERANCE = 1e-12;

interface PendingAction {
  cost: number;
  targets: readonly number[];
  probabilities: readonly number[];
}

/**
 * Builds a FiniteMdp action by action, in any order of states; within a state, actions keep the
 * order they were added in (the local index `addAction` returns). The constructor checks
 * stateCount and discount, `addAction` the state and that targets and probabilities are arrays,
 * `build()` everything else; each throws a ParameterError naming the state, the action and the
 * offending value.
 */
export class MdpBuilder {
  private readonly actions: PendingAction[][];

  constructor(readonly stateCount: number, readonly discount: number) {
    checkInteger("stateCount", stateCount, 1);
    if (typeof discount !== "number" || !(discount >= 0 && discount < 1)) throw invalid("discount", discount, "0 <= discount < 1");
    this.actions = Array.from({ length: stateCount }, () => []);
  }

  /**
   * Add an action to `state`: pay `cost` now, then move to targets[k] with probabilities[k].
   * Returns the action's local index within the state (0 for the first one added).
   */
  addAction(state: number, cost: number, targets: readonly number[], probabilities: readonly number[]): number {
    checkInteger("state", state, 0, this.stateCount - 1);
    const list = this.actions[state]!;
    if (!Array.isArray(targets)) throw invalid("targets", targets, "an array of state indices");
    if (!Array.isArray(probabilities)) throw invalid("probabilities", probabilities, "an array of probabilities, one per target");
    list.push({ cost, targets, probabilities });
    return list.length - 1;
  }

  build(): FiniteMdp {
    const n = this.stateCount;
    let actionCount = 0;
    let transitionCount = 0;
    for (let s = 0; s < n; s++) {
      const list = this.actions[s]!;
      if (list.length === 0) throw invalid("state", s, "states with at least one action (addAction); this one has none");
      actionCount += list.length;
      for (const a of list) transitionCount += a.targets.length;
    }
    const actionStart = new Int32Array(n + 1);
    const cost = new Float64Array(actionCount);
    const transitionStart = new Int32Array(actionCount + 1);
    const target = new Int32Array(transitionCount);
    const probability = new Float64Array(transitionCount);
    let a = 0;
    let k = 0;
    for (let s = 0; s < n; s++) {
      actionStart[s] = a;
      this.actions[s]!.forEach((action, local) => {
        const where = `state ${s}, action ${local}`;
        if (typeof action.cost !== "number" || !Number.isFinite(action.cost)) throw invalid(`cost at ${where}`, action.cost, "a finite number");
        if (action.targets.length !== action.probabilities.length || action.targets.length === 0) {
          throw invalid(`transitions at ${where}`, `${action.targets.length} targets, ${action.probabilities.length} probabilities`,
            "non-empty targets and probabilities of one length");
        }
        let sum = 0;
        cost[a] = action.cost;
        transitionStart[a] = k;
        for (let j = 0; j < action.targets.length; j++) {
          const t = action.targets[j]!;
          const p = action.probabilities[j]!;
          if (!Number.isInteger(t) || t < 0 || t >= n) throw invalid(`target at ${where}`, t, `0 <= target < ${n}`);
          if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw invalid(`probability at ${where}`, p, "0 <= probability <= 1");
          target[k] = t;
          probability[k] = p;
          sum += p;
          k++;
        }
        if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
          throw invalid(`sum of probabilities at ${where}`, sum, `1 within ${PROBABILITY_SUM_TOLERANCE}`);
        }
        a++;
      });
    }
    actionStart[n] = a;
    transitionStart[actionCount] = k;
    return { stateCount: n, discount: this.discount, actionStart, cost, transitionStart, target, probability };
  }
}

/**
 * Throw a ParameterError unless `mdp` has the shape of a FiniteMdp (as MdpBuilder.build() makes
 * it): an object with a whole stateCount >= 1, a discount in [0, 1) and typed arrays of matching
 * lengths. O(1): the contents were checked when it was built.
 */
export function checkMdp(mdp: FiniteMdp): void {
  if (mdp === null || typeof mdp !== "object") throw invalid("mdp", mdp, "a FiniteMdp (MdpBuilder.build())");
  const n = checkInteger("mdp.stateCount", mdp.stateCount, 1);
  if (typeof mdp.discount !== "number" || !(mdp.discount >= 0 && mdp.discount < 1)) throw invalid("mdp.discount", mdp.discount, "0 <= discount < 1");
  const { actionStart, cost, transitionStart, target, probability } = mdp;
  if (!(actionStart instanceof Int32Array) || actionStart.length !== n + 1
    || !(cost instanceof Float64Array) || !(transitionStart instanceof Int32Array) || transitionStart.length !== cost.length + 1
    || !(target instanceof Int32Array) || !(probability instanceof Float64Array) || probability.length !== target.length) {
    throw invalid("mdp", "an object of other arrays", "a FiniteMdp (MdpBuilder.build()): typed arrays of matching lengths");
  }
}

/** c(a) + β Σ_k P(a → k) V(k): the expected discounted cost of taking action a, then following V. */
export function actionValue(mdp: FiniteMdp, action: number, values: Float64Array): number {
  let expected = 0;
  for (let k = mdp.transitionStart[action]!; k < mdp.transitionStart[action + 1]!; k++) {
    expected += mdp.probability[k]! * values[mdp.target[k]!]!;
  }
  return mdp.cost[action]! + mdp.discount * expected;
}

/** The local index (0-based within its state) of each state's action in a policy. */
export function localActions(mdp: FiniteMdp, policy: Int32Array): Int32Array {
  return Int32Array.from(policy, (a, s) => a - mdp.actionStart[s]!);
}
