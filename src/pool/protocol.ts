/** Messages between the pool (main thread) and its workers. */
import type { BackendChoice } from "../backend/index";
import type { BatchResult } from "../batch";
import type { BatchColumns } from "../columns";
import type { GridAxes } from "../analysis/grid";
import type { Params } from "../params";
import type { SimulationPlan } from "../strategy/simulate";

export interface InitMessage {
  type: "init";
  /** The kernel compiled once by the pool (absent when WebAssembly is unavailable). */
  module?: WebAssembly.Module;
  backend: BackendChoice;
}

/** Solve rows: `columns` holds only this task's rows (or broadcast scalars). */
export interface SolveTask {
  type: "solve";
  id: number;
  columns: BatchColumns;
}

/** Solve grid points [start, start + count): the worker builds the columns itself. */
export interface GridTask {
  type: "grid";
  id: number;
  base: Params;
  axes: GridAxes;
  start: number;
  count: number;
}

/** Run paths [start, start + count) of a strategy simulation (simulateStrategy's plan, without its callback). */
export interface StrategyTask {
  type: "strategy";
  id: number;
  plan: Omit<SimulationPlan, "onProgress">;
  start: number;
  count: number;
}

export type Task = SolveTask | GridTask | StrategyTask;

/** A task's BatchResult (error rows relative to the task's first row), without statusNames. */
export interface BatchTaskResult extends Omit<BatchResult, "statusNames"> {
  type: "result";
  id: number;
}

/** A strategy task's per-path totals (count x PATH_FIELDS, in path order) and the stock histogram of its paths. */
export interface PathsTaskResult {
  type: "paths";
  id: number;
  perPath: Float64Array;
  histogram: Float64Array;
}

export type TaskResult = BatchTaskResult | PathsTaskResult;

/** The worker's answer to the init message: it has started (see the pool's crash handling). */
export interface ReadyMessage {
  type: "ready";
}

export interface TaskFailure {
  type: "failure";
  id: number;
  message: string;
}
