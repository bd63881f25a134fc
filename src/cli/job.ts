/**
 * What the long-running commands (`batch`, `sweep --out`) share: the output file that survives a
 * kill and resumes, array-job shards, and the progress line on stderr.
 *
 * Every output FILE has a job record beside it, FILE.job.json (see JobRecord): what the file was
 * started from (a fingerprint of the input and of the flags), its shard, and how many bytes, rows
 * and invalid rows it holds so far, rewritten (write-then-rename) after a chunk at most every
 * RECORD_INTERVAL_MS, at the end, and when a job stops on an error. So:
 * - a kill leaves at most bytes after the recorded length; `--resume` cuts them off and goes on
 *   from the recorded row, so a killed job restarted with --resume loses nothing and writes every
 *   row exactly once;
 * - a failed or short write (disk full) stops the job; the record still describes the last whole
 *   chunk, so `--resume` continues exactly;
 * - `--resume` with another input or other flags is refused (the fingerprints differ);
 * - the exit code and the summary of a resumed job count the invalid rows of the whole file;
 * - `merge` proves a set of shards complete (every i of n, each finished, rows adding up).
 * While a job writes FILE it holds an exclusive lock (proper-lockfile: the directory FILE.lock);
 * a second writer is refused with the holder's process id and host.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { lock } from "proper-lockfile";
import { UsageError } from "./args";
import { arrayTaskFromEnv } from "./array-task";
import { io, ioError, reportFileSizeLimit, writeAll } from "./io";

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
  --resume          continue an interrupted run: keep the rows that --out's job record vouches for
                    and skip them; refused when the input or the flags differ from the first run
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
  /** Where an auto index came from, for the range message. */
  let from = "";
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
    from = ` from ${task.values}`;
  } else {
    index = Number(m[1]);
  }
  if (!(count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new UsageError(`invalid --shard ${JSON.stringify(text)}: need 0 <= i < n (got i = ${index}${from}, n = ${count})`);
  }
  return { index, count };
}

/** How many of `total` rows (indices 0..total-1) fall in `shard` (all of them without one). */
export function shardSize(total: number, shard: Shard | undefined): number {
  return shard ? Math.floor(total / shard.count) + (shard.index < total % shard.count ? 1 : 0) : total;
}

/** The job record kept beside an output file (FILE.job.json). */
export interface JobRecord {
  tool: "optimal-reserve";
  command: string;
  /** Identity of what the rows come from (the input file's size and content hash, or a sweep's grid). */
  source: string;
  /** The flags that shape the rows (base parameters, stock, delimiter, ...), shard excluded. */
  settings: string;
  shard: Shard | null;
  /** Output bytes, data rows and invalid rows written and recorded so far. */
  bytes: number;
  rows: number;
  invalid: number;
  /** True once every row of the shard (or input) is written. */
  complete: boolean;
  /** Data rows in the whole source (all shards), known once complete. */
  sourceRows: number | null;
  /** Who writes (wrote) the file: process id, host, start time, and the inode of its lock. */
  owner: { pid: number; host: string; started: string; lock: number };
}

/** The job record's path for an output file. */
export const jobRecordPath = (path: string) => `${path}.job.json`;

/** The job record of `path`, or undefined when there is none (or it is unreadable). */
export function readJobRecord(path: string): JobRecord | undefined {
  try {
    return JSON.parse(readFileSync(jobRecordPath(path), "utf8")) as JobRecord;
  } catch {
    return undefined;
  }
}

/**
 * Write `path`'s job record (write a temporary file, then rename it over the record). A failure
 * (a full disk) names the output file and its record, and removes the temporary file.
 */
function writeJobRecord(path: string, record: JobRecord): void {
  const file = jobRecordPath(path);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw ioError("write", `${path} (its job record ${file})`, error);
  }
}

/**
 * A fingerprint of an input file: its size and a SHA-256 of its first and last MiB (enough to
 * tell another file or an edited one; the modification time is left out so that a copy on
 * another node of a cluster has the same fingerprint).
 */
