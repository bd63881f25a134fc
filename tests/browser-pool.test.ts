/**
 * The built browser pool (dist/pool.browser.js with its default worker, inlined)
 * in Chromium: results bit-identical to the main thread's solveBatch / grid / monteCarlo,
 * progress, AbortSignal, a worker that fails to load rejects instead of hanging.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blankPage } from "./browser";

const blank = blankPage(join(__dirname, ".."));

/** Run one export of tests/fixtures/browser-pool.js in the page (a plain module: no test transforms). */
const inPage = <T>(name: string): Promise<T> => blank.page.evaluate(`import("/tests/fixtures/browser-pool.js").then((m) => m.${name}())`) as Promise<T>;

interface Parity {
  workers: number; backend: string; zStar: boolean; totalCost: boolean; status: boolean; errors: boolean; error: string;
  progress: number[]; grid: boolean; mc: boolean; mcMean: number;
}
interface AbortAndCrash { aborted: string; chunks: number; crash: string; later: string; starts: number }

describe("browser pool (Web Workers, built package)", () => {
  it("solveBatch, grid and monteCarlo equal the main thread's, with progress", async () => {
    const r = await inPage<Parity>("parity");
    expect(r.workers).toBe(2);
    expect(r.backend).toBe("wasm");
    expect(r.zStar && r.totalCost && r.status && r.errors).toBe(true);
    expect(r.error).toMatch(/invalid meanDisruption: got -1/);
    expect(r.progress).toHaveLength(20);
    expect(r.progress.at(-1)).toBe(20000);
    expect(r.grid).toBe(true);
    expect(r.mc).toBe(true);
    expect(Number.isFinite(r.mcMean)).toBe(true);
  });

  it("an AbortSignal rejects with its reason and stops the job; a worker that cannot load rejects", async () => {
    const r = await inPage<AbortAndCrash>("abortAndCrash");
    expect(r.aborted).toBe("stop");
    expect(r.chunks).toBeLessThan(10);
    expect(r.crash).toMatch(/optimal-reserve pool: a worker crashed/);
    expect(r.later).toMatch(/optimal-reserve pool: workers keep failing .*; the pool has stopped/);
    expect(r.starts).toBe(3);
  });
});
