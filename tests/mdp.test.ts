/** The finite-MDP engine on its own: sparse LU, policy evaluation, policy and value iteration, validation. */
import { describe, expect, it } from "vitest";
import { MdpBuilder, evaluatePolicy, policyIteration, solveSparse, valueIteration, type FiniteMdp } from "../src/mdp/index";
import { relDiff, rng } from "./helpers";
import { solveByLp } from "./lp-reference";

/** A random MDP: `n` states, 1..4 actions each, 1..5 random targets per action, costs in [-1, 1). */
function randomMdp(next: () => number, n: number, discount: number): FiniteMdp {
  const b = new MdpBuilder(n, discount);
  for (let s = 0; s < n; s++) {
    const actions = 1 + Math.floor(next() * 4);
    for (let a = 0; a < actions; a++) {
      const k = 1 + Math.floor(next() * 5);
      const targets = Array.from({ length: k }, () => Math.floor(next() * n));
      const weights = targets.map(() => next() + 1e-3);
      const total = weights.reduce((x, y) => x + y, 0);
      b.addAction(s, 2 * next() - 1, targets, weights.map((w) => w / total));
    }
  }
  return b.build();
}

/** Dense Gaussian elimination with partial pivoting: the textbook reference for the sparse LU. */
function denseSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    [m[k], m[p]] = [m[p]!, m[k]!];
    for (let i = k + 1; i < n; i++) {
      const f = m[i]![k]! / m[k]![k]!;
      for (let j = k; j <= n; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= m[i]![j]! * x[j]!;
    x[i] = s / m[i]![i]!;
  }
  return x;
}

describe("sparse LU", () => {
  it("solves random sparse systems (general, needing row exchanges) like dense elimination, to 1e-12", () => {
    const next = rng(5);
    for (const n of [1, 2, 7, 40, 120]) {
      const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      for (let j = 0; j < n; j++) {
        // a few entries per column, diagonal often zero: pivoting is required
        for (let e = 0; e < 4; e++) dense[Math.floor(next() * n)]![j]! += 2 * next() - 1;
        dense[(j + 1) % n]![j]! += 3; // a permuted dominant entry keeps it nonsingular
      }
      const columnStart = new Int32Array(n + 1);
      const rows: number[] = [];
      const values: number[] = [];
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) if (dense[i]![j] !== 0) { rows.push(i); values.push(dense[i]![j]!); }
        columnStart[j + 1] = rows.length;
      }
      const rhs = Float64Array.from({ length: n }, () => next());
      const x = solveSparse({ size: n, columnStart, rowIndex: Int32Array.from(rows), value: Float64Array.from(values) }, rhs);
      const reference = denseSolve(dense, [...rhs]);
      for (let i = 0; i < n; i++) expect(relDiff(x[i]!, reference[i]!), `n ${n}, x[${i}]`).toBeLessThan(1e-12);
    }
  });

  it("throws on a singular matrix", () => {
    const singular = { size: 2, columnStart: Int32Array.from([0, 1, 1]), rowIndex: Int32Array.from([0]), value: Float64Array.from([1]) };
    expect(() => solveSparse(singular, Float64Array.from([1, 1]))).toThrow(/singular/);
  });
});

describe("finite MDP engine", () => {
  it("hand-checkable case: a two-state chain has V = (I - βP)^-1 c in closed form", () => {
    // State 0 costs 1 and stays with .9; state 1 costs 0 and stays with .5; β = .9.
    const b = new MdpBuilder(2, 0.9);
    b.addAction(0, 1, [0, 1], [0.9, 0.1]);
    b.addAction(1, 0, [0, 1], [0.5, 0.5]);
    const v = evaluatePolicy(b.build(), Int32Array.from([0, 1]));
    // (1 - .81) V0 - .09 V1 = 1, -.45 V0 + .55 V1 = 0  =>  V1 = (9/11) V0, V0 = 1/(.19 - .09 * 9/11)
    const v0 = 1 / (0.19 - (0.09 * 9) / 11);
    expect(relDiff(v[0]!, v0)).toBeLessThan(1e-15);
    expect(relDiff(v[1]!, (9 / 11) * v0)).toBeLessThan(1e-15);
  });

  it("keeps the incumbent action on exact ties (and terminates)", () => {
    const b = new MdpBuilder(1, 0.5);
    b.addAction(0, 1, [0], [1]);
    b.addAction(0, 1, [0], [1]); // identical twin
    const mdp = b.build();
    expect(policyIteration(mdp, { initialPolicy: Int32Array.from([1]) }).policy[0]).toBe(1);
    expect(policyIteration(mdp, { initialPolicy: Int32Array.from([0]) }).policy[0]).toBe(0);
  });

  it("policy iteration, value iteration and the LP agree on random MDPs to 1e-10", async () => {
    const next = rng(42);
    for (const [n, beta] of [[5, 0.5], [30, 0.9], [80, 0.99]] as const) {
      const mdp = randomMdp(next, n, beta);
      const pi = policyIteration(mdp);
      const vi = valueIteration(mdp);
      const lp = await solveByLp(mdp);
      const exact = evaluatePolicy(mdp, pi.policy);
      for (let s = 0; s < n; s++) {
        expect(pi.values[s]).toBe(exact[s]);
        expect(Math.abs(vi.values[s]! - pi.values[s]!), `VI state ${s}`).toBeLessThanOrEqual(vi.errorBound + 1e-13 * Math.abs(pi.values[s]!));
        expect(relDiff(vi.values[s]!, pi.values[s]!)).toBeLessThan(1e-10);
        expect(relDiff(lp.values[s]!, pi.values[s]!)).toBeLessThan(1e-10);
      }
    }
  });

  it("validation names what is wrong", () => {
    expect(() => new MdpBuilder(0, 0.9)).toThrow(/invalid stateCount: got 0/);
    expect(() => new MdpBuilder(2, 1)).toThrow(/invalid discount: got 1; allowed: 0 <= discount < 1/);
    const b = new MdpBuilder(2, 0.9);
    expect(() => b.addAction(2, 0, [0], [1])).toThrow(/invalid state: got 2; allowed: a whole number in \[0, 1\]/);
    expect(() => b.addAction(0, 0, null as never, [1])).toThrow(/invalid targets: got null/);
    b.addAction(0, 0, [0, 1], [0.5, 0.4]);
    b.addAction(1, 0, [1], [1]);
    expect(() => b.build()).toThrow(/invalid sum of probabilities at state 0, action 0: got 0.9; allowed: 1 within 1e-12/);
    const c = new MdpBuilder(1, 0.9);
    expect(() => c.build()).toThrow(/invalid state: got 0; allowed: states with at least one action/);
    c.addAction(0, Number.NaN, [0], [1]);
    expect(() => c.build()).toThrow(/invalid cost at state 0, action 0: got NaN/);
    const ok = new MdpBuilder(1, 0.9);
    ok.addAction(0, 1, [0], [1]);
    expect(() => evaluatePolicy(ok.build(), Int32Array.from([3]))).toThrow(/invalid policy at state 0: got 3; allowed: 0 <= action < 1/);
  });
});
