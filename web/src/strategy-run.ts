/**
 * One run of the strategy panel, off the main thread: the rule's simulation on the package's Web
 * Worker pool (pool.simulateStrategy: the paths split over the workers, the same result as the
 * library's simulateStrategy) and, at the same time, the optimal policy and its gain over the rule
 * in the panel's own worker (strategy-worker.ts). The arguments are checked first on the main
 * thread (planSimulation, cheap), so a bad value is named before any work starts. Where Web
 * Workers cannot start, the same functions run on the main thread and the run says so.
 */
import { simulateStrategy, type OptimizeOptions, type Params, type StrategyOptimum, type StrategyRule, type StrategySimulation } from "../../src/index";
import { optimizeStrategy } from "../../src/strategy/optimize";
import { planSimulation } from "../../src/strategy/simulate";
import { createPool } from "../../src/pool-browser";
import type { Pool } from "../../src/pool/core";
import type { StrategyRequest } from "./strategy-fields";
import type { OptimizeReply, OptimizeRequest } from "./strategy-protocol";
import StrategyWorker from "./strategy-worker.ts?worker&inline";
import { createPoolWorker } from "./workers";

/** A failure the user can fix, with the parameter it concerns (a ParameterError's). */
export class StrategyInputError extends Error {
  constructor(message: string, readonly parameter: string | undefined) {
    super(message);
  }
}

/** The optimum, or why it could not be found (e.g. a zero release cap, which the grid refuses). */
export type OptimumOutcome = { optimum: StrategyOptimum } | { error: string; parameter: string | undefined };

export interface StrategyOutcome {
  simulation: StrategySimulation;
  optimum: OptimumOutcome;
  /** The rule the optimum is compared with: the user's, without drawdownLag and refillDelay (timers are not grid states). */
  comparedRule: StrategyRule;
  /** Workers that ran the paths; 0 on the main thread. */
  workers: number;
}

export interface StrategyHooks {
  signal: AbortSignal;
  /** Paths simulated so far of all. */
  onProgress(done: number, total: number): void;
  /** A line for the user: where the work runs when it cannot run in workers. */
  onNote(note: string): void;
}

let pool: Pool | undefined;
/** Set once workers failed to start here: run on the main thread. */
let noWorkers: string | undefined;

class WorkersUnavailable extends Error {}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A library error as the panel shows it: its message and parameter. */
function inputError(error: unknown): StrategyInputError {
  const parameter = (error as { parameter?: unknown }).parameter;
  return new StrategyInputError(error instanceof Error ? error.message : String(error), typeof parameter === "string" ? parameter : undefined);
}

/** optimizeStrategy's arguments for the rule: its caps, the rule without timers, the run's start. */
function optimizeArguments(params: Params, request: StrategyRequest, comparedRule: StrategyRule): OptimizeRequest {
  const { rule, options } = request;
  const optimize: OptimizeOptions = {
    maxDrawdownRate: rule.maxDrawdownRate, maxFillRate: rule.maxFillRate, allowSales: rule.sellAbovePrice !== undefined,
    rule: comparedRule, initialStock: rule.targetStock, initialRegime: options.initialRegime ?? 0,
  };
  return { type: "optimize", params, shocks: request.shocks, grid: request.grid, options: optimize };
}

/** Ask the panel's worker for the optimum; a cancel terminates it. */
function optimizeInWorker(request: OptimizeRequest, signal: AbortSignal): Promise<OptimumOutcome> {
  let worker: Worker;
  try {
    worker = new StrategyWorker();
  } catch (error) {
    return Promise.reject(new WorkersUnavailable(error instanceof Error ? error.message : String(error)));
  }
  return new Promise<OptimumOutcome>((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(signal.reason);
    };
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    worker.onmessage = (e: MessageEvent<OptimizeReply>) => {
      signal.removeEventListener("abort", stop);
      worker.terminate();
      resolve(e.data.type === "optimum" ? { optimum: e.data.optimum } : { error: e.data.message, parameter: e.data.parameter });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      signal.removeEventListener("abort", stop);
      worker.terminate();
      reject(new WorkersUnavailable(e.message || "refused by the browser"));
    };
    worker.postMessage(request);
  });
}

/** The page's pool for the strategy's paths; a browser that refuses Web Workers makes it WorkersUnavailable. */
function startPool(): Pool {
  try {
    return createPool({ createWorker: createPoolWorker });
  } catch (error) {
    throw new WorkersUnavailable(error instanceof Error ? error.message : String(error));
  }
}

/** The optimum on the main thread (the fallback without workers). */
function optimizeHere(request: OptimizeRequest): OptimumOutcome {
  try {
    return { optimum: optimizeStrategy(request.params, request.shocks, request.grid, request.options) };
  } catch (error) {
    const e = inputError(error);
    return { error: e.message, parameter: e.parameter };
  }
}

/** Run `request` under the page's parameters; rejects with a StrategyInputError for bad input, with the signal's reason when cancelled. */
export async function runStrategy(params: Params, request: StrategyRequest, hooks: StrategyHooks): Promise<StrategyOutcome> {
  const { shocks, rule, options } = request;
  try {
    planSimulation(params, shocks, rule, options);
  } catch (error) {
    throw inputError(error);
  }
  const comparedRule: StrategyRule = { ...rule, drawdownLag: 0, refillDelay: 0 };
  const optimizeRequest = optimizeArguments(params, request, comparedRule);
  if (noWorkers === undefined) {
    try {
      pool ??= startPool();
      const [simulation, optimum] = await Promise.all([
        pool.simulateStrategy(params, shocks, rule, { ...options, signal: hooks.signal, onProgress: hooks.onProgress }),
        optimizeInWorker(optimizeRequest, hooks.signal),
      ]);
      return { simulation, optimum, comparedRule, workers: pool.workers };
    } catch (error) {
      if (!(error instanceof WorkersUnavailable) || hooks.signal.aborted) throw error;
      noWorkers = error.message;
    }
  }
  hooks.onNote(`Web Workers are not available here (${noWorkers}): running on the main thread, and the page waits for it.`);
  await yieldToPage();
  const simulation = simulateStrategy(params, shocks, rule, { ...options, onProgress: hooks.onProgress });
  await yieldToPage();
  return { simulation, optimum: optimizeHere(optimizeRequest), comparedRule, workers: 0 };
}
