/**
 * The worker pool, independent of the kind of worker: the same solveBatch, grid, monteCarlo and
 * simulateStrategy as the synchronous API, split in chunks over several workers, with progress,
 * cancellation, and results identical to the single-thread run. ./node.ts runs it on
 * worker_threads, ./browser.ts on Web Workers; both give it a `spawn` that wraps one worker in a
 * WorkerHandle.
 *
 * The kernel is compiled once here and the compiled module is given to every worker, which makes
 * its own instance. A worker that dies rejects the job it was running with the reason, and is
 * replaced.
 *
 * Why not tinypool or piscina: the unit of work here is a job of many chunks with one progress
 * callback, one AbortSignal and one result assembled in order, and each worker must start from
 * the pool's compiled module; with a task-per-call library all of that would still be written
 * here, around it, and it would add a runtime dependency to a package that has none (and neither
 * runs in a browser).
 */
import { getBackend, type BackendChoice } from "../backend/index";
import { wasmModule } from "../backend/wasm";
import { emptyBatchResult, placeRows, type BatchResult } from "../batch";
import { normalizeColumns, type BatchColumns } from "../columns";
import { checkGridSize, gridLayout, type GridAxes, type GridResult } from "../analysis/grid";
import { drawMonteCarlo, summariseMonteCarlo, type Distributions, type MonteCarloOptions, type MonteCarloResult } from "../analysis/montecarlo";
import { makeMeta } from "../meta";
import { PARAM_NAMES, resolveParams, type Params } from "../params";
import { checkBackend, checkInteger, checkOptions, invalid } from "../rules";
import { STATUS_NAMES } from "../status";
import type { Shocks, StrategyRule } from "../strategy/inputs";
import { mergeHistograms, planSimulation, summariseSimulation, type SimulateOptions, type StrategySimulation } from "../strategy/simulate";
import { PATH_FIELDS } from "../../assembly/strategy/simulate";
import type { BatchTaskResult, InitMessage, PathsTaskResult, ReadyMessage, Task, TaskFailure, TaskResult } from "./protocol";

export interface PoolOptions {
  /** Number of workers (default: the available cores). */
  workers?: number;
  /** Kernel backend inside the workers (default auto). */
  backend?: BackendChoice;
  /**
   * Rows per task (default 16384): the unit of progress and of cancellation of solveBatch, grid
   * and monteCarlo. simulateStrategy splits its paths on its own (see pathsPerTask).
   */
  chunkSize?: number;
}

export interface RunOptions {
  /** Called after every finished chunk with rows done and rows in all. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects the promise with the signal's reason; no further chunks start. */
  signal?: AbortSignal;
}

export interface Pool {
  readonly workers: number;
  solveBatch(columns: BatchColumns, options?: RunOptions): Promise<BatchResult>;
  grid(base: Partial<Params>, axes: GridAxes, options?: RunOptions): Promise<GridResult>;
  monteCarlo(base: Partial<Params>, distributions: Distributions, options: Omit<MonteCarloOptions, "backend"> & RunOptions): Promise<MonteCarloResult>;
  /**
   * The library's simulateStrategy with its paths split over the workers (see pathsPerTask): the
   * same arguments (the pool's backend replaces options.backend) and the same result, equal to the
   * single-thread run's bit for bit, means, standard errors, probabilities and cover bands alike
   * (each path's random stream depends only on the seed and its index; per-path totals come back
   * in path order and the stock histograms merge exactly). Progress counts paths.
   */
  simulateStrategy(params: Partial<Params>, shocks: Shocks, rule: StrategyRule, options?: Omit<SimulateOptions, "backend" | "onProgress"> & RunOptions): Promise<StrategySimulation>;
  /** Stop every worker. */
  close(): Promise<void>;
}

/** What the pool needs of one worker, whatever its kind. */
export interface WorkerHandle {
  post(message: InitMessage | Task): void;
  /** Busy workers keep the process alive and idle ones do not (Node); browsers ignore it. */
  hold(busy: boolean): void;
  terminate(): Promise<unknown>;
}

/** The pool's side of one worker: its replies, and its death (a crash, or an unexpected exit). */
export interface WorkerEvents {
  message(m: TaskResult | TaskFailure | ReadyMessage): void;
  crash(error: Error): void;
}

