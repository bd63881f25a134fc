/** steadyState: hand-checkable cases, the θ = 0 limit, validation, and a seeded simulation of the same process. */
import { describe, expect, it } from "vitest";
import { steadyState, xoshiro128, type SteadyStateInput } from "../src/index";
import { relDiff } from "./helpers";

/**
 * Exact event-driven simulation of the fluid queue (piecewise-linear stock, exponential normal and
 * disrupted spells), in `batches` batches of `cycles` normal+disrupted cycles each; returns the
 * batch means and their standard errors of P(empty | disrupted) and of the time-average stock.
 */
function simulate(input: SteadyStateInput, seed: number, batches = 40, cycles = 5000) {
  const next = xoshiro128(seed);
  const exp = (rate: number) => -Math.log(1 - next()) / rate;
  const lambda = input.onsetRate / 365;
  const mu = 1 / input.meanDuration;
  const { maxFillRate: f, maxDrawdownRate: r, capacity: z } = input;
  let x = z;
  const runOut: number[] = [];
  const stock: number[] = [];
  for (let b = 0; b < batches; b++) {
    let empty = 0;
    let disrupted = 0;
    let area = 0;
    let time = 0;
    for (let c = 0; c < cycles; c++) {
      const tn = exp(lambda);
      const toFull = (z - x) / f;
      if (toFull < tn) {
        area += x * toFull + (f * toFull * toFull) / 2 + z * (tn - toFull);
        x = z;
      } else {
        area += x * tn + (f * tn * tn) / 2;
        x += f * tn;
      }
      const td = exp(mu);
      const toEmpty = x / r;
      if (toEmpty < td) {
        area += (x * toEmpty) / 2;
        empty += td - toEmpty;
        x = 0;
      } else {
        area += x * td - (r * td * td) / 2;
        x -= r * td;
      }
      disrupted += td;
      time += tn + td;
    }
    runOut.push(empty / disrupted);
    stock.push(area / time);
  }
  const stats = (v: number[]) => {
    const mean = v.reduce((s, y) => s + y, 0) / v.length;
    const variance = v.reduce((s, y) => s + (y - mean) ** 2, 0) / (v.length - 1);
    return { mean, se: Math.sqrt(variance / v.length) };
  };
  return { runOut: stats(runOut), stock: stats(stock) };
}

