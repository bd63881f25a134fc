/**
 * The stationary distribution π = πP of the Markov chain a policy induces on a finite MDP, started
 * from a reference state r, by one sparse direct solve: restrict the chain to the states r
 * reaches, fix π_r = 1, solve the other balance equations π_{-r} (I - P_{-r,-r}) = P_{r,-r}
 * (nonsingular exactly when r is recurrent: then every state r reaches leads back to r), and
 * normalise. States r does not reach get 0.
 */
import type { FiniteMdp } from "../mdp/model";
import type { SparseColumns } from "../mdp/sparse";
import { solveSparse } from "../mdp/sparse-lu";

function reachable(mdp: FiniteMdp, policy: Int32Array, reference: number): Int32Array {
  const index = new Int32Array(mdp.stateCount).fill(-1);
  const queue = [reference];
  index[reference] = 0;
  for (let head = 0; head < queue.length; head++) {
    const a = policy[queue[head]!]!;
    for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
      const t = mdp.target[k]!;
      if (index[t] === -1 && mdp.probability[k]! > 0) {
        index[t] = queue.length;
        queue.push(t);
      }
    }
  }
  return index;
}

/**
 * π for `policy` (a global action per state) in the long run from `reference`, summing to 1; null
 * if the reference is transient (the long run then depends on where the chain leaks to).
 */
export function stationaryDistribution(mdp: FiniteMdp, policy: Int32Array, reference: number): Float64Array | null {
  const order = reachable(mdp, policy, reference);
  const states: number[] = [];
  order.forEach((position, s) => { if (position > 0) states[position - 1] = s; });
  const m = states.length;
  const pi = new Float64Array(mdp.stateCount);
  pi[reference] = 1;
  if (m > 0) {
    // Unknowns: the reached states but r, numbered order - 1. (I - Q)^T in compressed columns is
    // (I - Q) in compressed rows: column of state s holds 1 at s and -P(s -> t) at each t != r.
    const columnStart = new Int32Array(m + 1);
    const rows: number[] = [];
    const values: number[] = [];
    const rhs = new Float64Array(m);
    const a0 = policy[reference]!;
    for (let k = mdp.transitionStart[a0]!; k < mdp.transitionStart[a0 + 1]!; k++) {
      const t = mdp.target[k]!;
      if (t !== reference) rhs[order[t]! - 1] = rhs[order[t]! - 1]! + mdp.probability[k]!;
    }
    for (let c = 0; c < m; c++) {
      const s = states[c]!;
      columnStart[c] = rows.length;
      rows.push(c);
      values.push(1);
      const a = policy[s]!;
      for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
        const t = mdp.target[k]!;
        if (t === reference) continue;
        rows.push(order[t]! - 1);
        values.push(-mdp.probability[k]!);
      }
    }
    columnStart[m] = rows.length;
    const matrix: SparseColumns = { size: m, columnStart, rowIndex: Int32Array.from(rows), value: Float64Array.from(values) };
    let rest: Float64Array;
    try {
      rest = solveSparse(matrix, rhs);
    } catch {
      return null; // singular: some reached state never returns, r is transient
    }
    for (let c = 0; c < m; c++) pi[states[c]!] = Math.max(0, rest[c]!); // rounding-level negatives
  }
  let total = 0;
  for (const q of pi) total += q;
  for (let s = 0; s < pi.length; s++) pi[s]! /= total;
  return pi;
}
