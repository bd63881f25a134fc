/**
 * A pool worker (Node worker_threads): instantiates the kernel from the module the pool compiled,
 * then solves the tasks it is sent with the same synchronous solveBatch as the main thread, so
 * every row comes out bit for bit as it would there.
 */
import { parentPort } from "node:worker_threads";
import { adoptWasmModule, type BackendChoice } from "../backend/index";
import { solveBatch } from "../batch";
import { gridChunkColumns, gridLayout } from "../analysis/grid";
import { scalarColumns } from "../analysis/base";
import type { InitMessage, Task, TaskFailure, TaskResult } from "./protocol";

let backend: BackendChoice = "auto";

function run(task: Task): TaskResult {
  const columns = task.type === "solve"
    ? task.columns
    : gridChunkColumns(gridLayout(task.axes), scalarColumns(task.base), task.start, task.count);
  const r = solveBatch(columns, { backend });
  return {
    type: "result", id: task.id, zStar: r.zStar, status: r.status, marginalBenefit: r.marginalBenefit,
    marginalCost: r.marginalCost, totalCost: r.totalCost, errors: r.errors, backend: r.backend,
  };
}

parentPort?.on("message", (message: InitMessage | Task) => {
  if (message.type === "init") {
    backend = message.backend;
    if (message.module && backend !== "js") adoptWasmModule(message.module);
    return;
  }
  try {
    const result = run(message);
    const buffers = [result.zStar, result.status, result.marginalBenefit, result.marginalCost, result.totalCost]
      .map((a) => a.buffer as ArrayBuffer);
    parentPort?.postMessage(result, buffers);
  } catch (error) {
    const failure: TaskFailure = { type: "failure", id: message.id, message: (error as Error).message };
    parentPort?.postMessage(failure);
  }
});