/** Start one worker that reports to `events`. */
export type SpawnWorker = (events: WorkerEvents) => WorkerHandle;

interface Slot {
  worker: WorkerHandle;
  busy: boolean;
  /** The worker has started (answered the init message): a later crash is its job's doing. */
  ready: boolean;
}

/** One job: a list of tasks, what to do with each task's result, and how to finish. */
interface Job {
  tasks: Task[];
  next: number;
  /** Units (rows or paths) finished so far, of `total`. */
  finished: number;
  total: number;
  /** Take in one task's result; returns the units it finished. */
  absorb: (task: number, message: TaskResult) => number;
  /** The job's result, once every task is in. */
  finish: () => unknown;
  options: RunOptions;
  resolve: (r: unknown) => void;
  reject: (e: unknown) => void;
  settled: boolean;
  /** Removes the job's abort listener (called when it settles, so a reused signal keeps none). */
  release: () => void;
}

/**
 * Workers in a row that died before starting (before answering the init message), after which
 * the pool stops respawning: a missing script or a refused module would fail forever. A worker
 * that started and then died (a job that ran it out of memory) rejects that job and is replaced,
 * however often it happens.
 */
const MAX_CRASHES_IN_A_ROW = 3;

/** Most workers one pool starts. */
const MAX_WORKERS = 1024;

/** Most simulateStrategy tasks per worker: enough to balance uneven workers and report progress. */
const PATH_TASKS_PER_WORKER = 4;

/**
 * Fewest paths per histogram bin in one simulateStrategy task beyond one task per worker. Each
 * task sends back the stock histogram of its paths ((steps + 1) x bins x 5 f64, 4 MB at the
 * defaults), which costs about as much to zero, copy and merge per step and bin as the kernel
 * spends per step and path on a few paths: with at least 8 paths a bin the paths dominate.
 */
const MIN_PATHS_PER_BIN = 8;

/**
 * Paths per simulateStrategy task (the last task takes the rest): one task per worker, more (up
 * to PATH_TASKS_PER_WORKER each) when the run is large against its histogram.
 */
function pathsPerTask(samples: number, bins: number, workers: number): number {
  const byHistogram = Math.floor(samples / (MIN_PATHS_PER_BIN * bins));
  const tasks = Math.max(1, Math.min(samples, workers * PATH_TASKS_PER_WORKER, Math.max(workers, byHistogram)));
  return Math.ceil(samples / tasks);
}

/** `options` checked: an object whose onProgress, if any, is a function and signal an AbortSignal. */
function checkRunOptions<T extends RunOptions>(options: T | undefined): T {
  const o = checkOptions("options", options);
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") {
    throw invalid("onProgress", o.onProgress, "a function (done, total) => void");
  }
  const signal = o.signal as unknown;
  if (signal !== undefined && (typeof signal !== "object" || signal === null || typeof (signal as AbortSignal).addEventListener !== "function")) {
    throw invalid("signal", signal, "an AbortSignal");
  }
  return o;
}

/**
 * A pool of `workers` workers started by `spawnWorker` (default count: `defaultWorkers`).
 * Results equal the synchronous functions' bit for bit; see RunOptions for progress and
 * cancellation.
 */
