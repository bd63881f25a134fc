/**
 * A direct sparse solver for A x = b: left-looking LU factorisation with threshold partial
 * pivoting (the column-by-column scheme of Gilbert & Peierls 1988, as in Davis, "Direct Methods
 * for Sparse Linear Systems", SIAM 2006, ch. 6), written here because the matrices it serves are
 * small to medium (10 to ~10^4 states) and npm has no well-kept, light sparse LU (mathjs's port
 * of CSparse drags in its whole typed-number machinery).
 *
 * Why a direct solve: policy evaluation needs (I - βP)V = c exactly; iterative methods converge
 * like β^k, which at a weekly β ≈ 0.9992 takes tens of thousands of sweeps.
 *
 * Simplification against CSparse: the elimination steps that touch a column are found by scanning
 * all earlier steps (O(n) per column, O(n^2) in all, negligible below ~10^4 unknowns) instead of a
 * depth-first search, and no fill-reducing ordering is applied (the natural order of a Markov
 * chain's states is usually local). The diagonal is kept as pivot whenever it is at least
 * PIVOT_THRESHOLD times the column's largest candidate: I - βP is row diagonally dominant, so the
 * diagonal always qualifies there and the factorisation is as stable as Gaussian elimination with
 * partial pivoting (growth factor <= 2 for diagonally dominant matrices).
 */
import type { SparseColumns } from "./sparse";

/** Keep the diagonal as pivot when |a_jj| >= this x the largest candidate (Davis 2006, cs_lu's tol). */
const PIVOT_THRESHOLD = 0.1;

/** Solve A x = b for a square matrix in compressed columns; throws if A is singular. */
export function solveSparse(a: SparseColumns, b: Float64Array): Float64Array {
  const n = a.size;
  if (b.length !== n) throw new RangeError(`right-hand side has ${b.length} entries; the matrix is ${n} x ${n}`);
  // L, by elimination step: rows (original numbering) and multipliers, below the pivot.
  const lStart: number[] = [0];
  const lRow: number[] = [];
  const lValue: number[] = [];
  // U, by column: elimination steps k < j and values; the pivot separately.
  const uStart: number[] = [0];
  const uStep: number[] = [];
  const uValue: number[] = [];
  const pivot = new Float64Array(n);
  const rowOfStep = new Int32Array(n);
  const stepOfRow = new Int32Array(n).fill(-1);
  const x = new Float64Array(n);
  const touched = new Uint8Array(n);
  const touchedList: number[] = [];
  const touch = (i: number): void => {
    if (touched[i] === 0) {
      touched[i] = 1;
      touchedList.push(i);
    }
  };
  for (let j = 0; j < n; j++) {
    for (let p = a.columnStart[j]!; p < a.columnStart[j + 1]!; p++) {
      x[a.rowIndex[p]!] = x[a.rowIndex[p]!]! + a.value[p]!;
      touch(a.rowIndex[p]!);
    }
    // x := L^-1 x over the earlier steps, in order (a valid topological order of their dependencies).
    for (let k = 0; k < j; k++) {
      const v = x[rowOfStep[k]!]!;
      if (v === 0) continue;
      uStep.push(k);
      uValue.push(v);
      for (let p = lStart[k]!; p < lStart[k + 1]!; p++) {
        const i = lRow[p]!;
        x[i] = x[i]! - lValue[p]! * v;
        touch(i);
      }
    }
    uStart.push(uStep.length);
    let best = -1;
    let bestAbs = 0;
    for (const i of touchedList) {
      if (stepOfRow[i] !== -1) continue;
      const abs = Math.abs(x[i]!);
      if (abs > bestAbs) {
        bestAbs = abs;
        best = i;
      }
    }
    if (stepOfRow[j] === -1 && Math.abs(x[j]!) >= PIVOT_THRESHOLD * bestAbs && x[j] !== 0) best = j;
    if (best < 0 || !Number.isFinite(bestAbs)) throw new RangeError(`the matrix is singular (column ${j} has no pivot)`);
    const d = x[best]!;
    pivot[j] = d;
    rowOfStep[j] = best;
    stepOfRow[best] = j;
    for (const i of touchedList) {
      if (stepOfRow[i] === -1 && x[i] !== 0) {
        lRow.push(i);
        lValue.push(x[i]! / d);
      }
      x[i] = 0;
      touched[i] = 0;
    }
    touchedList.length = 0;
    lStart.push(lRow.length);
  }
  // Forward: z = L^-1 P b (by step); back: U x = z (by column).
  const y = Float64Array.from(b);
  const z = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = y[rowOfStep[k]!]!;
    z[k] = v;
    if (v === 0) continue;
    for (let p = lStart[k]!; p < lStart[k + 1]!; p++) y[lRow[p]!] = y[lRow[p]!]! - lValue[p]! * v;
  }
  const solution = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const v = z[j]! / pivot[j]!;
    solution[j] = v;
    for (let p = uStart[j]!; p < uStart[j + 1]!; p++) z[uStep[p]!] = z[uStep[p]!]! - uValue[p]! * v;
  }
  return solution;
}
