/**
 * The stationary distribution π = πP of the Markov chain a policy induces on a finite MDP, by one
 * sparse direct solve: fix π_r = 1 at a reference state r that every state reaches, solve the
 * other balance equations π_{-r} (I - P_{-r,-r}) = P_{r,-r} (nonsingular: without r the chain
 * leaks), then normalise. Restricted to the states r reaches, this is the unique stationary law.
 */
import type { FiniteMdp } from "../mdp/model";
import type { SparseColumns } from "../mdp/sparse";
import { solveSparse } from "../mdp/sparse-lu";

/** π for `policy` (a global action per state), normalised to sum 1. Throws if r is not reached from every state. */
export function stationaryDistribution(mdp: FiniteMdp, policy: Int32Array, reference: number): Float64Array {
  const n = mdp.stateCount;
  // Unknowns: every state but r, renumbered. (I - Q)^T in compressed columns is (I - Q) in compressed rows.
  const index = (s: number): number => (s < reference ? s : s - 1);
  const columnStart = new Int32Array(n);
  const rows: number[] = [];
  const values: number[] = [];
  const rhs = new Float64Array(n - 1);
  for (let s = 0; s < n; s++) {
    const a = policy[s]!;
    if (s === reference) {
      for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
        const t = mdp.target[k]!;
        if (t !== reference) rhs[index(t)] += mdp.probability[k]!;
      }
      continue;
    }
    columnStart[index(s)] = rows.length;
    rows.push(index(s));
    values.push(1);
    for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
      const t = mdp.target[k]!;
      if (t === reference) continue;
      rows.push(index(t));
      values.push(-mdp.probability[k]!);
    }
  }
  columnStart[n - 1] = rows.length;
  const matrix: SparseColumns = { size: n - 1, columnStart, rowIndex: Int32Array.from(rows), value: Float64Array.from(values) };
  const rest = solveSparse(matrix, rhs);
  const pi = new Float64Array(n);
  let total = 1;
  for (let s = 0; s < n; s++) {
    if (s === reference) continue;
    pi[s] = Math.max(0, rest[index(s)]!); // clears rounding-level negatives of unreachable states
    total += pi[s]!;
  }
  pi[reference] = 1;
  for (let s = 0; s < n; s++) pi[s]! /= total;
  return pi;
}
