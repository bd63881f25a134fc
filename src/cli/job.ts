/**
 * What the long-running commands (`batch`, `sweep --out`) share: the output file that survives a
 * kill and resumes, array-job shards, and the progress line on stderr.
 *
 * Kill-safe: every chunk is written with one write of whole lines, so a kill leaves at most a
 * partial last line; resuming drops it, counts the rows already written and continues after
 * them, so a killed job restarted with --resume loses and repeats nothing.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { UsageError } from "./args";
import { arrayTaskFromEnv } from "./array-task";
import { readLines } from "./lines";
import type { RecordFormat } from "./records";

/**
 * What a streaming command returns when it finishes: rows written, rows invalid (exit code 3 when
 * any), and a message for stderr (omitted when the command was asked to be quiet).
 */
export interface StreamSummary {
  rows: number;
  invalid: number;
  message?: string;
}

/** `--shard i/n`: this job takes the rows (or grid points) whose index mod `count` = `index`. */
export interface Shard {
  index: number;
  count: number;
}

export const SHARD_HELP = `  --shard i/n       only rows whose index mod n = i (adds a 'row' column); auto/n takes i from
                    JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs), AWS_BATCH_JOB_ARRAY_INDEX or
                    SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN (Slurm job arrays); under Slurm
                    plain auto also takes n from SLURM_ARRAY_TASK_COUNT
  --resume          continue an interrupted run: keep the rows already in --out, skip them
  --quiet           no progress or summary on stderr (the progress line, with rate and ETA, shows
                    only when stderr is a terminal)`;

/**
 * Parse `--shard i/n`, `auto/n` or `auto` (i, and for plain auto n, from the array-job variables:
 * see ./array-task.ts); undefined when absent.
 */
export function shardFrom(text: unknown): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+|auto)(?:\/(\d+))?$/.exec(String(text));
  if (!m || (m[1] !== "auto" && m[2] === undefined)) throw new UsageError(`invalid --shard ${JSON.stringify(text)}: expected i/n, auto/n or auto`);
  let count = Number(m[2]);
  let index: number;
  if (m[1] === "auto") {
    const task = arrayTaskFromEnv();
    if (!task) throw new UsageError("--shard auto/n needs JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID");
    if (m[2] === undefined) {
      if (task.count === undefined) throw new UsageError(`--shard auto: ${task.source} gives no task count; use auto/n`);
      count = task.count;
    } else if (task.count !== undefined && task.count !== count) {
      throw new UsageError(`invalid --shard ${JSON.stringify(text)}: the job array has ${task.count} tasks (SLURM_ARRAY_TASK_COUNT)`);
    }
    index = task.index;
  } else {
    index = Number(m[1]);
  }
  if (!(count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new UsageError(`invalid --shard ${JSON.stringify(text)}: need 0 <= i < n (got i = ${index}, n = ${count})`);
  }
  return { index, count };
}

/** How many of `total` rows (indices 0..total-1) fall in `shard` (all of them without one). */
export function shardSize(total: number, shard: Shard | undefined): number {
  return shard ? Math.floor(total / shard.count) + (shard.index < total % shard.count ? 1 : 0) : total;
}

/**
 * Prepare `path` for appending after an interruption: drop a partial last line and return the
 * number of complete data rows (a CSV header line does not count).
 */
function resumeOutput(path: string, format: RecordFormat): number {
  const size = statSync(path).size;
  const fd = openSync(path, "r+");
  try {
    // Find the last newline by reading backwards in blocks.
    const block = Buffer.alloc(65536);
    let end = size;
    let keep = 0;
    while (end > 0) {
      const start = Math.max(0, end - block.length);
      const n = readSync(fd, block, 0, end - start, start);
      const at = block.subarray(0, n).lastIndexOf(0x0a);
      if (at >= 0) {
        keep = start + at + 1;
        break;
      }
      end = start;
    }
    if (keep < size) ftruncateSync(fd, keep);
  } finally {
    closeSync(fd);
  }
  let lines = 0;
  for (const _line of readLines(path)) lines++;
  return format === "csv" ? Math.max(0, lines - 1) : lines;
}

/** An output file of records, opened fresh or (with resume) after the rows it already holds. */
export interface JobOutput {
  /** Rows found in the file when resuming (0 for a fresh file): skip that many. */
  alreadyDone: number;
  /** Append whole lines in one write (the kill-safety above). */
  writeLines(lines: readonly string[]): void;
  close(): void;
}

/** Open `path` for a job's rows: fresh, or after the rows already in it when `resume` is set. */
export function openJobOutput(path: string, format: RecordFormat, columns: readonly string[], resume: boolean): JobOutput {
  const resuming = resume && existsSync(path);
  if (resuming && format === "csv") {
    // Appending rows of another shape (a changed --vary, another input) would corrupt the file.
    const lines = readLines(path);
    const header = lines.next();
    lines.return(undefined);
    // Only a complete header line (a newline after it) is checked: a partial one is rewritten.
    const complete = !header.done && statSync(path).size > Buffer.byteLength(header.value);
    if (complete && header.value !== columns.join(",")) {
      throw new UsageError(`--resume: ${path} has the columns ${header.value}; this run writes ${columns.join(",")}`);
    }
  }
  const alreadyDone = resuming ? resumeOutput(path, format) : 0;
  const fd = openSync(path, resuming ? "a" : "w");
  // A header only into an empty file: a fresh one, or a resumed one that lost even its header.
  if (format === "csv" && statSync(path).size === 0) writeSync(fd, `${columns.join(",")}\n`);
  return {
    alreadyDone,
    writeLines(lines) {
      if (lines.length > 0) writeSync(fd, `${lines.join("\n")}\n`);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** The progress line: rows done of the total, rate and ETA, redrawn at most every 100 ms. */
export interface Progress {
  /** `done` rows finished in this run (not counting resumed ones). */
  update(done: number): void;
  /** End the line (when one was drawn). */
  end(): void;
}

/** Progress on stderr when `show` (a terminal, not --quiet); `total` counts resumed rows too. */
export function progressLine(show: boolean, total: number, alreadyDone: number): Progress {
  const started = Date.now();
  let drawn = 0;
  return {
    update(done) {
      const now = Date.now();
      if (!show || (now - drawn < 100 && alreadyDone + done < total)) return;
      drawn = now;
      const rate = done / Math.max((now - started) / 1000, 1e-3);
      const left = Math.max(0, total - alreadyDone - done);
      process.stderr.write(`\r${alreadyDone + done}/${total} rows, ${Math.round(rate)} rows/s, ETA ${Math.ceil(left / Math.max(rate, 1e-9))} s   `);
    },
    end() {
      if (show && drawn > 0) process.stderr.write("\n");
    },
  };
}
