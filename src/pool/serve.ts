/**
 * The worker side of the pool, for any kind of worker: take the pool's compiled kernel, then
 * solve each task with the same synchronous solveBatch as the main thread, so every row comes out
 * bit for bit as it would there; a strategy task runs its paths with simulateStrategy's own
 * simulatePathRange.
 */
import { adoptWasmModule, type BackendChoice } from "../backend/index";
import { solveBatch } from "../batch";
import { gridChunkColumns, gridLayout } from "../analysis/grid";
import { scalarColumns } from "../analysis/base";
import { simulatePathRange } from "../strategy/simulate";
import type { BatchTaskResult, GridTask, InitMessage, ReadyMessage, SolveTask, Task, TaskFailure, TaskResult } from "./protocol";

/** Send a reply to the pool, moving (not copying) the listed buffers. */
export type Reply = (message: TaskResult | TaskFailure | ReadyMessage, transfer: ArrayBuffer[]) => void;

let backend: BackendChoice = "auto";

function run(task: SolveTask | GridTask): BatchTaskResult {
  const columns = task.type === "solve"
    ? task.columns
    : gridChunkColumns(gridLayout(task.axes), scalarColumns(task.base), task.start, task.count);
  const r = solveBatch(columns, { backend });
  return {
    type: "result", id: task.id, zStar: r.zStar, zStarUnits: r.zStarUnits, status: r.status, marginalBenefit: r.marginalBenefit,
    marginalCost: r.marginalCost, totalCost: r.totalCost, errors: r.errors, backend: r.backend,
  };
}

/** Handle one message from the pool: the init message, or a task answered through `reply`. */
export function serve(message: InitMessage | Task, reply: Reply): void {
  if (message.type === "init") {
    backend = message.backend;
    if (message.module && backend !== "js") adoptWasmModule(message.module);
    reply({ type: "ready" }, []);
    return;
  }
  try {
    if (message.type === "strategy") {
      // The plan names the backend the pool resolved; the strategy kernel is its own module (simulate-kernel.ts).
      const { perPath, histogram } = simulatePathRange(message.plan, message.start, message.count);
      reply({ type: "paths", id: message.id, perPath, histogram }, [perPath.buffer as ArrayBuffer, histogram.buffer as ArrayBuffer]);
      return;
    }
    const result = run(message);
    const buffers = [result.zStar, result.zStarUnits, result.status, result.marginalBenefit, result.marginalCost, result.totalCost]
      .map((a) => a.buffer as ArrayBuffer);
    reply(result, buffers);
  } catch (error) {
    reply({ type: "failure", id: message.id, message: (error as Error).message }, []);
  }
}
