/**
 * The worker pool on Node's worker_threads. Idle workers are unref'd, so an open pool never keeps
 * Node alive; busy ones are ref'd, so a running job does.
 */
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits, type WorkerOptions } from "node:worker_threads";
import { checkOptions, invalid } from "../rules";
import { createPoolWith, type Pool, type PoolOptions } from "./core";
import type { TaskFailure, TaskResult } from "./protocol";

export interface NodePoolOptions extends PoolOptions {
  /** Memory limits per worker (Node's worker resourceLimits); not used with `createWorker`. */
  resourceLimits?: ResourceLimits;
  /**
   * Start one worker yourself (the same hook as the browser pool's): a worker_threads Worker
   * running the package's `dist/pool-worker.js`, e.g. with your own env, execArgv or limits:
   * `() => new Worker(new URL("pool-worker.js", import.meta.resolve("optimal-reserve/pool")))`.
   * Default: that script with `resourceLimits`. A result that is not a worker_threads Worker
   * (no `on`, `postMessage`, `ref`, `unref`, `terminate`) is a ParameterError.
   */
  createWorker?: () => Worker;
}

/** The methods of a worker_threads Worker the pool uses (what `createWorker` must return). */
const WORKER_METHODS = ["on", "postMessage", "ref", "unref", "terminate"] as const;

/** The worker `create` returns, or a ParameterError when it is not a worker_threads Worker. */
function userWorker(create: () => Worker): Worker {
  const worker: unknown = create();
  const missing = WORKER_METHODS.filter((m) => typeof (worker as Record<string, unknown> | null)?.[m] !== "function");
  if (missing.length > 0) {
    throw invalid("createWorker", worker, `a function returning a worker_threads Worker (this result has no ${missing.join(", ")}); Web Workers are for the browser pool`);
  }
  return worker as Worker;
}

/** Whether `flag` is --input-type (it takes its value after `=` or as the next argument). */
const INPUT_TYPE = /^--input-type(=|$)/;

/**
 * The execArgv to start workers with, or undefined to let them inherit the parent's. Inheriting
 * is right for every flag (Node keeps for a worker the per-thread options and applies V8 and
 * process-wide ones such as --max-old-space-size, --expose-gc, --stack-size process-wide; passing
 * those explicitly is ERR_WORKER_INVALID_EXEC_ARGV), except --input-type, which applies to
 * -e/--eval input only and makes a worker fail to start: then the list without it is passed.
 */
function workerExecArgv(parent: readonly string[]): string[] | undefined {
  const at = parent.findIndex((a) => INPUT_TYPE.test(a));
  if (at < 0) return undefined;
  const skip = parent[at]!.includes("=") ? 1 : 2;
  return [...parent.slice(0, at), ...parent.slice(at + skip)].filter((a) => !INPUT_TYPE.test(a));
}

/** The flags an ERR_WORKER_INVALID_EXEC_ARGV error lists ("...execArgv flags: --a, --b"). */
function refusedFlags(error: unknown): string[] {
  if ((error as { code?: unknown })?.code !== "ERR_WORKER_INVALID_EXEC_ARGV") return [];
  const message = (error as Error).message;
  return message.slice(message.lastIndexOf(": ") + 2).split(", ");
}

const workerFile = (): string => {
  // ESM build: next to this module; CJS build: tsup's shim provides import.meta.url too.
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, "pool-worker.js");
};

/**
 * Create a pool of `workers` worker threads (default: the available cores) that solve batches,
 * grids, Monte Carlo runs and strategy simulations in chunks; results equal the synchronous functions' bit for bit.
 * Each worker comes from `options.createWorker` when given. Throws ParameterError for bad options.
 */
export function createPool(options: NodePoolOptions = {}): Pool {
  checkOptions("options", options);
  const create = options.createWorker;
  if (create !== undefined && typeof create !== "function") throw invalid("createWorker", create, "a function returning a worker_threads Worker");
  let execArgv = workerExecArgv(process.execArgv);
  const start = (): Worker => {
    const settings: WorkerOptions = options.resourceLimits ? { resourceLimits: options.resourceLimits } : {};
    if (execArgv !== undefined) settings.execArgv = execArgv;
    try {
      return new Worker(workerFile(), settings);
    } catch (error) {
      const refused = refusedFlags(error);
      if (execArgv === undefined || refused.length === 0) throw error;
      // Flags a worker cannot take (V8 and process-wide ones, which apply to every thread anyway).
      execArgv = execArgv.filter((flag) => !refused.includes(flag));
      return new Worker(workerFile(), { ...settings, execArgv });
    }
  };
  return createPoolWith((events) => {
    const worker = create ? userWorker(create) : start();
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
