/**
 * The built browser pool's simulateStrategy (dist/pool.browser.js, its worker inlined) in
 * Chromium: the paths split over 1, 2 and 3 Web Workers give the main thread's simulateStrategy
 * result exactly (every number compared with Object.is), on both backends.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blankPage } from "./browser";

const blank = blankPage(join(__dirname, ".."));

interface Run { backend: string; workers: number; equal: boolean; runOut: number; backendUsed: string; progress: number[] }

describe("browser pool simulateStrategy (Web Workers, built package)", () => {
  it("equals the main thread's simulateStrategy on 1, 2 and 3 workers, both backends", async () => {
    const runs = (await blank.page.evaluate('import("/tests/fixtures/browser-pool-strategy.js").then((m) => m.strategyParity())')) as Run[];
    expect(runs.map((r) => `${r.backend} ${r.workers}`)).toEqual(["wasm 1", "wasm 2", "wasm 3", "js 1", "js 2", "js 3"]);
    for (const r of runs) {
      expect(r.equal, `${r.backend} on ${r.workers} workers`).toBe(true);
      expect(r.backendUsed).toBe(r.backend);
      // Not a vacuous comparison: the stock runs out on some paths and not on others.
      expect(r.runOut).toBeGreaterThan(0.05);
      expect(r.runOut).toBeLessThan(0.95);
      expect(r.progress.at(-1)).toBe(2000);
      // 2,000 paths, 200 bins: one task per worker.
      expect(r.progress).toHaveLength(r.workers);
    }
  }, 60_000);
});
