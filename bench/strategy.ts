/**
 * Strategy benchmark (issue 11): simulateStrategy's kernel path loop in paths x steps per second
 * on each backend (with the WebAssembly/JavaScript ratio from the same run) and on the worker
 * pool (pool.simulateStrategy: the paths split over POOL_WORKERS workers, and on one worker,
 * which measures the pool's own cost: messages, histogram copies and merges), and the time of
 * policy iteration (optimizeStrategy) and of exact evaluation (evaluateStrategy) on a 3,000-state
 * grid. Runs against the built package: `npm run bench:strategy` (builds first).
 */
import { Bench } from "tinybench";
import { availableParallelism } from "node:os";
import { evaluateStrategy, optimizeStrategy, simulateStrategy, type BackendName } from "../dist/index.js";
import { createPool } from "../dist/pool.js";

const shocks = { onsetRate: 1, classes: [{ weight: 2, severity: 0.3, meanDuration: 90 }, { weight: 1, severity: 0.1, meanDuration: 30 }], priceReversion: 1.49, priceVolatility: 0.286 };
const rule = { maxDrawdownRate: 0.2, drawdownLag: 13, maxFillRate: 0.1, targetStock: 117, buyBelowPrice: 60, capacity: 150 };
const simulation = { years: 10, step: 7, samples: 2000, seed: 1 };
const steps = Math.round((simulation.years * 365) / simulation.step);
// 1,000 stock levels x 3 regimes x 1 price state = 3,000 states (no price noise on the grid).
const calm = { onsetRate: shocks.onsetRate, classes: shocks.classes };
const grid = { stockLevels: 1000, capacity: 150, step: 7 };

/** Workers of the pooled run: every core, at least 2 (the split is then measured even on one core). */
const POOL_WORKERS = Math.max(2, availableParallelism());
const pool = createPool({ workers: POOL_WORKERS, backend: "wasm" });
const onePool = createPool({ workers: 1, backend: "wasm" });

const bench = new Bench({ time: 2000, iterations: 3, warmupIterations: 1 });
const backends: BackendName[] = ["wasm", "js"];
for (const backend of backends) {
  bench.add(`simulate ${backend}`, () => { simulateStrategy({}, shocks, rule, { ...simulation, backend }); });
}
bench.add("simulate wasm pool", async () => { await pool.simulateStrategy({}, shocks, rule, simulation); });
bench.add("simulate wasm pool 1", async () => { await onePool.simulateStrategy({}, shocks, rule, simulation); });
bench.add("optimize 3000 states", () => { optimizeStrategy({}, calm, grid, { maxDrawdownRate: 0.2, maxFillRate: 0.1 }); });
bench.add("evaluate 3000 states", () => { evaluateStrategy({}, calm, { ...rule, drawdownLag: 0 }, grid); });
await bench.run();
await Promise.all([pool.close(), onePool.close()]);

const meanMs = (name: string): number => {
  const task = bench.getTask(name);
  const result = task?.result as { latency?: { mean: number }; mean?: number } | undefined;
  const mean = result?.latency?.mean ?? result?.mean;
  if (mean === undefined) throw new Error(`no result for ${name}`);
  return mean;
};
const pathSteps = simulation.samples * steps;
const rows = backends.map((backend) => {
  const ms = meanMs(`simulate ${backend}`);
  return { task: `simulateStrategy (${backend})`, ms: Number(ms.toFixed(1)), pathStepsPerSecond: Math.round(pathSteps / (ms / 1000)) };
});
const pooledMs = meanMs("simulate wasm pool");
const oneWorkerMs = meanMs("simulate wasm pool 1");
rows.push({ task: "pool.simulateStrategy (wasm, 1 worker)", ms: Number(oneWorkerMs.toFixed(1)), pathStepsPerSecond: Math.round(pathSteps / (oneWorkerMs / 1000)) });
rows.push({ task: `pool.simulateStrategy (wasm, ${POOL_WORKERS} workers)`, ms: Number(pooledMs.toFixed(1)), pathStepsPerSecond: Math.round(pathSteps / (pooledMs / 1000)) });
console.log(`simulateStrategy: ${simulation.samples} paths x ${steps} weekly steps, two classes, OU price, lag and price-gated refill`);
console.table(rows);
console.log(`wasm / js speed ratio (same run): ${(meanMs("simulate js") / meanMs("simulate wasm")).toFixed(2)}`);
console.log(`pool speed over the single thread, wasm (same run): ${POOL_WORKERS} workers ${(meanMs("simulate wasm") / pooledMs).toFixed(2)}x, ` +
  `1 worker ${(meanMs("simulate wasm") / oneWorkerMs).toFixed(2)}x (the pool's own cost); ${availableParallelism()} cores here`);
const optimum = optimizeStrategy({}, calm, grid, { maxDrawdownRate: 0.2, maxFillRate: 0.1 });
console.log(`optimizeStrategy, ${optimum.grid.states} states / ${optimum.grid.actions} actions, ${optimum.iterations} policy-iteration steps: ${meanMs("optimize 3000 states").toFixed(0)} ms`);
console.log(`evaluateStrategy (one exact sparse solve per cost part + the stationary law), 3,000 states: ${meanMs("evaluate 3000 states").toFixed(0)} ms`);
