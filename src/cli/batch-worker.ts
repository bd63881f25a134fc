/**
 * A `batch --workers` worker thread (dist/cli-batch-worker.js): takes tasks of whole input
 * records as bytes (./batch-bytes), reads them into typed columns (./batch-input), solves and
 * formats them (./batch-rows) exactly as the single thread does, and answers with the output
 * lines as UTF-8 bytes (moved, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
import { IoError } from "./args";
import { textLines } from "./batch-bytes";
import { rowsOfLines } from "./batch-input";
import { chunkSolver } from "./batch-rows";
import type { WorkerFailure, WorkerInit, WorkerResult, WorkerTask } from "./batch-protocol";

const init = workerData as WorkerInit;
const solver = chunkSolver(init.job);
const encoder = new TextEncoder();

/** One task: its rows (those of the shard, after `skip`) solved and formatted. */
async function run(task: WorkerTask): Promise<WorkerResult> {
  const lines = textLines(new Uint8Array(task.bytes), task.lineEnd);
  const input = rowsOfLines(lines, init.path, init.job.layout, task.firstLine, task.firstRow);
  let text = "";
  let rows = 0;
  let invalid = 0;
  // One chunk: a task holds at most --chunk rows of the shard, and no more rows than lines.
  for await (const chunk of input.chunks(Math.max(1, lines.length), init.shard, task.skip, init.defaults)) {
    const solved = solver.solve(chunk);
    text += solved.text;
    rows += chunk.count;
    invalid += solved.invalid;
  }
  return { type: "result", id: task.id, bytes: encoder.encode(text), rows, invalid };
}

parentPort?.on("message", (task: WorkerTask) => {
  run(task).then(
    (result) => parentPort?.postMessage(result, [result.bytes.buffer as ArrayBuffer]),
    (error: unknown) => {
      const failure: WorkerFailure = { type: "failure", id: task.id, message: (error as Error).message, io: error instanceof IoError, stack: (error as Error).stack };
      parentPort?.postMessage(failure);
    },
  );
});
