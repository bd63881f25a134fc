import { describe, expect, it } from "vitest";
import { simulateStrategy } from "../src/strategy/simulate";
import { simulationConfig } from "../src/strategy/simulate";
import { resolveRule, resolveShocks } from "../src/strategy/inputs";
import { BIN_FIELDS, CFG_PATH_COUNT, CFG_PATH_START, PATH_FIELDS, simulatePaths } from "../assembly/strategy/simulate";
import { solveBatch } from "../src/batch";
import { ParameterError, resolveParams } from "../src/params";

const noisy = { onsetRate: 0.5, classes: [{ weight: 2, severity: 0.3, meanDuration: 182.5 }, { weight: 1, severity: 0.1, meanDuration: 60 }], priceReversion: 1.49, priceVolatility: 0.286 };
const rule = { maxDrawdownRate: 2, drawdownLag: 13, maxFillRate: 0.1, targetStock: 117, buyBelowPrice: 55, sellAbovePrice: 75, refillDelay: 30 };
const options = { years: 5, step: 7, samples: 600, seed: 11 };
const backends = ["js", "wasm"] as const;

function comparable(r: ReturnType<typeof simulateStrategy>): unknown {
  const { meta, ...rest } = r;
  return { ...rest, meta: { ...meta, backend: undefined } };
}

