/** Messages between `batch --workers` (main thread, ./batch-workers) and its worker threads (./batch-worker). */
import type { LineEnd } from "./batch-bytes";
import type { RowDefaults } from "./batch-input";
import type { RowJob } from "./batch-rows";
import type { Shard } from "./job";

/** What every task of a job shares: given to each worker as its workerData. */
export interface WorkerInit {
  job: RowJob;
  /** The input's path, for messages. */
  path: string;
  shard: Shard | undefined;
  defaults: RowDefaults;
}

/** Whole records of the input as bytes (see ./batch-bytes ByteTask), moved to the worker. */
export interface WorkerTask {
  id: number;
  bytes: ArrayBuffer;
  lineEnd: LineEnd;
  firstLine: number;
  firstRow: number;
  /** Rows of the shard to skip at the task's start (already in the output: --resume). */
  skip: number;
}

/** A task's output lines as UTF-8, its rows written and the invalid ones among them. */
export interface WorkerResult {
  type: "result";
  id: number;
  bytes: Uint8Array;
  rows: number;
  invalid: number;
}

/** A task that failed: an IoError (`io`: a record too long) or anything unexpected. */
export interface WorkerFailure {
  type: "failure";
  id: number;
  message: string;
  io: boolean;
  stack: string | undefined;
}
