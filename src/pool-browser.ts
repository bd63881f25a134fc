/**
 * The browser pool for apps that bundle this repository's source (web/): the default worker is
 * the literal `new Worker(new URL(..., import.meta.url))` that Vite and webpack bundle. The
 * published package uses ./pool-browser-package.ts instead, with the worker inlined.
 */
import { createBrowserPool, type BrowserPoolOptions } from "./pool/browser";
import type { Pool } from "./pool/core";

export type { BrowserPoolOptions as PoolOptions } from "./pool/browser";
export type { Pool, RunOptions } from "./pool/core";

/**
 * Create a pool of `workers` Web Workers (default: navigator.hardwareConcurrency) that solve
 * batches, grids, Monte Carlo runs and strategy simulations in chunks off the main thread (see ./pool/browser.ts).
 */
export function createPool(options: BrowserPoolOptions = {}): Pool {
  return createBrowserPool(() => new Worker(new URL("./pool/web-worker.ts", import.meta.url), { type: "module" }), options);
}