describe("simulateStrategy", () => {
  for (const backend of backends) {
    it(`is reproducible from its seed and changes with it (${backend})`, () => {
      const a = simulateStrategy({}, noisy, rule, { ...options, backend });
      const b = simulateStrategy({}, noisy, rule, { ...options, backend });
      const c = simulateStrategy({}, noisy, rule, { ...options, backend, seed: 12 });
      expect(b).toEqual(a);
      expect(c.costs.total).not.toBe(a.costs.total);
      expect(a.meta.backend).toBe(backend);
      expect(a.meta.seed).toBe(11);
    });
  }

  it("gives the same answer on both backends (parity, relative 1e-12)", () => {
    const js = simulateStrategy({}, noisy, { ...rule, fillMode: "dollar", fillBudget: 2e7 }, { ...options, backend: "js" });
    const wasm = simulateStrategy({}, noisy, { ...rule, fillMode: "dollar", fillBudget: 2e7 }, { ...options, backend: "wasm" });
    const close = (x: unknown, y: unknown, path: string): void => {
      if (typeof x === "number" && typeof y === "number") {
        expect(Math.abs(x - y), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
      } else if (x !== null && typeof x === "object") {
        for (const key of Object.keys(x)) close((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key], `${path}.${key}`);
      } else {
        expect(y, path).toEqual(x);
      }
    };
    close(comparable(js), comparable(wasm), "result");
    expect(js.averageBuyPrice).not.toBeNull();
    expect(js.averageSellPrice).not.toBeNull();
  });

  it("any split of the paths into blocks gives the same per-path totals and histogram (worker split = one shot)", () => {
    const p = resolveParams({});
    const shocks = resolveShocks(noisy);
    const resolved = resolveRule(rule, 117);
    const steps = 260, bins = 50, n = 300;
    const config = simulationConfig(p, shocks, resolved, 7, steps, 11, 117, 0, bins);
    const histogramLength = (steps + 1) * bins * BIN_FIELDS;
    const run = (cuts: number[]): [Float64Array, Float64Array] => {
      const perPath = new Float64Array(n * PATH_FIELDS);
      const histogram = new Float64Array(histogramLength);
      const block = new Float64Array(n * PATH_FIELDS);
      const edges = [0, ...cuts, n];
      for (let k = 0; k + 1 < edges.length; k++) {
        config[CFG_PATH_START] = edges[k]!;
        config[CFG_PATH_COUNT] = edges[k + 1]! - edges[k]!;
        simulatePaths(config, block, histogram);
        perPath.set(block.subarray(0, (edges[k + 1]! - edges[k]!) * PATH_FIELDS), edges[k]! * PATH_FIELDS);
      }
      return [perPath, histogram];
    };
    const [onePaths, oneHistogram] = run([]);
    const [splitPaths, splitHistogram] = run([1, 97, 250]);
    expect(splitPaths).toEqual(onePaths);
    expect(splitHistogram).toEqual(oneHistogram);
  });

  it("keeps its memory apart from the main kernel: a solveBatch between two runs changes neither", () => {
    const columns = { price: [50.8, 60, 70], elasticity: -0.1 };
    const alone = solveBatch(columns, { backend: "wasm" });
    const first = simulateStrategy({}, noisy, rule, { ...options, backend: "wasm" });
    const between = solveBatch(columns, { backend: "wasm" });
    const second = simulateStrategy({}, noisy, rule, { ...options, backend: "wasm" });
    expect(second).toEqual(first);
    expect(between).toEqual(alone);
  });

  it("matches the closed form of one disruption: run out iff it outlasts the stock (within 4 s.e.)", () => {
    // 117 days released at 0.3 a day in steps of 7 days: the stock first limits the release at
    // step 55 (117 - 55 x 2.1 = 1.5 < 2.1), so P(run out) = P(still disrupted at step 55) = e^(-55 x 7/182.5).
    const result = simulateStrategy({}, { onsetRate: 0, classes: [{ weight: 1, severity: 0.3, meanDuration: 182.5 }] },
      { maxDrawdownRate: 2, maxFillRate: 0, targetStock: 117 }, { years: 3, step: 7, samples: 20000, seed: 5, initialRegime: 1 });
    const exact = Math.exp((-55 * 7) / 182.5);
    expect(Math.abs(result.runOutProbability - exact)).toBeLessThan(4 * result.standardErrors.runOutProbability);
    expect(result.bands.p50[1]).toBeCloseTo(117 - 2.1, 12);
    expect(result.bands.p5[0]).toBe(117);
    expect(result.costs.purchases).toBe(0);
    expect(result.averageBuyPrice).toBeNull();
  });

  it("reports progress after every block of 1,024 paths", () => {
    const calls: [number, number][] = [];
    simulateStrategy({}, noisy, rule, { years: 1, samples: 2500, seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[1024, 2500], [2048, 2500], [2500, 2500]]);
  });

  it("rejects bad input with a ParameterError naming it", () => {
    expect(() => simulateStrategy({}, noisy, { ...rule, maxDrawdownRate: -1 })).toThrow(/maxDrawdownRate: got -1/);
    expect(() => simulateStrategy({}, { ...noisy, classes: [{ weight: 1, severity: 1.2, meanDuration: 10 }] }, rule)).toThrow(/classes\[0\]\.severity/);
    expect(() => simulateStrategy({}, noisy, { ...rule, fillMode: "dollar" })).toThrow(/fillBudget/);
    expect(() => simulateStrategy({}, noisy, rule, { samples: 1.5 })).toThrow(ParameterError);
    expect(() => simulateStrategy({}, noisy, rule, { initialRegime: 3 })).toThrow(/initialRegime/);
    expect(() => simulateStrategy({}, noisy, { ...rule, capacity: 50 })).toThrow(/capacity/);
    expect(() => simulateStrategy({}, noisy, { maxDrawdownRate: 1, maxFillRate: 1 } as never)).toThrow(/invalid targetStock: got undefined/);
  });

  it("refuses rule fields that contradict each other, naming both", () => {
    const plain = { maxDrawdownRate: 2, maxFillRate: 0.1, targetStock: 117 };
    // A floor above the tank: nothing could ever be released.
    expect(() => simulateStrategy({}, noisy, { ...plain, reserveFloor: 200 })).toThrow(/reserveFloor: got 200; allowed: 0 <= reserveFloor <= capacity \(117\)/);
    // Selling at or below the buy price (by default the rule always buys): it would churn its stock.
    expect(() => simulateStrategy({}, noisy, { ...plain, sellAbovePrice: 40 })).toThrow(/sellAbovePrice: got 40; allowed: > buyBelowPrice \(Infinity/);
    expect(() => simulateStrategy({}, noisy, { ...plain, buyBelowPrice: 60, sellAbovePrice: 60 })).toThrow(/sellAbovePrice: got 60; allowed: > buyBelowPrice \(60/);
    // A budget a volume fill would ignore.
    expect(() => simulateStrategy({}, noisy, { ...plain, fillBudget: 5 })).toThrow(/fillBudget: got 5; allowed: omitted unless fillMode is "dollar"/);
    expect(simulateStrategy({}, noisy, { ...plain, buyBelowPrice: 55, sellAbovePrice: 75 }, { years: 1, samples: 2 }).meta.rule.sellAbovePrice).toBe(75);
  });

  it("credits the stock left at the horizon: a rule that never refills saves purchases but leaves less", () => {
    // Nothing happens: the stock stays at 117 days, worth β^T q0 P0 117 at the end.
    const calm = simulateStrategy({}, { onsetRate: 0, classes: [{ weight: 1, severity: 0.3, meanDuration: 90 }] }, { maxDrawdownRate: 2, maxFillRate: 0.1, targetStock: 117 }, { years: 2, step: 7, samples: 2 });
    const p = resolveParams({});
    const exact = Math.exp((-p.interestRate * 7 * 104) / p.horizon) * p.imports * p.price * 117;
    expect(Math.abs(calm.stockLeftValue - exact) / exact).toBeLessThan(1e-12);
    expect(calm.netCost).toBe(calm.costs.total - calm.stockLeftValue);
    // The README's example: gross totals barely tell the rules apart; net of the stock left, refilling is clearly cheaper.
    const shocks = { onsetRate: 0.3836, classes: [{ weight: 1, severity: 0.3, meanDuration: 182.5 }] };
    const run = { years: 2, step: 1, samples: 4000, seed: 1, initialRegime: 1 };
    const refill = simulateStrategy({}, shocks, { maxDrawdownRate: 2, maxFillRate: 0.1, targetStock: 117 }, run);
    const never = simulateStrategy({}, shocks, { maxDrawdownRate: 2, maxFillRate: 0, targetStock: 117 }, run);
    expect(never.stockLeftValue).toBeLessThan(refill.stockLeftValue);
    // Seeded, so deterministic: at 4,000 paths the difference is 2.2 standard errors (at 20,000, 1.24e10 USD, 4.7 s.e.).
    const se = Math.hypot(refill.standardErrors.netCost, never.standardErrors.netCost);
    expect(never.netCost - refill.netCost).toBeGreaterThan(2 * se);
  });

  it("the step in which the refill delay ends buys for its share after the delay, as the drawdown lag's releases (both backends)", () => {
    // A disruption under way at time 0 ends after the first step (its mean duration is a nanosecond):
    // recovery on day 7, buying from day 7 + 30 = 37 to day 70 at 1 day of imports a day: 33 days bought.
    // (Before, the step starting on day 35 did not buy at all and the stock ended at 28.)
    const blip = { onsetRate: 0, classes: [{ weight: 1, severity: 0.3, meanDuration: 1e-9 }] };
    for (const backend of backends) {
      const r = simulateStrategy({}, blip, { maxDrawdownRate: 0, maxFillRate: 1, targetStock: 100, refillDelay: 30 },
        { years: 70 / 365, step: 7, samples: 2, initialStock: 0, initialRegime: 1, backend });
      expect(r.bands.p50.at(-1)).toBeCloseTo(33, 12);
    }
  });

  it("runs whole steps and says the horizon it ran; refuses one shorter than half a step", () => {
    expect(simulateStrategy({}, noisy, rule, { years: 1, step: 100, samples: 2 }).meta).toMatchObject({ years: 1, steps: 4, horizon: 400 });
    expect(() => simulateStrategy({}, noisy, rule, { years: 0.001, step: 7, samples: 2 })).toThrow(/years: got 0\.001; allowed: at least half a step/);
    // Too many steps for even one histogram bin: the step is named, not the bins.
    expect(() => simulateStrategy({}, noisy, rule, { years: 1, step: 1e-6, bins: 1 })).toThrow(/invalid step: got 0\.000001; allowed: >= 0\.0000912/);
  });

  it("names the start it was given: the default initial stock is the target, not 0", () => {
    expect(() => simulateStrategy({}, noisy, { ...rule, capacity: 100 })).toThrow(/>= targetStock \(117\) and >= the initial stock \(117\)/);
    expect(() => simulateStrategy({}, noisy, rule, { initialStock: 2e5 })).toThrow(/initialStock: got 200000; allowed: 0 <= initialStock <= 100000/);
  });

  it("never returns Infinity or NaN: overflowing losses, huge stocks and overflowing weights are refused or handled", () => {
    const nearTotal = { onsetRate: 1, classes: [{ weight: 1, severity: 1 - 1e-16, meanDuration: 30 }] };
    expect(() => simulateStrategy({ elasticity: -0.005 }, nearTotal, { maxDrawdownRate: 0, maxFillRate: 0.1, targetStock: 117 }, { years: 1, samples: 2 }))
      .toThrow(/classes\[0\]\.severity: got 0\.9999999999999999; allowed: a severity whose per-day loss stays below 1\.8e308 USD\/day at elasticity -0\.005/);
    expect(() => simulateStrategy({}, noisy, { ...rule, targetStock: 1e300 })).toThrow(/targetStock: got 1e\+300; allowed: 0 <= targetStock <= 100000/);
    // Weights whose sum overflows are still normalised (they were all set to 0).
    const huge = { onsetRate: 1, classes: [{ weight: 1e308, severity: 0.3, meanDuration: 10 }, { weight: 1e308, severity: 0.1, meanDuration: 10 }] };
    expect(simulateStrategy({}, huge, rule, { years: 1, samples: 2 }).meta.shocks.classes.map((c) => c.weight)).toEqual([0.5, 0.5]);
    // A log price that wanders past e^700 overflows the sums: refused, not returned as Infinity.
    // (the loss at P0, about 2e205 USD/day, passes the up-front check; at P0 e^300 it does not).
    const wild = { onsetRate: 1, classes: [{ weight: 1, severity: 0.9, meanDuration: 30 }], priceVolatility: 10 };
    expect(() => simulateStrategy({ elasticity: -0.005 }, wild, { maxDrawdownRate: 0, maxFillRate: 0.1, targetStock: 117 }, { years: 200, step: 365, samples: 200 })).toThrow(/a finite sum/);
  });
});
