/**
 * The worker pool on Web Workers, for browsers (the package's "browser" export of
 * optimal-reserve/pool). The same pool as on Node: chunks, progress, AbortSignal, results equal
 * to the synchronous functions' bit for bit.
 */
import { createPoolWith, type Pool, type PoolOptions } from "./core";
import type { TaskFailure, TaskResult } from "./protocol";

export interface BrowserPoolOptions extends PoolOptions {
  /**
   * Start one worker running the pool's worker script. Default: the package's own worker (inlined
   * in the published build, so no bundler needs to find a file). Pass one where a Content Security
   * Policy forbids `blob:` workers, e.g. the published `dist/pool-web-worker.js` copied to your
   * static files: `() => new Worker("/pool-web-worker.js", { type: "module" })`.
   */
  createWorker?: () => Worker;
}

/**
 * A pool of `options.workers` Web Workers (default: navigator.hardwareConcurrency) that solve
 * batches, grids, Monte Carlo runs and strategy simulations in chunks off the main thread; each worker comes from
 * `options.createWorker`, else from `defaultWorker`.
 */
export function createBrowserPool(defaultWorker: () => Worker, options: BrowserPoolOptions = {}): Pool {
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