export function fileSource(path: string): string {
  if (path === "-") return "stdin";
  const size = io("read", path, () => statSync(path)).size;
  const hash = createHash("sha256");
  const fd = io("open", path, () => openSync(path, "r"));
  try {
    const block = Buffer.alloc(Math.min(size, 1 << 20));
    // The first and the last MiB; a file of up to 2 MiB whole (the same bytes, in order).
    const ends = size > 2 * block.length ? [0, size - block.length] : [0, block.length];
    for (const at of ends) {
      const n = io("read", path, () => readSync(fd, block, 0, Math.min(block.length, size - at), at));
      hash.update(block.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return `file size ${size} sha256-ends ${hash.digest("hex")}`;
}

/** The job record is rewritten after a chunk when this long has passed since the last time. */
const RECORD_INTERVAL_MS = 250;

/** How long a lock may go without its holder's heartbeat before another process may take it. */
const LOCK_STALE_MS = 60_000;

/** Whether process `pid` runs on this host. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Take the exclusive lock on `path` (proper-lockfile: mkdir of PATH.lock, its mtime refreshed by
 * the holder). A lock whose recorded holder is a dead process on this host is taken over at once
 * (a killed job); otherwise a held lock is refused naming the holder. Returns the release function
 * and the inode of the lock directory (recorded as the owner's, to tell a stale record).
 */
async function lockOutput(path: string): Promise<{ release: () => Promise<void>; inode: number }> {
  const lockfilePath = `${path}.lock`;
  const options = {
    realpath: false, lockfilePath, stale: LOCK_STALE_MS,
    onCompromised: (error: Error) => {
      process.stderr.write(`optimal-reserve: lost the lock on ${path} (${error.message}); stopping\n`);
      process.exit(2);
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lock(path, options);
      return { release, inode: statSync(lockfilePath).ino };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ELOCKED") throw ioError("write", path, error);
      const owner = readJobRecord(path)?.owner;
      let inode = -1;
      try {
        inode = statSync(lockfilePath).ino;
      } catch {
        // Released meanwhile: try again.
      }
      const recorded = owner !== undefined && owner.lock === inode;
      if (attempt === 0 && (inode === -1 || (recorded && owner.host === hostname() && !alive(owner.pid)))) {
        if (inode !== -1) rmSync(lockfilePath, { recursive: true, force: true });
        continue;
      }
      const holder = recorded ? `process ${owner.pid} on ${owner.host} (since ${owner.started})` : "another process (starting up)";
      throw new UsageError(`--out ${path} is being written by ${holder}; the lock is ${lockfilePath}. Wait for it to finish or stop it first.`);
    }
  }
}

/** An output file of records, opened fresh or (with resume) after the rows it already holds. */
export interface JobOutput {
  /** Rows found in the file when resuming (0 for a fresh file): skip that many. */
  alreadyDone: number;
  /** Invalid rows among them. */
  alreadyInvalid: number;
  /** Append one chunk of whole lines (with their newlines; text or UTF-8) holding `rows` rows, `invalid` of them invalid. */
  write(text: string | Uint8Array, rows: number, invalid: number): void;
  /** Mark the job complete (`sourceRows`: data rows in the whole source, when known), close, unlock. */
  finish(sourceRows: number | null): Promise<void>;
  /** Close and unlock after a failure, leaving the record at the last whole chunk. */
  abandon(): Promise<void>;
}

/** What a job is, for its record and the --resume and merge checks. */
export interface JobIdentity {
  command: string;
  source: string;
  settings: string;
  shard: Shard | undefined;
}

/** What differs between a job record and this run, in words (empty when they match). */
function difference(record: JobRecord, job: JobIdentity): string {
  if (record.command !== job.command) return `it was written by ${record.command}`;
  if (record.source !== job.source) return "it was started from another input (or the input has changed since)";
  if (record.settings !== job.settings) return "it was started with other flags (parameters, --stock or columns)";
  const shard = job.shard ?? null;
  if (JSON.stringify(record.shard) !== JSON.stringify(shard)) return `it holds shard ${record.shard ? `${record.shard.index}/${record.shard.count}` : "none"}`;
  return "";
}

/**
 * Open `path` for a job's rows: fresh (the `header` text, with its newline, written first), or
 * with `resume` after the rows its job record vouches for. `-` is standard output (no record, no
 * lock, no resume). Refuses a file another process is writing, and a resume of another job.
 */
export async function openJobOutput(path: string, job: JobIdentity, header: string, resume: boolean): Promise<JobOutput> {
  if (path === "-") {
    if (resume) throw new UsageError("--resume needs --out FILE (standard output cannot be continued)");
    writeAll(1, "standard output", header);
    return {
      alreadyDone: 0, alreadyInvalid: 0,
      write: (text) => writeAll(1, "standard output", text),
      finish: async () => undefined, abandon: async () => undefined,
    };
  }
  reportFileSizeLimit();
  const { release, inode } = await lockOutput(path);
  let fd: number | undefined;
  try {
    const previous = resume && existsSync(path) ? readJobRecord(path) : undefined;
    if (resume && existsSync(path)) {
      if (!previous) {
        throw new UsageError(`--resume: ${path} has no job record (${jobRecordPath(path)}), so what it holds cannot be checked; run again without --resume`);
      }
      const differs = difference(previous, job);
      if (differs) throw new UsageError(`--resume: ${path} is not this job's output: ${differs}. Run again without --resume, or with the same input and flags`);
      const size = io("read", path, () => statSync(path)).size;
      if (size < previous.bytes) throw new UsageError(`--resume: ${path} is shorter (${size} bytes) than its job record says (${previous.bytes}); it was changed by hand`);
    }
    const record: JobRecord = {
      tool: "optimal-reserve", command: job.command, source: job.source, settings: job.settings, shard: job.shard ?? null,
      bytes: 0, rows: 0, invalid: 0, complete: false, sourceRows: null,
      owner: { pid: process.pid, host: hostname(), started: new Date().toISOString(), lock: inode },
    };
    if (previous) {
      fd = io("open", path, () => openSync(path, "r+"));
      const opened = fd;
      // Bytes after the recorded length belong to a chunk whose record was never written: redo it.
      io("truncate", path, () => ftruncateSync(opened, previous.bytes));
      fd = io("open", path, () => openSync(path, "a"));
      closeSync(opened);
      Object.assign(record, { bytes: previous.bytes, rows: previous.rows, invalid: previous.invalid });
    } else {
      fd = io("open", path, () => openSync(path, "w"));
      writeAll(fd, path, header);
      record.bytes = Buffer.byteLength(header);
    }
    writeJobRecord(path, record);
    let recorded = Date.now();
    const out = fd;
    const alreadyDone = record.rows;
    const alreadyInvalid = record.invalid;
    return {
      alreadyDone, alreadyInvalid,
      write(text, rows, invalid) {
        writeAll(out, path, text);
        record.bytes += Buffer.byteLength(text);
        record.rows += rows;
        record.invalid += invalid;
        // The record trails the file by at most RECORD_INTERVAL_MS: a resume redoes those rows.
        const now = Date.now();
        if (now - recorded >= RECORD_INTERVAL_MS) {
          writeJobRecord(path, record);
          recorded = now;
        }
      },
      async finish(sourceRows) {
        record.complete = true;
        record.sourceRows = sourceRows;
        writeJobRecord(path, record);
        closeSync(out);
        await release();
      },
      async abandon() {
        closeSync(out);
        // Every chunk counted in `record` was written whole; if even this small write fails
        // (a full disk), the older record stays, which is consistent too.
        try {
          writeJobRecord(path, record);
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    await release();
    throw error;
  }
}

/** The progress line: rows done of the total, rate and ETA, redrawn at most every 100 ms. */
export interface Progress {
  /** `done` rows finished in this run (not counting resumed ones). */
  update(done: number): void;
  /** End the line (when one was drawn). */
  end(): void;
}

/** Progress on stderr when `show` (a terminal, not --quiet); `total` counts resumed rows too; `unit` names what is counted (rows, paths). */
export function progressLine(show: boolean, total: number, alreadyDone: number, unit = "rows"): Progress {
  const started = Date.now();
  let drawn = 0;
  return {
    update(done) {
      const now = Date.now();
      if (!show || (now - drawn < 100 && alreadyDone + done < total)) return;
      drawn = now;
      const rate = done / Math.max((now - started) / 1000, 1e-3);
      const left = Math.max(0, total - alreadyDone - done);
      process.stderr.write(`\r${alreadyDone + done}/${total} ${unit}, ${Math.round(rate)} ${unit}/s, ETA ${Math.ceil(left / Math.max(rate, 1e-9))} s   `);
    },
    end() {
      if (show && drawn > 0) process.stderr.write("\n");
    },
  };
}
