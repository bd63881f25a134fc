/**
 * File I/O for the streaming commands: every write checked (a short write is finished, a failed
 * one stops the job), system errors turned into one line naming the path and the reason, inputs
 * read as text lines with a length limit, and "is this output one of my inputs" by inode.
 */
import { closeSync, openSync, readSync, realpathSync, statSync, writeSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { IoError } from "./args";
import { utf8Checker } from "./utf8";

/** An I/O failure: printed as one line (path and reason), exit code 2, no stack trace. */
export { IoError };

/** Reasons for the common system error codes, in words. */
const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large (a file size limit was reached)",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EIO: "input/output error",
  EMFILE: "too many open files",
};

/** `error` (a Node system error, or anything) as an IoError about `action` on `path`. */
export function ioError(action: string, path: string, error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code ? `${REASONS[code] ?? (error as Error).message} (${code})` : String((error as Error).message ?? error);
  return new IoError(`cannot ${action} ${path}: ${reason}`);
}

/** Run `f`, turning a thrown system error into an IoError about `action` on `path`. */
export function io<T>(action: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof IoError || !(error as NodeJS.ErrnoException).code) throw error;
    throw ioError(action, path, error);
  }
}

let fileSizeLimitReported = false;

/**
 * Have a write past the process's file size limit (ulimit -f) fail with EFBIG, reported like any
 * other failed write. Node ignores SIGXFSZ, but signal-exit (under proper-lockfile) re-raises it
 * to kill the process unless another listener exists: this is that listener.
 */
export function reportFileSizeLimit(): void {
  if (fileSizeLimitReported) return;
  fileSizeLimitReported = true;
  process.on("SIGXFSZ", () => undefined);
}

/** A 4-byte cell to sleep on (Atomics.wait) while a non-blocking pipe is full. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The longest wait between two tries of a write to a full pipe, in milliseconds. */
const MAX_PIPE_WAIT_MS = 50;

/**
 * One writeSync of bytes[done..] to `fd`, waiting while it fails with EAGAIN. Standard output is
 * a non-blocking pipe once Node has set it up (worker threads do, to forward their output), so a
 * reader slower than the writer makes writeSync fail with EAGAIN "resource temporarily
 * unavailable": that is back-pressure, not an error. The thread sleeps 1 ms, doubling to at most
 * MAX_PIPE_WAIT_MS, and tries again; a reader that goes away gives EPIPE, which is thrown.
 */
function writeWaiting(fd: number, bytes: Uint8Array, done: number): number {
  for (let waitMs = 1; ; waitMs = Math.min(2 * waitMs, MAX_PIPE_WAIT_MS)) {
    try {
      return writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, waitMs);
    }
  }
}

/**
 * Write all of `data` to `fd` at its current position: a short write is continued, a full pipe
 * waited for (writeWaiting), a failed
 * write (ENOSPC, EFBIG, EIO, ...) throws an IoError naming `path`.
 */
export function writeAll(fd: number, path: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  let done = 0;
  while (done < bytes.length) {
    const n = io("write", path, () => writeWaiting(fd, bytes, done));
    if (n <= 0) throw new IoError(`cannot write ${path}: the system wrote nothing (${done} of ${bytes.length} bytes of this block written)`);
    done += n;
  }
}

/** The longest line (record) read, in characters: longer ones stop the command with a message. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
export const MAX_LINE_TEXT = "16 Mi characters";

/** Read block size: memory per input stays about this plus the longest line. */
const BLOCK_BYTES = 1 << 20;

/** Blocks of a file (or of standard input for `-`), synchronously for files. */
export async function* blocksOf(path: string): AsyncGenerator<Buffer> {
  if (path === "-") {
    for await (const chunk of process.stdin) yield chunk as Buffer;
    return;
  }
  const fd = io("open", path, () => openSync(path, "r"));
  try {
    for (;;) {
      const block = Buffer.allocUnsafe(BLOCK_BYTES);
      const n = io("read", path, () => readSync(fd, block, 0, BLOCK_BYTES, null));
      if (n === 0) return;
      yield block.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The text lines of a file, in batches (one batch per block read), without their line ends.
 * LF, CRLF and CR-only (old Mac) files are all read: the first line end seen decides. A UTF-8
 * byte-order mark is dropped; bytes that are not UTF-8 and a UTF-16 file are refused (see
 * ./utf8). A line longer than MAX_LINE_CHARS throws an IoError (memory stays
 * bounded: a long line is kept as pieces, never re-copied per block).
 */
export async function* lineBatches(path: string): AsyncGenerator<string[]> {
  const decoder = new StringDecoder("utf8");
  let pieces: string[] = [];
  let pending = 0;
  let separator: "\n" | "\r" | undefined;
  let first = true;
  let lineNumber = 0;
  const tooLong = () =>
    new IoError(`cannot read ${path}: line ${lineNumber + 1} is longer than ${MAX_LINE_TEXT} (the limit for one record)`);
  const utf8 = utf8Checker(path);
  for await (const block of blocksOf(path)) {
    // lineNumber counts the lines completed before this block; in a CR-only file CR ends a line
    // (before the first line end is seen: LF when the block holds one).
    utf8.block(block, lineNumber, separator === "\r" || (separator === undefined && !block.includes(10)) ? 13 : 10);
    let text = decoder.write(block);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (separator === undefined) {
      const lf = text.indexOf("\n");
      const cr = text.indexOf("\r");
      // CR-only when a CR is not followed by LF; a CR at the block's end waits for the next block.
      if (lf >= 0) separator = "\n";
      else if (cr >= 0 && cr < text.length - 1) separator = "\r";
    }
    if (separator === undefined) {
      pieces.push(text);
      pending += text.length;
      if (pending > MAX_LINE_CHARS) throw tooLong();
      continue;
    }
    const parts = text.split(separator);
    const last = parts.pop() as string;
    if (parts.length > 0 && pieces.length > 0) {
      parts[0] = pieces.join("") + parts[0];
      pieces = [];
      pending = 0;
    }
    if (separator === "\n") {
      for (let k = 0; k < parts.length; k++) {
        const line = parts[k]!;
        if (line.charCodeAt(line.length - 1) === 13) parts[k] = line.slice(0, -1);
      }
    }
    for (const line of parts) if (line.length > MAX_LINE_CHARS) throw tooLong();
    lineNumber += parts.length;
    pieces.push(last);
    pending += last.length;
    if (pending > MAX_LINE_CHARS) throw tooLong();
    if (parts.length > 0) yield parts;
  }
  utf8.end(lineNumber);
  let rest = pieces.join("") + decoder.end();
  if (separator === "\n" && rest.endsWith("\r")) rest = rest.slice(0, -1);
  if (separator === undefined && rest.endsWith("\r")) rest = rest.slice(0, -1);
  if (rest !== "") yield [rest];
}

/** The lines of a file, one by one (for the small passes: counting rows, merge). */
export async function* lines(path: string): AsyncGenerator<string> {
  for await (const batch of lineBatches(path)) yield* batch;
}

/** True when `a` and `b` are the same file (same device and inode: links and symlinks too). */
export function sameFile(a: string, b: string): boolean {
  if (a === "-" || b === "-") return false;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    try {
      return realpathSync(a) === realpathSync(b);
    } catch {
      return false;
    }
  }
}
