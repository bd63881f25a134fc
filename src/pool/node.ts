/**
 * The worker pool on Node's worker_threads. Idle workers are unref'd, so an open pool never keeps
 * Node alive; busy ones are ref'd, so a running job does.
 */
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { createPoolWith, type Pool, type PoolOptions } from "./core";
import type { TaskFailure, TaskResult } from "./protocol";

export interface NodePoolOptions extends PoolOptions {
  /** Memory limits per worker (Node's worker resourceLimits). */
  resourceLimits?: ResourceLimits;
}

const workerFile = (): string => {
  // ESM build: next to this module; CJS build: tsup's shim provides import.meta.url too.
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, "pool-worker.js");
};

/**
 * Create a pool of `workers` worker threads (default: the available cores) that solve batches,
 * grids and Monte Carlo runs in chunks; results equal the synchronous functions' bit for bit.
 */
export function createPool(options: NodePoolOptions = {}): Pool {
  // Workers inherit Node's flags, except --input-type, which only applies to -e/--eval input and
  // makes a worker fail to start (a program run as `node --input-type=module -e ...`).
  const execArgv = process.execArgv.filter((a) => !a.startsWith("--input-type"));
  return createPoolWith((events) => {
    const worker = new Worker(workerFile(), options.resourceLimits ? { execArgv, resourceLimits: options.resourceLimits } : { execArgv });
    worker.on("message", (m: TaskResult | TaskFailure) => events.message(m));
    worker.on("error", (e) => events.crash(e));
    worker.on("exit", (code) => events.crash(new Error(`worker exited with code ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    return {
      post: (message) => worker.postMessage(message),
      hold: (busy) => (busy ? worker.ref() : worker.unref()),
      terminate: () => worker.terminate(),
    };
  }, availableParallelism(), options);
}
