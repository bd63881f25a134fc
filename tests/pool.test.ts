/**
 * The worker pool (built dist/pool.js: workers run dist/pool-worker.js). Results equal the
 * single-thread functions bit for bit; progress, cancellation, crashes and idle workers.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pool } from "../dist/pool.js";
import { importBuilt, type Lib } from "./built";

const dist = join(__dirname, "..", "dist");
const { lib, poolModule } = await importBuilt();

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
      for (const f of ["zStar", "zStarUnits", "marginalBenefit", "marginalCost", "totalCost"] as const) expect(sameBits(r[f], s[f])).toBe(true);
      expect(Array.from(r.status)).toEqual(Array.from(s.status));
      expect(r.errors).toEqual(s.errors);
      expect(progress).toHaveLength(6);
      expect(progress.every((d, k) => k === 0 || d > progress[k - 1]!)).toBe(true);
      expect(progress.at(-1)).toBe(5500);
    });

    it("the extensions (gdpLossForm as strings, chokePrice Infinity, sampled p and Pc) equal the synchronous runs", async () => {
      const columns = {
        chokePrice: [100, 200, Infinity, 40], gdpLossForm: ["linear", "paper", "linear", "paper"] as ("linear" | "paper")[],
        eventProbability: 0.3,
      };
      const r = await pool.solveBatch(columns);
      const s = lib.solveBatch(columns, { backend });
      expect(sameBits(r.zStar, s.zStar)).toBe(true);
      expect(r.errors).toEqual(s.errors);
      const dists = { chokePrice: { type: "lognormal", mean: 500, sd: 200 }, eventProbability: { type: "uniform", min: 0.05, max: 1 } } as const;
      const a = await pool.monteCarlo({ gdpLossForm: "linear" }, dists, { samples: 2000, seed: 5 });
      expect(a.mean).toBe(lib.monteCarlo({ gdpLossForm: "linear" }, dists, { samples: 2000, seed: 5, backend }).mean);
    });

    it("a cell that is no number (a form, a boolean, a string) is flagged with the value as given, as the synchronous run does", async () => {
      const columns = {
        gdpLossForm: ["linear", "x", "paper"], includeGdp: [true, false, "yes"], meanDisruption: [21, 30, "abc"],
      } as unknown as Parameters<Pool["solveBatch"]>[0];
      const small = poolModule.createPool({ workers: 2, backend, chunkSize: 1 });
      const r = await small.solveBatch(columns).finally(() => small.close());
      const s = lib.solveBatch(columns, { backend });
      expect(s.errors.map((e) => e.row)).toEqual([1, 2]);
      expect(s.errors[0]!.message).toContain('got "x"');
      expect(r.errors).toEqual(s.errors);
      expect(sameBits(r.zStar, s.zStar)).toBe(true);
      const scalar = { gdpLossForm: "x", meanDisruption: [21, 30] } as unknown as Parameters<Pool["solveBatch"]>[0];
      expect((await pool.solveBatch(scalar)).errors).toEqual(lib.solveBatch(scalar, { backend }).errors);
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

  it("createWorker: the pool runs on the caller's worker_threads Workers; anything else is a ParameterError", async () => {
    const started: string[] = [];
    const pool = poolModule.createPool({ workers: 2, createWorker: () => {
      started.push("worker");
      return new Worker(join(dist, "pool-worker.js"), { env: { STARTED_BY: "caller" } });
    } });
    const meanDisruption = lambdas(300);
    const r = await pool.solveBatch({ meanDisruption });
    expect(started).toHaveLength(2);
    expect(sameBits(r.zStar, lib.solveBatch({ meanDisruption }).zStar)).toBe(true);
    await pool.close();
    const notWorker = () => poolModule.createPool({ workers: 1, createWorker: () => ({ postMessage() {} }) as unknown as Worker });
    expect(notWorker).toThrow(/^invalid createWorker: .*allowed: a function returning a worker_threads Worker \(this result has no on, ref, unref, terminate\); Web Workers are for the browser pool$/);
    expect(() => poolModule.createPool({ createWorker: "worker.js" as unknown as () => Worker })).toThrow(/^invalid createWorker: got "worker.js"; allowed: a function/);
  });

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

describe("pool robustness (issue 14)", () => {
  it("starts under Node flags workers cannot take explicitly (--max-old-space-size, --expose-gc, --stack-size)", () => {
    const script = `const { createPool } = await import(${JSON.stringify(join(dist, "pool.js"))});
      const pool = createPool({ workers: 2 }); const r = await pool.solveBatch({ meanDisruption: [10, 20, 30] });
      console.log(r.zStar.length, typeof gc); await pool.close();`;
    for (const flags of [["--max-old-space-size=4096"], ["--expose-gc"], ["--stack-size=2000"], ["--max-old-space-size=4096", "--expose-gc", "--stack-size=2000"]]) {
      const run = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
      expect(run.stderr, flags.join(" ")).toBe("");
      expect(run.status, flags.join(" ")).toBe(0);
      expect(run.stdout.trim()).toBe(flags.includes("--expose-gc") ? "3 function" : "3 undefined");
    }
  });

  it("an onProgress that throws rejects its own job with that error; the job after it is solved", async () => {
    const pool = poolModule.createPool({ workers: 2, chunkSize: 100 });
    const oops = new Error("caller's bug");
    await expect(pool.solveBatch({ meanDisruption: lambdas(1000) }, { onProgress: () => { throw oops; } })).rejects.toBe(oops);
    const calls: number[] = [];
    const r = await pool.solveBatch({ meanDisruption: lambdas(1000) }, { onProgress: (done) => calls.push(done) });
    expect(calls.at(-1)).toBe(1000);
    expect(r.zStar[0]).toBe(lib.solveBatch({ meanDisruption: lambdas(1) }).zStar[0]);
    await pool.close();
  });

  it("jobs that run a worker out of memory, three in a row, each reject with the reason; the pool keeps working", async () => {
    // 16 MB of heap starts a worker; a million invalid rows' messages (about 100 MB) do not fit.
    const pool = poolModule.createPool({ workers: 1, chunkSize: 1_000_000, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
    for (let k = 0; k < 3; k++) {
      await expect(pool.solveBatch({ meanDisruption: new Float64Array(1_000_000).fill(-1) }))
        .rejects.toThrow(/a worker crashed while solving this job \(it is replaced\): .*memory limit/);
    }
    const r = await pool.solveBatch({ meanDisruption: [21] });
    expect(r.zStar[0]).toBe(lib.solve({}).zStar);
    await pool.close();
  }, 120_000);

  it("workers that cannot even start stop the pool, with the reason, after three tries", async () => {
    // 4 MB of heap is too little to start a worker at all.
    const pool = poolModule.createPool({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });
    await expect(pool.solveBatch({ meanDisruption: [21] })).rejects.toThrow(/a worker crashed: .*memory limit/);
    // Each later job meets a fresh worker that fails to start, until the third failure in a row stops the pool.
    let last = "";
    for (let k = 0; k < 20 && !last.includes("stopped"); k++) {
      last = await pool.solveBatch({ meanDisruption: [21] }).then(() => "solved", (e: Error) => e.message);
    }
    expect(last).toMatch(/workers keep failing \(.*memory limit.*\); the pool has stopped/);
    await pool.close();
  }, 60_000);

  it("one AbortSignal reused for 30 jobs keeps no listener once they settle", async () => {
    const { EventEmitter } = await import("node:events");
    const getEventListeners = (target: EventTarget, type: string) => EventEmitter.getEventListeners(target, type);
    const pool = poolModule.createPool({ workers: 2, chunkSize: 50 });
    const controller = new AbortController();
    const jobs = Array.from({ length: 30 }, () => pool.solveBatch({ meanDisruption: lambdas(200) }, { signal: controller.signal }));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(30);
    await Promise.all(jobs);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    // Aborted and rejected jobs release theirs too.
    const aborted = pool.solveBatch({ meanDisruption: lambdas(5000) }, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await pool.close();
  });

  it("async methods reject for bad arguments, never throw synchronously (ParameterError across builds)", async () => {
    const pool = poolModule.createPool({ workers: 1 });
    const calls: (() => Promise<unknown>)[] = [
      () => pool.solveBatch(null as never),
      () => pool.solveBatch({ meanDisruption: [1, 2], price: [1] }),
      () => pool.solveBatch({}, null as never),
      () => pool.solveBatch({}, { onProgress: 5 as never }),
      () => pool.grid({}, { price: "abc" as never }),
      () => pool.grid({ price: -1 }, { fixedCost: [1] }),
      () => pool.monteCarlo({}, { price: { type: "discrete" } as never }, { samples: 10, seed: 1 }),
      () => pool.monteCarlo({}, {}, undefined as never),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => { promise = call(); }).not.toThrow();
      const error = await promise!.then(() => undefined, (e: unknown) => e);
      expect(lib.isParameterError(error), String(error)).toBe(true);
    }
    await pool.close();
  });
});

describe("dual package", () => {
  it("isParameterError recognises a ParameterError from the other build (ESM and CJS loaded together)", async () => {
    const { createRequire } = await import("node:module");
    const cjs = createRequire(import.meta.url)(join(dist, "index.cjs")) as Lib;
    const fromEsm = (() => { try { lib.solve({ price: -1 }); } catch (e) { return e; } })();
    const fromCjs = (() => { try { cjs.solve({ price: -1 }); } catch (e) { return e; } })();
    expect(fromEsm instanceof cjs.ParameterError).toBe(false);
    expect(cjs.isParameterError(fromEsm)).toBe(true);
    expect(lib.isParameterError(fromCjs)).toBe(true);
    expect(lib.isParameterError(new RangeError("x"))).toBe(false);
    expect(lib.isParameterError(null)).toBe(false);
  });
});
