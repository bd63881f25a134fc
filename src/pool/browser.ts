/**
 * The worker pool on Web Workers, for browsers (the package's "browser" export of
 * optimal-reserve/pool). The same pool as on Node: chunks, progress, AbortSignal, results equal
 * to the synchronous functions' bit for bit.
 */
import { createPoolWith, type Pool, type PoolOptions } from "./core";
import type { TaskFailure, TaskResult } from "./protocol";

export interface BrowserPoolOptions extends PoolOptions {
  /**
   * Start one worker running the pool's worker script. Default: the built script next to this
   * module (dist/pool-web-worker.js). An app bundled from this repository's source passes its
   * own, e.g. `() => new Worker(new URL("../src/pool/web-worker.ts", import.meta.url), { type: "module" })`.
   */
  createWorker?: () => Worker;
}

/**
 * The built worker script, beside dist/pool.browser.js. Held in a variable so that bundlers
 * compiling this source do not try to bundle a file that exists only in dist/ (they pattern-match
 * `new URL("literal", import.meta.url)`); apps built from source pass createWorker instead.
 */
const BUILT_WORKER = "./pool-web-worker.js";

const defaultWorker = (): Worker => new Worker(new URL(BUILT_WORKER, import.meta.url), { type: "module" });

/**
 * Create a pool of `workers` Web Workers (default: navigator.hardwareConcurrency) that solve
 * batches, grids and Monte Carlo runs in chunks off the main thread.
 */
export function createPool(options: BrowserPoolOptions = {}): Pool {
  const create = options.createWorker ?? defaultWorker;
  return createPoolWith((events) => {
    const worker = create();
    worker.onmessage = (e: MessageEvent<TaskResult | TaskFailure>) => events.message(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      events.crash(new Error(e.message || "the worker failed to load or threw"));
    };
    worker.onmessageerror = () => events.crash(new Error("a message from the worker could not be read"));
    return {
      post: (message) => worker.postMessage(message),
      hold: () => undefined,
      terminate: async () => worker.terminate(),
    };
  }, Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 2), options);
}
