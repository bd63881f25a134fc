/**
 * `batch --workers n`: the main thread only moves bytes. It cuts the input into tasks of whole
 * records (./batch-bytes), hands each to the least busy of n worker threads (the bytes moved, not
 * copied), and writes the workers' output bytes strictly in input order. At most 2n tasks are in
 * flight, so memory stays bounded whatever the file's size: the next block is read only when
 * the oldest task's output has been written.
 */
import { Worker } from "node:worker_threads";
import { IoError, UsageError } from "./args";
import { byteTasks, textLines, type ByteTask } from "./batch-bytes";
import { csvLayout, ndjsonLayout, NDJSON_LOOKAHEAD, type InputLayout } from "./batch-input";
import type { WorkerFailure, WorkerInit, WorkerResult, WorkerTask } from "./batch-protocol";
import type { Shard } from "./job";
import type { RecordFormat } from "./records";

/** The input of a worker run: its layout, its tasks in file order, and the data rows read. */
export interface WorkerInput {
  layout: InputLayout;
  tasks: AsyncGenerator<ByteTask>;
  rowsSeen(): number;
}

/**
 * Open `path` (`-`: standard input) for a worker run, with tasks of `rows` rows of `shard`: the
 * layout comes from the CSV header or the first NDJSON lines exactly as openBatchInput reads
 * them, and throws the same UsageErrors.
 */
export async function openWorkerInput(path: string, format: RecordFormat, strict: boolean, allKeys: boolean, rows: number, shard: Shard | undefined): Promise<WorkerInput> {
  const split = byteTasks(path, format, rows, shard, format === "ndjson" ? NDJSON_LOOKAHEAD : 0);
  const queued: ByteTask[] = [];
  let layout: InputLayout;
  if (format === "csv") {
    const header = await split.tasks.next();
    if (header.done) throw new UsageError(`--in ${path} is empty (a CSV needs a header line)`);
    // A header quoted over several lines is one record, its lines joined as ./batch-input joins them.
    layout = csvLayout(textLines(header.value.bytes, header.value.lineEnd).join("\n"), strict, path);
  } else {
    while (split.head.length < NDJSON_LOOKAHEAD) {
      const step = await split.tasks.next();
      if (step.done) break;
      queued.push(step.value);
    }
    layout = await ndjsonLayout(split.head, strict, path, allKeys);
  }
  async function* tasks(): AsyncGenerator<ByteTask> {
    yield* queued;
    yield* split.tasks;
  }
  return { layout, tasks: tasks(), rowsSeen: split.rowsSeen };
}

/** One worker thread and the tasks it has not answered yet. */
interface Thread {
  busy(): number;
  send(task: WorkerTask): Promise<WorkerResult>;
  terminate(): Promise<number>;
}

function startThread(init: WorkerInit): Thread {
  // Beside dist/cli.js, which this module is bundled into.
  const worker = new Worker(new URL("./cli-batch-worker.js", import.meta.url), { workerData: init });
  const pending = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: Error) => void }>();
  let failed: Error | undefined;
  const fail = (error: Error): void => {
    failed ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (m: WorkerResult | WorkerFailure) => {
    const waiting = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === "result") waiting?.resolve(m);
    else waiting?.reject(m.io ? new IoError(m.message) : Object.assign(new Error(m.message), { stack: m.stack }));
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`a batch worker thread stopped (exit code ${code})`)));
  return {
    busy: () => pending.size,
    send(task) {
      const result = new Promise<WorkerResult>((resolve, reject) => {
        if (failed) return reject(failed);
        pending.set(task.id, { resolve, reject });
        worker.postMessage(task, [task.bytes]);
      });
      // Awaited in order later; a failure of a later task must not count as unhandled meanwhile.
      result.catch(() => undefined);
      return result;
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Solve `tasks` on `workers` threads and `write` each task's output in input order; tasks whose
 * rows of the shard all fall within the first `skip` (already written: --resume) are not sent.
 * A worker's IoError (a record too long) is thrown as one; the threads are stopped at the end.
 */
export async function solveInWorkers(workers: number, init: WorkerInit, skip: number, tasks: AsyncIterable<ByteTask>,
  write: (bytes: Uint8Array, rows: number, invalid: number) => void): Promise<void> {
  const threads = Array.from({ length: workers }, () => startThread(init));
  const inFlight: Promise<WorkerResult>[] = [];
  const writeOldest = async (): Promise<void> => {
    const result = await inFlight.shift()!;
    write(result.bytes, result.rows, result.invalid);
  };
  try {
    let id = 0;
    for await (const task of tasks) {
      if (task.selectedBefore + task.selected <= skip) continue;
      const thread = threads.reduce((a, b) => (b.busy() < a.busy() ? b : a));
      inFlight.push(thread.send({
        id: id++, bytes: task.bytes.buffer as ArrayBuffer, lineEnd: task.lineEnd, firstLine: task.firstLine,
        firstRow: task.firstRow, skip: Math.max(0, skip - task.selectedBefore),
      }));
      while (inFlight.length >= 2 * workers) await writeOldest();
    }
    while (inFlight.length > 0) await writeOldest();
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
