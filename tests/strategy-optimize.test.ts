import { describe, expect, it } from "vitest";
import { optimizeStrategy, strategyProblem } from "../src/strategy/optimize";
import { evaluateStrategy } from "../src/strategy/evaluate";
import { stateIndex } from "../src/strategy/chain";
import { valueIteration } from "../src/mdp/value-iteration";
import { ParameterError } from "../src/params";

const shocks = { onsetRate: 1, classes: [{ weight: 2, severity: 0.3, meanDuration: 90 }, { weight: 1, severity: 0.1, meanDuration: 30 }] };
const limits = { maxDrawdownRate: 0.2, maxFillRate: 0.1 };
// A monthly step keeps value iteration's β^k crawl short (β = e^(-0.0435 x 30/365) = 0.9964).
const grid = { stockLevels: 41, capacity: 120, step: 30 };

describe("optimizeStrategy", () => {
  it("agrees with value iteration on the same MDP: every value to 1e-10, every policy table entry", () => {
    const { mdp, space, nextStock } = strategyProblem({}, shocks, grid, limits);
    const optimum = optimizeStrategy({}, shocks, grid, limits);
    const check = valueIteration(mdp);
    let scale = 0;
    for (const v of check.values) scale = Math.max(scale, Math.abs(v));
    for (let s = 0; s < mdp.stateCount; s++) expect(Math.abs(optimum.values[s]! - check.values[s]!)).toBeLessThan(1e-10 * scale);
    optimum.policy.forEach((table, regime) => {
      table.nextStock.forEach((next, level) => {
        expect(next, `${table.regime} at ${optimum.levels[level]}`).toBeCloseTo(nextStock[check.policy[stateIndex(space, regime, 0, level)]!]!, 12);
      });
    });
    const mass = optimum.stockDistribution.reduce((a, b) => a + b, 0);
    expect(mass).toBeCloseTo(1, 12);
    expect(optimum.refillTarget).toBeGreaterThan(0);
  });

  it("beats a rule on the same grid, and the gain is the rule's exact cost minus the optimum", () => {
    const rule = { maxDrawdownRate: 0.2, maxFillRate: 0.1, targetStock: 30, capacity: 120 };
    const optimum = optimizeStrategy({}, shocks, grid, { ...limits, rule, initialStock: 30 });
    const exact = evaluateStrategy({}, shocks, rule, grid, { initialStock: 30 });
    expect(optimum.ruleCost).toBeCloseTo(exact.costs.total, 0);
    expect(optimum.gain).toBeGreaterThan(0);
    expect(optimum.gain! + optimum.optimalCost).toBe(optimum.ruleCost);
  });

  it("under price noise, a price-dependent rule's cost is evaluateStrategy's on the same split grid, and the gain is never negative", () => {
    const noisy = { ...shocks, priceReversion: 1.49, priceVolatility: 0.286 };
    const small = { stockLevels: 31, capacity: 120, step: 30 };
    const base = { maxDrawdownRate: 0.2, maxFillRate: 0.1, targetStock: 60, capacity: 120 };
    for (const rule of [{ ...base, buyBelowPrice: 50 }, { ...base, fillMode: "dollar" as const, fillBudget: 4.3e7 }, { ...base, buyBelowPrice: 45, sellAbovePrice: 60 }]) {
      const optimum = optimizeStrategy({}, noisy, small, { ...limits, allowSales: true, rule, initialStock: 60 });
      const exact = evaluateStrategy({}, noisy, rule, small, { initialStock: 60 });
      expect(optimum.grid.priceStates).toBe(exact.grid.priceStates);
      expect(Math.abs(optimum.ruleCost! / exact.costs.total - 1), JSON.stringify(rule)).toBeLessThan(1e-9);
      expect(optimum.gain!).toBeGreaterThanOrEqual(-1e-12 * optimum.ruleCost!);
    }
  });

  it("holds nothing when nothing can go wrong, and releases in a disruption when it can", () => {
    const calm = optimizeStrategy({}, { ...shocks, onsetRate: 0 }, grid, limits);
    expect(calm.refillTarget).toBe(0);
    const optimum = optimizeStrategy({}, shocks, grid, limits);
    const severe = optimum.policy[1]!;
    // At 60 days in the 30% class the release is the cap, 0.2 a day.
    expect(severe.rate[20]).toBeCloseTo(-0.2, 12);
  });

  it("is never beaten by a rule whose moves fall between levels, from any state (partial releases, off-grid targets)", () => {
    // Before the rule's moves were actions, this rule beat the "optimum" by 2% at 27.5 days in a
    // disruption: releasing half the shortfall lands between levels, and the per-day loss is convex.
    const oneClass = { onsetRate: 0.3836, classes: [{ weight: 1, severity: 0.3, meanDuration: 182.5 }] };
    const fine = { stockLevels: 61, capacity: 150, step: 1 };
    for (const coverFraction of [0.5, 0.7, 0.9]) {
      const rule = { maxDrawdownRate: 2, maxFillRate: 0.02, targetStock: 117, coverFraction, capacity: 150 };
      const optimum = optimizeStrategy({}, oneClass, fine, { maxDrawdownRate: 2, maxFillRate: 0.02, rule });
      const exact = evaluateStrategy({}, oneClass, rule, fine);
      optimum.values.forEach((best, s) => expect(exact.values[s]!, `state ${s}`).toBeGreaterThanOrEqual(best - 1e-12 * Math.abs(best)));
      expect(optimum.gain!).toBeGreaterThanOrEqual(-1e-12 * optimum.ruleCost!);
    }
  });

  it("rations a small stock: no rule of a sweep beats the optimum found without the rule's moves (partial releases are actions)", () => {
    // Before sixteenths of the release were actions, every one of these rules beat it somewhere (by up to 2.3%).
    const oneClass = { onsetRate: 0.3836, classes: [{ weight: 1, severity: 0.3, meanDuration: 182.5 }] };
    for (const [stockLevels, step] of [[31, 7], [61, 1]] as const) {
      const fine = { stockLevels, capacity: 150, step };
      const optimum = optimizeStrategy({}, oneClass, fine, { maxDrawdownRate: 2, maxFillRate: 0.02 });
      for (const coverFraction of [0.5, 0.7, 0.9]) {
        const exact = evaluateStrategy({}, oneClass, { maxDrawdownRate: 2, maxFillRate: 0.02, targetStock: 117, coverFraction, capacity: 150 }, fine);
        optimum.values.forEach((best, s) => expect(exact.values[s]!, `${stockLevels} levels, cover ${coverFraction}, state ${s}`).toBeGreaterThanOrEqual(best - 1e-12 * Math.abs(best)));
      }
    }
  });

  it("refuses a rule it cannot copy (rates beyond its limits, sales without allowSales, timers) and a start above the grid", () => {
    const rule = { maxDrawdownRate: 0.2, maxFillRate: 0.1, targetStock: 30, capacity: 120 };
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, rule: { ...rule, maxDrawdownRate: 0.3 } })).toThrow(/rule\.maxDrawdownRate.*got 0\.3.*<= the optimum's maxDrawdownRate \(0\.2\)/);
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, rule: { ...rule, maxFillRate: 0.2 } })).toThrow(/rule\.maxFillRate.*got 0\.2/);
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, rule: { ...rule, buyBelowPrice: 60, sellAbovePrice: 80 } })).toThrow(/rule\.sellAbovePrice.*allowSales/);
    expect(optimizeStrategy({}, shocks, grid, { ...limits, allowSales: true, rule: { ...rule, buyBelowPrice: 60, sellAbovePrice: 80 } }).gain).toBeGreaterThanOrEqual(0);
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, rule: { ...rule, drawdownLag: 13 } })).toThrow(/drawdownLag/);
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, initialStock: 500 })).toThrow(/initialStock.*got 500.*capacity \(120\)/);
  });

  it("reports each policy-iteration step (progress on long solves)", () => {
    const steps: [number, number][] = [];
    const optimum = optimizeStrategy({}, shocks, grid, { ...limits, onProgress: (iteration, changed) => steps.push([iteration, changed]) });
    expect(steps.map(([i]) => i)).toEqual(Array.from({ length: optimum.iterations }, (_, k) => k + 1));
    expect(steps.at(-1)![1]).toBe(0);
    expect(steps[0]![1]).toBeGreaterThan(0);
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, onProgress: 3 as never })).toThrow(/onProgress: got 3/);
  });

  it("takes a drawdown cap of 0 (as a rule does): nothing is ever released", () => {
    const none = optimizeStrategy({}, shocks, grid, { ...limits, maxDrawdownRate: 0 });
    for (const table of none.policy.slice(1)) expect(table.rate.every((r) => r === 0)).toBe(true);
  });

  it("rejects bad limits and grids with a ParameterError", () => {
    expect(() => optimizeStrategy({}, shocks, grid, { ...limits, maxDrawdownRate: -1 })).toThrow(/maxDrawdownRate/);
    expect(() => optimizeStrategy({}, shocks, { stockLevels: 41 }, limits)).toThrow(/capacity/);
    expect(() => optimizeStrategy({}, shocks, { ...grid, stockLevels: 1e6 }, limits)).toThrow(ParameterError);
  });
});
