/** Messages between the pool (main thread) and its workers. */
import type { BackendChoice } from "../backend/index";
import type { BatchColumns, RowError } from "../columns";
import type { GridAxes } from "../analysis/grid";
import type { Params } from "../params";

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

export type Task = SolveTask | GridTask;

export interface TaskResult {
  type: "result";
  id: number;
  zStar: Float64Array;
  status: Uint8Array;
  marginalBenefit: Float64Array;
  marginalCost: Float64Array;
  totalCost: Float64Array;
  /** Rows relative to the task's first row. */
  errors: RowError[];
  backend: "wasm" | "js";
}

export interface TaskFailure {
  type: "failure";
  id: number;
  message: string;
}
