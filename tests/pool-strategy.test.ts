/**
 * The pool's simulateStrategy (built dist/pool.js): the paths split over 1, 2 and 3 workers give
 * the single-thread simulateStrategy's result exactly (toEqual compares numbers with Object.is:
 * every mean, standard error, probability and cover band bit for bit), on both backends; progress
 * counts paths; an AbortSignal stops it; bad input rejects with the library's ParameterError.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Pool } from "../dist/pool.js";
import { PATH_FIELDS } from "../assembly/strategy/simulate";
import { mergeHistograms, planSimulation, simulatePathRange, simulateStrategy, summariseSimulation } from "../src/strategy/simulate";
import { importBuilt } from "./built";

const { lib, poolModule } = await importBuilt();

// Frequent disruptions of two classes, a lag, a price-gated refill and OU price noise: the stock
// spreads over its whole range, so every band and both histogram atoms (empty, at target) matter.
const shocks = {
  onsetRate: 1.5, classes: [{ weight: 2, severity: 0.3, meanDuration: 120 }, { weight: 1, severity: 0.6, meanDuration: 40 }],
  priceReversion: 1.5, priceVolatility: 0.3,
};
const rule = { maxDrawdownRate: 0.5, drawdownLag: 7, maxFillRate: 0.2, targetStock: 60, buyBelowPrice: 75, capacity: 80, sellAbovePrice: 95 };

for (const backend of ["wasm", "js"] as const) {
  describe(`pool.simulateStrategy (${backend})`, () => {
    const pools: Pool[] = [];
    afterAll(() => Promise.all(pools.map((p) => p.close())));

    for (const workers of [1, 2, 3]) {
      it(`${workers} worker(s): equal to the single-thread run, bit for bit`, async () => {
        const pool = poolModule.createPool({ workers, backend });
        pools.push(pool);
        // 1,000 paths, 200 bins: one task per worker (the last one short); 5,000 paths with 20 bins
        // on 3 workers: 12 tasks of 417 paths, which arrive out of order and merge in order.
        const runs = workers === 3 ? [{ samples: 1000, bins: 200, tasks: 3 }, { samples: 5000, bins: 20, tasks: 12 }] : [{ samples: 1000, bins: 200, tasks: workers }];
        for (const { samples, bins, tasks } of runs) {
          const options = { years: 3, step: 7, samples, seed: 9, initialRegime: 1, bins };
          const progress: number[] = [];
          const pooled = await pool.simulateStrategy({}, shocks, rule, { ...options, onProgress: (done, total) => {
            expect(total).toBe(samples);
            progress.push(done);
          } });
          const single = lib.simulateStrategy({}, shocks, rule, { ...options, backend });
          expect(pooled).toEqual(single);
          expect(pooled.meta.backend).toBe(backend);
          // The comparison is not vacuous: the bands spread and the stock runs out on some paths.
          expect(single.runOutProbability).toBeGreaterThan(0.05);
          expect(single.runOutProbability).toBeLessThan(0.95);
          expect(single.bands.p95.some((v, t) => v > single.bands.p5[t]! + 10)).toBe(true);
          expect(progress.at(-1)).toBe(samples);
          expect(progress.every((d, k) => k === 0 || d > progress[k - 1]!)).toBe(true);
          expect(progress).toHaveLength(tasks);
        }
      });
    }
  });
}

describe("pool.simulateStrategy: cancellation and bad input", () => {
  it("an AbortSignal rejects with its reason; the pool stays usable", async () => {
    const pool = poolModule.createPool({ workers: 1 });
    const controller = new AbortController();
    const job = pool.simulateStrategy({}, shocks, rule, { years: 2, samples: 20000, signal: controller.signal, onProgress: (done) => {
      if (done > 0) controller.abort();
    } });
    await expect(job).rejects.toMatchObject({ name: "AbortError" });
    const again = await pool.simulateStrategy({}, shocks, rule, { years: 1, samples: 300, seed: 2 });
    expect(again).toEqual(lib.simulateStrategy({}, shocks, rule, { years: 1, samples: 300, seed: 2 }));
    await pool.close();
  });

  it("bad parameters, shocks, rules and options reject with the library's ParameterError", async () => {
    const pool = poolModule.createPool({ workers: 1 });
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => pool.simulateStrategy({ price: -1 }, shocks, rule), /^invalid price: got -1/],
      [() => pool.simulateStrategy({}, { ...shocks, onsetRate: -2 }, rule), /^invalid onsetRate: got -2; allowed: 0 <= onsetRate <= 1e4/],
      [() => pool.simulateStrategy({}, shocks, { ...rule, coverFraction: 11 }), /^invalid coverFraction: got 11; allowed: 0 <= coverFraction <= 10/],
      [() => pool.simulateStrategy({}, shocks, rule, { samples: 1 }), /^invalid samples: got 1; allowed: an integer 2 <= samples/],
      [() => pool.simulateStrategy({}, shocks, rule, { onProgress: 3 as never }), /^invalid onProgress/],
    ];
    for (const [call, message] of cases) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(lib.isParameterError(error), String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    await pool.close();
  });
});

describe("the split itself (library, no workers)", () => {
  it("any split of the paths, merged in path order, summarises to simulateStrategy's result bit for bit", () => {
    for (const backend of ["wasm", "js"] as const) {
      const options = { years: 2, step: 7, samples: 2500, seed: 4, initialRegime: 1, bins: 50, backend };
      const single = simulateStrategy({}, shocks, rule, options);
      // Ranges that cut the kernel's blocks of 1,024 paths anywhere, a one-path range included.
      for (const cuts of [[0, 1, 2500], [0, 700, 1024, 1025, 2500], [0, 1250, 2500]]) {
        const plan = planSimulation({}, shocks, rule, options);
        const perPath = new Float64Array(plan.samples * PATH_FIELDS);
        const histogram = new Float64Array(plan.histogramLength);
        for (let k = 0; k + 1 < cuts.length; k++) {
          const part = simulatePathRange(plan, cuts[k]!, cuts[k + 1]! - cuts[k]!);
          perPath.set(part.perPath, cuts[k]! * PATH_FIELDS);
          mergeHistograms(histogram, part.histogram);
        }
        expect(summariseSimulation(plan, perPath, histogram), `${backend} ${cuts.join(",")}`).toEqual(single);
      }
    }
  });

  it("mergeHistograms refuses histograms of different shapes", () => {
    expect(() => mergeHistograms(new Float64Array(10), new Float64Array(15))).toThrow(/histograms of 10 and 15 values cannot merge/);
  });
});
