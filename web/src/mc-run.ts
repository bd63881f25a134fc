/**
 * One Monte Carlo run of the page, kept off the main thread: the samples are drawn in a worker
 * (mc-worker.ts), solved in chunks by the package's Web Worker pool, and summarised in the worker
 * with the library's own summariseMonteCarlo, so the result equals `monteCarlo` with the same
 * seed. Where Web Workers cannot start, the same work runs on the main thread in small chunks
 * that yield to the page between them, and the run says so.
 */
import { solveBatch, type BatchResult, type Distributions, type MonteCarloResult, type Params } from "../../src/index";
import { drawMonteCarlo, summariseMonteCarlo, type MonteCarloDraw } from "../../src/analysis/montecarlo";
import { emptyBatchResult, placeRows } from "../../src/batch";
import type { BatchColumns } from "../../src/columns";
import { createPool } from "../../src/pool-browser";
import type { Pool } from "../../src/pool/core";
import type { McReply, McRequest } from "./mc-protocol";
import { createMonteCarloWorker, createPoolWorker } from "./workers";

/**
 * The most samples one run of the page takes. Memory, not time, sets it: every sample holds its
 * sampled parameters and five result numbers (about 50 bytes with one uncertain parameter), plus
 * the copies sent to the workers. Larger runs belong to the command line (`optimal-reserve mc`).
 */
export const MAX_PAGE_SAMPLES = 1_000_000;

/**
 * The most samples the command line's `optimal-reserve mc` takes in one run (MAX_MC_SAMPLES in
 * src/cli/analysis.ts, which the page cannot import: it is Node code; a test keeps the two equal).
 */
export const CLI_MC_SAMPLES = 10_000_000;

/** Rows per pool task: a few ms of work, so progress is smooth and a cancel takes effect at once. */
const CHUNK = 2048;

/** A failure the user can fix (a bad law or range), with the parameter it concerns. */
export class RunInputError extends Error {
  constructor(message: string, readonly parameter: string | undefined) {
    super(message);
  }
}

/** A Web Worker could not be started here (refused by the browser or its settings). */
class WorkersUnavailable extends Error {}

export interface RunRequest {
  base: Params;
  distributions: Distributions;
  samples: number;
  seed: number;
  bins: number;
  currentStock: number | undefined;
}

export interface RunOutcome {
  result: MonteCarloResult;
  /** The drawn samples (sampled parameters as columns) and their z* and status, for the CSV. */
  columns: BatchColumns;
  zStar: Float64Array;
  status: Uint8Array;
  /** Workers that solved the samples; 0 on the main thread. */
  workers: number;
}

export interface RunHooks {
  signal: AbortSignal;
  /** Rows solved so far of all. */
  onProgress(done: number, total: number): void;
  /** A line for the user: where the work runs when it cannot run in workers. */
  onNote(note: string): void;
}

let pool: Pool | undefined;
/** Set once workers failed to start here (e.g. a browser that refuses them): run on the main thread. */
let noWorkers: string | undefined;

/** Stands for the result columns the summary does not read (MB, MC, S per row), so they are not sent. */
const EMPTY = new Float64Array(0);

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function aborted(signal: AbortSignal): never {
  throw signal.reason ?? new DOMException("cancelled", "AbortError");
}

/**
 * The run's own worker (mc-worker.ts): `ask` posts one request and resolves with its reply;
 * a library error rejects with a RunInputError, a cancel terminates the worker.
 */
class McWorker {
  private readonly worker: Worker;

  constructor() {
    try {
      this.worker = createMonteCarloWorker();
    } catch (error) {
      throw new WorkersUnavailable(error instanceof Error ? error.message : String(error));
    }
  }

  ask(request: McRequest, transfer: Transferable[], signal: AbortSignal): Promise<McReply & { type: "drawn" | "summary" }> {
    return new Promise((resolve, reject) => {
      const stop = () => {
        this.close();
        reject(signal.reason);
      };
      if (signal.aborted) return stop();
      signal.addEventListener("abort", stop, { once: true });
      this.worker.onmessage = (e: MessageEvent<McReply>) => {
        signal.removeEventListener("abort", stop);
        if (e.data.type === "error") reject(new RunInputError(e.data.message, e.data.parameter));
        else resolve(e.data);
      };
      this.worker.onerror = (e) => {
        e.preventDefault();
        signal.removeEventListener("abort", stop);
        reject(new WorkersUnavailable(e.message || "refused by the browser"));
      };
      this.worker.postMessage(request, transfer);
    });
  }

  close(): void {
    this.worker.terminate();
  }
}

/** Solve on the main thread, CHUNK rows at a time, yielding to the page between chunks. */
async function solveOnMainThread(columns: BatchColumns, total: number, hooks: RunHooks): Promise<BatchResult> {
  const whole = emptyBatchResult(total, "js");
  for (let start = 0; start < total; start += CHUNK) {
    if (hooks.signal.aborted) aborted(hooks.signal);
    const end = Math.min(total, start + CHUNK);
    const slice = Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c instanceof Float64Array ? c.subarray(start, end) : c]));
    const r = solveBatch(slice);
    placeRows(whole, r, start);
    whole.backend = r.backend;
    hooks.onProgress(end, total);
    await yieldToPage();
  }
  return whole;
}

/** Run `request`; rejects with the signal's reason when cancelled. */
export async function runMonteCarlo(request: RunRequest, hooks: RunHooks): Promise<RunOutcome> {
  const options = {
    samples: request.samples, seed: request.seed, bins: request.bins,
    ...(request.currentStock === undefined ? {} : { currentStock: request.currentStock }),
  };
  if (noWorkers === undefined) {
    let worker: McWorker | undefined;
    try {
      worker = new McWorker();
      const drawn = await worker.ask({ type: "draw", base: request.base, distributions: request.distributions, options }, [], hooks.signal);
      const draw = (drawn as McReply & { type: "drawn" }).draw;
      pool ??= createPool({ chunkSize: CHUNK, createWorker: createPoolWorker });
      const batch = await pool.solveBatch(draw.columns, { signal: hooks.signal, onProgress: hooks.onProgress });
      // The summary needs only z* and the status of each row (and the first error): the columns
      // stay here for the CSV, z* and status travel both ways without a copy.
      const summarised = await worker.ask(
        { type: "summarise", draw: { ...draw, columns: {} }, batch: { ...batch, marginalBenefit: EMPTY, marginalCost: EMPTY, totalCost: EMPTY } },
        [batch.zStar.buffer as ArrayBuffer, batch.status.buffer as ArrayBuffer], hooks.signal,
      );
      const { result, zStar, status } = summarised as McReply & { type: "summary" };
      return { result, columns: draw.columns, zStar, status, workers: pool.workers };
    } catch (error) {
      if (!(error instanceof WorkersUnavailable) || hooks.signal.aborted) throw error;
      noWorkers = error.message;
    } finally {
      worker?.close();
    }
  }
  hooks.onNote(`Web Workers are not available here (${noWorkers}): running on the main thread in small steps, slower.`);
  await yieldToPage();
  let draw: MonteCarloDraw;
  try {
    draw = drawMonteCarlo(request.base, request.distributions, options);
  } catch (error) {
    const parameter = (error as { parameter?: unknown }).parameter;
    throw new RunInputError(error instanceof Error ? error.message : String(error), typeof parameter === "string" ? parameter : undefined);
  }
  const batch = await solveOnMainThread(draw.columns, draw.samples, hooks);
  return { result: summariseMonteCarlo(draw, batch), columns: draw.columns, zStar: batch.zStar, status: batch.status, workers: 0 };
}