describe("steadyState (fluid queue after Oren & Wan 1986)", () => {
  it("hand-checkable balanced case: λ = μ = 0.1/day, f = r = 1, Z = 10 gives θ = 0, P(empty | D) = 1/2, mean Z/2", () => {
    // Weights: full f/λ = 10, empty f/μ = 10, interior (1 + f/r) Z = 20; P(empty | D) = (10/40)/(1/2).
    const s = steadyState({ onsetRate: 36.5, meanDuration: 10, maxFillRate: 1, maxDrawdownRate: 1, capacity: 10 });
    expect(Math.abs(s.theta)).toBeLessThan(1e-17);
    expect(relDiff(s.runOutProbability, 0.5)).toBeLessThan(1e-14);
    expect(relDiff(s.meanStock, 5)).toBeLessThan(1e-14);
    expect(relDiff(s.fullProbability, 0.5)).toBeLessThan(1e-14);
    expect(relDiff(s.disruptedShare, 0.5)).toBeLessThan(1e-15);
    expect(s.meta.source).toMatch(/Oren & Wan/);
  });

  it("no capacity: the reserve is always empty in a disruption", () => {
    const s = steadyState({ onsetRate: 0.5, meanDuration: 180, maxFillRate: 0.1, maxDrawdownRate: 0.3, capacity: 0 });
    expect(relDiff(s.runOutProbability, 1)).toBeLessThan(1e-15);
    expect(s.meanStock).toBe(0);
  });

  it("θ → 0 is continuous (no cancellation): θ = ±1e-12 matches the exact θ = 0 case to 1e-10", () => {
    const base = { onsetRate: 36.5, meanDuration: 10, maxDrawdownRate: 1, capacity: 10 };
    const at0 = steadyState({ ...base, maxFillRate: 1 });
    for (const f of [1 + 1e-11, 1 - 1e-11]) {
      const near = steadyState({ ...base, maxFillRate: f });
      expect(Math.abs(near.theta)).toBeGreaterThan(0);
      expect(relDiff(near.runOutProbability, at0.runOutProbability)).toBeLessThan(1e-10);
      expect(relDiff(near.meanStock, at0.meanStock)).toBeLessThan(1e-10);
    }
  });

  it("large |θ| Z neither overflows nor loses the answer", () => {
    // Fast drawdown, slow fill, long disruptions: θ Z ~ -2e3, the reserve is almost surely empty.
    const s = steadyState({ onsetRate: 300, meanDuration: 1e4, maxFillRate: 0.001, maxDrawdownRate: 100, capacity: 1e3 });
    expect(Number.isFinite(s.meanStock) && s.runOutProbability <= 1 && s.runOutProbability > 0.99).toBe(true);
    const t = steadyState({ onsetRate: 0.01, meanDuration: 1, maxFillRate: 10, maxDrawdownRate: 0.001, capacity: 1e3 });
    expect(t.theta * 1e3).toBeGreaterThan(700); // e^(θZ) would overflow
    expect(t.runOutProbability).toBeGreaterThanOrEqual(0);
    expect(relDiff(t.meanStock, 1e3)).toBeLessThan(1e-3);
  });

  for (const [name, input, seed] of [
    // Each sign of θ, with |θ| Z below 1 (series branch) and above it (closed-form branch).
    ["theta > 0, theta Z 0.25", { onsetRate: 0.5, meanDuration: 180, maxFillRate: 0.1, maxDrawdownRate: 0.35, capacity: 117 }, 1],
    ["theta > 0, theta Z 1.39", { onsetRate: 2, meanDuration: 60, maxFillRate: 0.2, maxDrawdownRate: 0.1, capacity: 10 }, 2],
    ["theta < 0, theta Z -0.53", { onsetRate: 1, meanDuration: 180, maxFillRate: 0.1, maxDrawdownRate: 0.3, capacity: 60 }, 3],
    ["theta < 0, theta Z -7.2", { onsetRate: 1, meanDuration: 120, maxFillRate: 0.02, maxDrawdownRate: 0.5, capacity: 60 }, 4],
  ] as const) {
    it(`agrees with a seeded simulation of the same process within 4 standard errors (${name})`, () => {
      const exact = steadyState(input);
      const sim = simulate(input, seed);
      expect(sim.runOut.se).toBeLessThan(0.05 * exact.runOutProbability); // the check has teeth
      expect(Math.abs(sim.runOut.mean - exact.runOutProbability), `runOut ${sim.runOut.mean} ± ${sim.runOut.se} vs ${exact.runOutProbability}`)
        .toBeLessThan(4 * sim.runOut.se);
      expect(Math.abs(sim.stock.mean - exact.meanStock), `stock ${sim.stock.mean} ± ${sim.stock.se} vs ${exact.meanStock}`)
        .toBeLessThan(4 * sim.stock.se);
    });
  }

  it("invalid input names the parameter, the value and the range", () => {
    const ok = { onsetRate: 0.5, meanDuration: 180, maxFillRate: 0.1, maxDrawdownRate: 0.35, capacity: 117 };
    expect(() => steadyState({ ...ok, onsetRate: 0 })).toThrow(/invalid onsetRate: got 0; allowed: 0 < onsetRate <= 10000 \(1\/yr\)/);
    expect(() => steadyState({ ...ok, capacity: -1 })).toThrow(/invalid capacity: got -1; allowed: 0 <= capacity/);
    expect(() => steadyState({ ...ok, maxFillRate: Number.NaN })).toThrow(/invalid maxFillRate: got NaN/);
    expect(() => steadyState({ ...ok, fillRate: 1 } as unknown as SteadyStateInput)).toThrow(/unknown steadyState input "fillRate"/);
  });
});
