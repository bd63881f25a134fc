/** Compressed sparse columns, and the policy-evaluation matrix I - βP_π in that form. */
import type { FiniteMdp } from "./model";

/** A square matrix in compressed sparse columns (duplicates allowed: they add up). */
export interface SparseColumns {
  readonly size: number;
  /** Entries of column j are columnStart[j] .. columnStart[j+1]-1. */
  readonly columnStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly value: Float64Array;
}

/**
 * I - βP_π for the policy (a global action index per state), in compressed columns: row s holds
 * 1 on the diagonal and -β P(s → t) at column t. Built by counting sort, O(states + transitions).
 */
export function policyMatrix(mdp: FiniteMdp, policy: Int32Array): SparseColumns {
  const n = mdp.stateCount;
  const count = new Int32Array(n + 1);
  let entries = n;
  for (let s = 0; s < n; s++) {
    count[s + 1] = count[s + 1]! + 1; // the diagonal
    const a = policy[s]!;
    for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
      count[mdp.target[k]! + 1] = count[mdp.target[k]! + 1]! + 1;
      entries++;
    }
  }
  for (let j = 0; j < n; j++) count[j + 1] = count[j + 1]! + count[j]!;
  const columnStart = Int32Array.from(count);
  const next = Int32Array.from(count.subarray(0, n));
  const rowIndex = new Int32Array(entries);
  const value = new Float64Array(entries);
  const put = (row: number, column: number, v: number): void => {
    const p = next[column]!;
    rowIndex[p] = row;
    value[p] = v;
    next[column] = p + 1;
  };
  for (let s = 0; s < n; s++) {
    put(s, s, 1);
    const a = policy[s]!;
    for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
      put(s, mdp.target[k]!, -mdp.discount * mdp.probability[k]!);
    }
  }
  return { size: n, columnStart, rowIndex, value };
}
