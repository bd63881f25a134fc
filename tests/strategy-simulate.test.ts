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
});
