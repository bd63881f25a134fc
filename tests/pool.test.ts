/**
 * The worker pool (built dist/pool.js: workers run dist/pool-worker.js). Results equal the
 * single-thread functions bit for bit; progress, cancellation, crashes and idle workers.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pool } from "../dist/pool.js";

const dist = join(__dirname, "..", "dist");
type Lib = typeof import("../dist/index.js");
type PoolModule = typeof import("../dist/pool.js");
let lib: Lib;
let poolModule: PoolModule;

beforeAll(async () => {
  lib = (await import(join(dist, "index.js"))) as Lib;
  poolModule = (await import(join(dist, "pool.js"))) as PoolModule;
});

const lambdas = (n: number) => Float64Array.from({ length: n }, (_, i) => 5 + ((i * 7919) % 1000) / 10);
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

for (const backend of ["wasm", "js"] as const) {
  describe(`pool (${backend}, 2 workers)`, () => {
    let pool: Pool;
    beforeAll(() => {
      pool = poolModule.createPool({ workers: 2, backend, chunkSize: 1000 });
    });
    afterAll(() => pool.close());

    it("solveBatch equals the single-thread solveBatch, invalid rows included", async () => {
      const meanDisruption = lambdas(5500);
      meanDisruption[1234] = -1;
      meanDisruption[4321] = Number.NaN;
      const progress: number[] = [];
      const r = await pool.solveBatch({ meanDisruption, includeGdp: false }, { onProgress: (done, total) => {
        expect(total).toBe(5500);
        progress.push(done);
      } });
      const s = lib.solveBatch({ meanDisruption, includeGdp: false }, { backend });
      expect(r.backend).toBe(backend);
      for (const f of ["zStar", "marginalBenefit", "marginalCost", "totalCost"] as const) expect(sameBits(r[f], s[f])).toBe(true);
      expect(Array.from(r.status)).toEqual(Array.from(s.status));
      expect(r.errors).toEqual(s.errors);
      expect(progress).toHaveLength(6);
      expect(progress.every((d, k) => k === 0 || d > progress[k - 1]!)).toBe(true);
      expect(progress.at(-1)).toBe(5500);
    });

    it("grid and monteCarlo equal the synchronous ones", async () => {
      const axes = { meanDisruption: [5, 10, 21, 31, 42, 60], fixedCost: Array.from({ length: 500 }, (_, i) => 0.5 + i / 50) };
      const g = await pool.grid({}, axes);
      const h = lib.grid({}, axes, { backend });
      expect(sameBits(g.zStar, h.zStar)).toBe(true);
      expect(g.shape).toEqual(h.shape);
      const dists = { meanDisruption: { type: "lognormal", mean: 21, sd: 8 }, fixedCost: { type: "uniform", min: 1, max: 4 } } as const;
      const a = await pool.monteCarlo({}, dists, { samples: 3000, seed: 11, currentStock: 80 });
      const b = lib.monteCarlo({}, dists, { samples: 3000, seed: 11, currentStock: 80, backend });
      expect(a).toEqual(b);
    });
  });
}

describe("pool lifecycle", () => {
  it("an AbortSignal stops the job (rejects with its reason) and the pool stays usable", async () => {
    const pool = poolModule.createPool({ workers: 1, chunkSize: 500 });
    const controller = new AbortController();
    const job = pool.solveBatch({ meanDisruption: lambdas(20000) }, { signal: controller.signal, onProgress: (done) => {
      if (done >= 1000) controller.abort();
    } });
    await expect(job).rejects.toMatchObject({ name: "AbortError" });
    const again = await pool.solveBatch({ meanDisruption: [21] });
    expect(again.zStar[0]).toBe(lib.solve({}).zStar);
    await pool.close();
  });

  it("a worker that dies rejects the job with the reason; a new worker takes its place", async () => {
    const pool = poolModule.createPool({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });
    await expect(pool.solveBatch({ meanDisruption: lambdas(2_000_000) })).rejects.toThrow(/a worker crashed: .*memory limit/);
    await pool.close();
  }, 60_000);

  it("idle workers do not keep Node alive", () => {
    const script = `const { createPool } = await import(${JSON.stringify(join(dist, "pool.js"))});
      const pool = createPool({ workers: 2 }); const r = await pool.solveBatch({ meanDisruption: [10, 20, 30] });
      console.log(r.zStar.length);`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("3");
  });

  it("close() rejects work still queued and later calls", async () => {
    const pool = poolModule.createPool({ workers: 1, chunkSize: 100 });
    const job = expect(pool.solveBatch({ meanDisruption: lambdas(50000) })).rejects.toThrow(/closed while a job was running/);
    await pool.close();
    await job;
    await expect(pool.solveBatch({})).rejects.toThrow(/the pool is closed/);
  });
});
