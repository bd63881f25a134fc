/**
 * The fast method (assembly/kernel/fast/, docs/numerics.md "Fast method") against the general
 * kernel it stands beside, and at every switch between them.
 *   - Same answers: on the stress rows and on random sets over the whole range, the kernel source
 *     run with the fast method on and off (setFastMethodEnabled): statuses equal, z* within
 *     1e-13 max(1, z*), MB(z*) and S(z*) within 1e-12, MB'(z*) within 1e-9 relative (both
 *     extrapolate it from their last evaluation, the general kernel with a secant MB'').
 *   - The stress mix is solved by it entirely, in at most 2.3 MB evaluations per solve on average.
 *   - Each gate of fast/gate.ts (x = H/lambda, m at both ends, the money scale) just either side,
 *     on both backends: the gate is decided as intended, WASM agrees with JS (1e-12), and z* has
 *     no jump across the switch (second difference at rounding level).
 *   - The run-time hand-back next to the horizon (H - z* < FAST_MIN_GAP_FRACTION H), either side.
 *   - A fresh WebAssembly instance's first batch is not touched by the tables the fast method
 *     allocates when the module starts (the batch region lies past them).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as kernel from "../assembly/kernel/api";
import {
  FAST_MAX_EXPONENT, FAST_MAX_HORIZON_RATIO, FAST_MIN_BENEFIT_SCALE, FAST_MIN_EXPONENT, fastMethodCovers,
  setFastMethodEnabled,
} from "../assembly/kernel/fast/gate";
import { FAST_MIN_GAP_FRACTION, solveFast } from "../assembly/kernel/fast/solve";
import { lnBenefitScale } from "../assembly/kernel/model";
import { OUT_Z_STAR, OUTPUT_COLUMNS } from "../assembly/kernel/layout";
import { createJsBackend } from "../src/backend/js";
import { createWasmBackend } from "../src/backend/wasm";
import { PARAM_NAMES, resolveParams, toKernelInputs } from "../src/params";
import { solve, type Params } from "../src/index";
import { randomParams, relDiff, rng } from "./helpers";
import { expectSmoothSwitch } from "./switch-check";

const Z_TOL = 1e-13;
const VALUE_TOL = 1e-12;
const SLOPE_TOL = 1e-9;
const STRESS_EVALUATIONS = 2.3;

// The stress rows give the paper's 13 parameters; the later ones take their defaults.
const stress = (JSON.parse(readFileSync(join(__dirname, "..", "bench", "stress-reference.json"), "utf8")) as {
  params: Partial<Params>[];
}).params.map((p) => resolveParams(p));

interface Outcome { covered: boolean; z: number; status: number; mb: number; slope: number; total: number; evaluations: number }

/** Solve p with the kernel source (the JavaScript fallback's code), fast method on or off. */
function kernelSolve(p: Params, fast: boolean): Outcome {
  setFastMethodEnabled(fast);
  try {
    const row = toKernelInputs(p);
    (kernel.loadCase as (...a: number[]) => void)(...row);
    const covered = fastMethodCovers();
    kernel.solveLoaded();
    return {
      covered, z: kernel.outZStar, status: kernel.outStatus, mb: kernel.outBenefit, slope: kernel.outSlope,
      total: kernel.outTotalCost, evaluations: kernel.outIterations,
    };
  } finally {
    setFastMethodEnabled(true);
  }
}

function compareMethods(list: Params[]): { covered: number; evaluations: number } {
  let covered = 0;
  let evaluations = 0;
  for (const p of list) {
    const fast = kernelSolve(p, true);
    const general = kernelSolve(p, false);
    const at = JSON.stringify(p);
    if (fast.covered) covered++;
    evaluations += fast.evaluations;
    expect(fast.status, at).toBe(general.status);
    expect(Math.abs(fast.z - general.z) / Math.max(1, general.z), `z* ${at}`).toBeLessThanOrEqual(Z_TOL);
    expect(relDiff(fast.mb, general.mb), `MB ${at}`).toBeLessThanOrEqual(VALUE_TOL);
    expect(relDiff(fast.total, general.total), `S ${at}`).toBeLessThanOrEqual(VALUE_TOL);
    expect(relDiff(fast.slope, general.slope), `MB' ${at}`).toBeLessThanOrEqual(SLOPE_TOL);
  }
  return { covered, evaluations: evaluations / list.length };
}

describe("fast method against the general kernel", () => {
  it(`stress rows: all solved by it, same answers, at most ${STRESS_EVALUATIONS} evaluations per solve`, () => {
    const { covered, evaluations } = compareMethods(stress);
    expect(covered).toBe(stress.length);
    expect(evaluations).toBeLessThanOrEqual(STRESS_EVALUATIONS);
  });
  it("random sets over the whole range: same answers wherever it is used", () => {
    const next = rng(20261201);
    const { covered } = compareMethods(Array.from({ length: 3000 }, () => randomParams(next)));
    expect(covered).toBeGreaterThan(500);
  });
});