export function createPoolWith(spawnWorker: SpawnWorker, defaultWorkers: number, options: PoolOptions = {}): Pool {
  checkOptions("options", options);
  const count = checkInteger("workers", options.workers ?? defaultWorkers, 1, MAX_WORKERS);
  const chunkSize = checkInteger("chunkSize", options.chunkSize ?? 16384, 1);
  const choice = checkBackend(options.backend);
  const backendName = getBackend(choice).name;
  // Workers run the backend the main thread resolved (with `auto`, WebAssembly may be missing).
  const init: InitMessage = backendName === "wasm" ? { type: "init", module: wasmModule(), backend: "wasm" } : { type: "init", backend: "js" };
  const queue: Job[] = [];
  let crashesInARow = 0;
  let broken: Error | undefined;
  let closed = false;
  const spawn = (): Slot => {
    // The events fire later (asynchronously), when `slot` exists.
    const slot: Slot = {
      worker: spawnWorker({
        message: (m) => onMessage(slot, m),
        crash: (e) => {
          if (!closed) onCrash(slot, e);
        },
      }),
      busy: false,
      ready: false,
    };
    slot.worker.post(init);
    return slot;
  };
  const slots: Slot[] = Array.from({ length: count }, spawn);
  const running = new Map<Slot, { job: Job; task: number }>();

  function settle(job: Job, error?: unknown): void {
    if (job.settled) return;
    job.settled = true;
    job.release();
    const k = queue.indexOf(job);
    if (k >= 0) queue.splice(k, 1);
    if (error !== undefined) return job.reject(error);
    try {
      job.resolve(job.finish());
    } catch (failure) {
      job.reject(failure);
    }
  }

  function onMessage(slot: Slot, m: TaskResult | TaskFailure | ReadyMessage): void {
    if (m.type === "ready") {
      slot.ready = true;
      crashesInARow = 0;
      return;
    }
    const current = running.get(slot);
    running.delete(slot);
    slot.busy = false;
    slot.worker.hold(false);
    crashesInARow = 0;
    if (current && !current.job.settled) {
      const { job, task } = current;
      if (m.type === "failure") {
        settle(job, new Error(`optimal-reserve pool: ${m.message}`));
      } else {
        // The caller's callback may throw: that rejects its own job, never the pool or other jobs.
        try {
          job.finished += job.absorb(task, m);
          job.options.onProgress?.(job.finished, job.total);
        } catch (error) {
          settle(job, error);
        }
        if (!job.settled && job.finished === job.total) settle(job);
      }
    }
    pump();
  }

  function onCrash(slot: Slot, error: Error): void {
    const current = running.get(slot);
    running.delete(slot);
    const k = slots.indexOf(slot);
    if (k < 0) return;
    if (current) {
      const why = slot.ready ? "a worker crashed while solving this job (it is replaced)" : "a worker crashed";
      settle(current.job, new Error(`optimal-reserve pool: ${why}: ${error.message}`, { cause: error }));
    }
    // Only workers that die before starting count towards giving up (see MAX_CRASHES_IN_A_ROW).
    if (!slot.ready) crashesInARow++;
    if (crashesInARow >= MAX_CRASHES_IN_A_ROW) {
      broken ??= new Error(`optimal-reserve pool: workers keep failing (${error.message}); the pool has stopped`, { cause: error });
      for (const job of [...queue]) settle(job, broken);
      return;
    }
    slots[k] = spawn();
    pump();
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.busy) continue;
      const job = queue.find((j) => j.next < j.tasks.length && !j.settled);
      if (!job) return;
      const index = job.next++;
      slot.busy = true;
      slot.worker.hold(true);
      running.set(slot, { job, task: index });
      const task = job.tasks[index]!;
      slot.worker.post(task);
    }
  }

  function submit<T>(tasks: Task[], total: number, absorb: Job["absorb"], finish: () => T, options: RunOptions): Promise<T> {
    if (closed) return Promise.reject(new Error("optimal-reserve pool: the pool is closed"));
    if (broken) return Promise.reject(broken);
    return new Promise<T>((resolve, reject) => {
      const signal = options.signal;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => settle(job, signal?.reason);
      const job: Job = {
        tasks, next: 0, finished: 0, total, absorb, finish, options, resolve: resolve as (r: unknown) => void, reject, settled: false,
        release: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      if (tasks.length === 0) return settle(job);
      queue.push(job);
      pump();
    });
  }

  /** Run row tasks whose rows start at `starts`: their results in one BatchResult, in row order. */
  function submitRows(tasks: Task[], starts: number[], total: number, options: RunOptions): Promise<BatchResult> {
    const result = emptyBatchResult(total, backendName);
    const absorb = (task: number, message: TaskResult): number => {
      const m = message as BatchTaskResult;
      placeRows(result, m, starts[task]!);
      return m.zStar.length;
    };
    const finish = (): BatchResult => {
      result.errors.sort((a, b) => a.row - b.row);
      return result;
    };
    return submit(tasks, total, absorb, finish, options);
  }

  function batchTasks(columns: BatchColumns): { tasks: Task[]; starts: number[]; total: number } {
    const { length, byName } = normalizeColumns(columns);
    // A column holding anything but numbers (forms, booleans, a mistyped string) goes to the
    // workers as given, so that a bad cell's row error quotes it as the synchronous solveBatch
    // does (the kernel column would show NaN); number columns go as typed arrays.
    const given = columns as Record<string, unknown>;
    const asGiven = new Set(PARAM_NAMES.filter((name) => {
      const g = given[name];
      return g !== undefined && !(g instanceof Float64Array) && (Array.isArray(g) ? g.some((v) => typeof v !== "number") : typeof g !== "number");
    }));
    const tasks: Task[] = [];
    const starts: number[] = [];
    for (let start = 0, id = 0; start < length; start += chunkSize, id++) {
      const end = Math.min(length, start + chunkSize);
      const slice: BatchColumns = {};
      for (const name of PARAM_NAMES) {
        const c = byName[name];
        const g = given[name];
        if (asGiven.has(name)) slice[name] = (Array.isArray(g) ? g.slice(start, end) : g) as BatchColumns[typeof name];
        else slice[name] = typeof c === "number" ? c : c.slice(start, end);
      }
      tasks.push({ type: "solve", id, columns: slice });
      starts.push(start);
    }
    return { tasks, starts, total: length };
  }

  // Every method is async: bad arguments reject the promise, never throw synchronously.
  const pool: Pool = {
    workers: count,
    async solveBatch(columns, runOptions) {
      const o = checkRunOptions(runOptions);
      const { tasks, starts, total } = batchTasks(columns);
      return submitRows(tasks, starts, total, o);
    },
    async grid(base, axes, runOptions) {
      const o = checkRunOptions(runOptions);
      const p = resolveParams(base);
      const layout = gridLayout(axes);
      checkGridSize(layout);
      const plainAxes: GridAxes = Object.fromEntries(layout.axes.map((a) => [a.name, Array.from(a.values)]));
      const tasks: Task[] = [];
      const starts: number[] = [];
      for (let start = 0, id = 0; start < layout.size; start += chunkSize, id++) {
        tasks.push({ type: "grid", id, base: p, axes: plainAxes, start, count: Math.min(chunkSize, layout.size - start) });
        starts.push(start);
      }
      const r = await submitRows(tasks, starts, layout.size, o);
      return { ...layout, zStar: r.zStar, status: r.status, statusNames: STATUS_NAMES, totalCost: r.totalCost, errors: r.errors, meta: makeMeta(r.backend, p) };
    },
    async monteCarlo(base, distributions, runOptions) {
      const o = checkRunOptions(runOptions);
      const draw = drawMonteCarlo(base, distributions, { ...runOptions, backend: choice });
      const { tasks, starts, total } = batchTasks(draw.columns);
      return summariseMonteCarlo(draw, await submitRows(tasks, starts, total, o));
    },
    async simulateStrategy(params, shocks, rule, runOptions) {
      const o = checkRunOptions(runOptions);
      // The plan's options without the pool's own (progress and the signal stay on this thread).
      const { onProgress: _progress, signal: _signal, ...options } = o;
      const plan = planSimulation(params, shocks, rule, { ...options, backend: choice });
      const { onProgress: _none, ...data } = plan;
      const size = pathsPerTask(plan.samples, plan.bins, count);
      const tasks: Task[] = [];
      const starts: number[] = [];
      for (let start = 0, id = 0; start < plan.samples; start += size, id++) {
        tasks.push({ type: "strategy", id, plan: data, start, count: Math.min(size, plan.samples - start) });
        starts.push(start);
      }
      const perPath = new Float64Array(plan.samples * PATH_FIELDS);
      const histogram = new Float64Array(plan.histogramLength);
      // Histograms merge in task (path) order, as the single-thread run records them; early arrivals wait here.
      const waiting = new Map<number, Float64Array>();
      let nextMerge = 0;
      const absorb = (task: number, message: TaskResult): number => {
        const m = message as PathsTaskResult;
        perPath.set(m.perPath, starts[task]! * PATH_FIELDS);
        waiting.set(task, m.histogram);
        for (let h = waiting.get(nextMerge); h !== undefined; h = waiting.get(nextMerge)) {
          mergeHistograms(histogram, h);
          waiting.delete(nextMerge++);
        }
        return m.perPath.length / PATH_FIELDS;
      };
      return submit(tasks, plan.samples, absorb, () => summariseSimulation(plan, perPath, histogram), o);
    },
    async close() {
      closed = true;
      for (const job of [...queue]) settle(job, new Error("optimal-reserve pool: closed while a job was running"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
  return pool;
}