/** A gate of fast/gate.ts: a parameter change putting the case at the switch value v. */
type Gate = [name: string, at: (v: number) => Partial<Params>, v: number, fastBelow: boolean];
const H = 365;
const gates: Gate[] = [
  ["x = H/lambda at its largest", (x) => ({ meanDisruption: H / x }), FAST_MAX_HORIZON_RATIO, true],
  ["m at its smallest", (m) => ({ elasticity: -1 / m }), FAST_MIN_EXPONENT, false],
  ["m at its largest", (m) => ({ elasticity: -1 / m }), FAST_MAX_EXPONENT, true],
  // Costs 2^k USD/unit/yr against a price span of 35.8 = 2^5.16 (no GDP term): money is held in
  // units of 2^floor(k), so the benefit side drops to 2^(5 - floor(k)) and below 2^-865
  // (lnBenefitScale < -600) from k = 871 on.
  ["money scale", (k) => ({ fixedCost: 2 ** k, elasticity: -1 / 30, includeGdp: false }), 871, true],
];

describe("either side of each gate, both backends", () => {
  it.each(gates)("%s", (_name, at, v, fastBelow) => {
    const [below, above] = [v * (1 - 1e-12), v * (1 + 1e-12)];
    expect(kernelSolve(resolveParams(at(below)), true).covered, `gate at ${below}`).toBe(fastBelow);
    expect(kernelSolve(resolveParams(at(above)), true).covered, `gate at ${above}`).toBe(!fastBelow);
    expectSmoothSwitch(at(below), at(v), at(above));
  });
  it("the money-scale gate is where the test puts it", () => {
    kernelSolve(resolveParams({ fixedCost: 2 ** 870, elasticity: -1 / 30, includeGdp: false }), true);
    expect(lnBenefitScale).toBeGreaterThanOrEqual(FAST_MIN_BENEFIT_SCALE);
    kernelSolve(resolveParams({ fixedCost: 2 ** 871, elasticity: -1 / 30, includeGdp: false }), true);
    expect(lnBenefitScale).toBeLessThan(FAST_MIN_BENEFIT_SCALE);
  });
});

it("a fresh WebAssembly instance solves its first batch like the JavaScript fallback", () => {
  const n = stress.length;
  const inputs = PARAM_NAMES.map((name) => Float64Array.from(stress, (p) => Number(p[name])));
  inputs.push(new Float64Array(n).fill(1));
  const solveWith = (backend: ReturnType<typeof createJsBackend>): Float64Array => {
    const outputs = Array.from({ length: OUTPUT_COLUMNS }, () => new Float64Array(n));
    backend.solve(inputs, outputs, 0, n);
    return outputs[OUT_Z_STAR]!;
  };
  const wasm = solveWith(createWasmBackend());
  const js = solveWith(createJsBackend());
  for (let i = 0; i < n; i++) expect(relDiff(wasm[i]!, js[i]!), `row ${i}`).toBeLessThan(1e-12);
});

describe("the hand-back next to the horizon, both backends", () => {
  // No GDP term, m = 3, x = 3.65 and a holding cost c small enough that H - z* falls to
  // FAST_MIN_GAP_FRACTION H: found by bisection in ln c; either side the two methods meet.
  const at = (c: number): Params => resolveParams({ includeGdp: false, elasticity: -1 / 3, meanDisruption: 100,
    fixedCost: c, variableCost: 0, interestRate: 0 });
  const gap = (c: number) => (H - solve(at(c), { backend: "js" }).zStar) / H;
  let lo = -40;
  let hi = 5;
  for (let k = 0; k < 80; k++) {
    const mid = 0.5 * (lo + hi);
    if (gap(Math.exp(mid)) < FAST_MIN_GAP_FRACTION) lo = mid; else hi = mid;
  }
  const c = Math.exp(0.5 * (lo + hi));
  it("the switch is where H - z* = FAST_MIN_GAP_FRACTION H, and the fast method hands back below it", () => {
    expect(relDiff(gap(c), FAST_MIN_GAP_FRACTION)).toBeLessThan(1e-6);
    (kernel.loadCase as (...a: number[]) => void)(...toKernelInputs(at(c / 2)));
    expect(fastMethodCovers()).toBe(true);
    expect(solveFast()).toBe(false);
    (kernel.loadCase as (...a: number[]) => void)(...toKernelInputs(at(c * 2)));
    expect(solveFast()).toBe(true);
  });
  it("no jump across it, and WASM = JS either side", () => {
    const zs = [c * (1 - 1e-9), c, c * (1 + 1e-9)].map((x) => {
      const w = solve(at(x), { backend: "wasm" });
      const j = solve(at(x), { backend: "js" });
      expect(w.status).toBe(j.status);
      expect(relDiff(w.zStar, j.zStar)).toBeLessThan(1e-12);
      expect(relDiff(w.totalCost, j.totalCost)).toBeLessThan(1e-12);
      expect(relDiff(w.slope, j.slope)).toBeLessThan(1e-10);
      return w.zStar;
    });
    const [z0, z1, z2] = zs as [number, number, number];
    expect(Math.abs(z2 - 2 * z1 + z0)).toBeLessThan(1e-13 * z1 + 0.1 * Math.abs(z2 - z0));
  });
});
