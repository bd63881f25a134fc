/**
 * The input of `batch --workers` as bytes. The main thread only finds where records end (line
 * ends, and for CSV the quotes that join lines into one record) and cuts the file into tasks of
 * whole records, which the worker threads decode, parse, solve and format (./batch-worker). The
 * cut follows ./io's lineBatches and ./batch-input's records exactly, so that a worker reads its
 * bytes as the single thread reads the same lines: a UTF-8 byte-order mark dropped, LF, CRLF or
 * CR-only line ends (the first seen decides), blank lines skipped between records, a quoted cell
 * going on over line ends, every block checked as UTF-8 (./utf8), lines longer than MAX_LINE_CHARS
 * refused. The quote (0x22), CR and LF bytes never occur inside a multi-byte UTF-8 character, so
 * the cut needs no decoding; only a line that starts with a blank byte is decoded, to tell a
 * blank line.
 */
import { IoError } from "./args";
import { blank } from "./batch-input";
import { blocksOf, MAX_LINE_CHARS, MAX_LINE_TEXT } from "./io";
import type { Shard } from "./job";
import type { RecordFormat } from "./records";
import { utf8Checker } from "./utf8";

/** The line end of a file as its lines are split: "\n" also for CRLF (the CR is dropped). */
export type LineEnd = "\n" | "\r";

/** A run of whole input records, as bytes: one worker task. */
export interface ByteTask {
  /** The records' bytes with their line ends (and the blank lines among them). */
  bytes: Uint8Array;
  lineEnd: LineEnd;
  /** Lines of the file before the task's first line. */
  firstLine: number;
  /** Input row index of the first record (0 = the first data row); -1 for a CSV header. */
  firstRow: number;
  /** Rows of the shard (every row without --shard) before the task's first record. */
  selectedBefore: number;
  /** Rows of the shard among the task's records. */
  selected: number;
}

/** The split input: tasks in file order, the rows seen so far, and the first records' text. */
export interface ByteInput {
  tasks: AsyncGenerator<ByteTask>;
  /** Data rows read so far (all of them once `tasks` is done). */
  rowsSeen(): number;
  /** NDJSON: the first `lookahead` records (lines), for the keys; filled as they are read. */
  head: string[];
}

/** Task size beyond which a task is closed even before it holds `rows` rows of the shard. */
const TASK_BYTES = 1 << 22;

/** UTF-8 byte-order mark. */
const BOM = [0xef, 0xbb, 0xbf];

/** The number of quote bytes in `bytes`. */
function quoteBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] === 34) n++;
  return n;
}

/**
 * The lines of `bytes` (whole lines of a UTF-8 file, split at `lineEnd`), as ./io's lineBatches
 * gives them: without line ends, the CR of a CRLF line end dropped.
 */
export function textLines(bytes: Uint8Array, lineEnd: LineEnd): string[] {
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8").split(lineEnd);
  if (lines[lines.length - 1] === "") lines.pop();
  if (lineEnd === "\n") {
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!;
      if (line.charCodeAt(line.length - 1) === 13) lines[k] = line.slice(0, -1);
    }
  }
  return lines;
}

/**
 * Split `path` (`-`: standard input) into tasks of whole records. For CSV the first task is the
 * header record alone (firstRow -1). Data records that start no task and are not rows of `shard`
 * are dropped (they are only counted); a task starts at a row of the shard and is closed after
 * `rows` rows of the shard or TASK_BYTES bytes. The first `lookahead` data records (NDJSON: one
 * line each) are also decoded into `head`. Throws an IoError (path, line, reason) for bytes that are not UTF-8 and
 * for a line or record longer than MAX_LINE_CHARS.
 */
export function byteTasks(path: string, format: RecordFormat, rows: number, shard: Shard | undefined, lookahead: number): ByteInput {
  const csv = format === "csv";
  const head: string[] = [];
  let rowsSeen = 0;

  async function* tasks(): AsyncGenerator<ByteTask> {
    const utf8 = utf8Checker(path);
    /** The line end byte (LF or CR), once the first one is seen. */
    let end: number | undefined;
    const lineEnd = (): LineEnd => (end === 13 ? "\r" : "\n");
    let linesDone = 0;
    let selected = 0;
    let headerDone = !csv;
    let first = true;
    /** The record being read: inside a quoted cell (CSV), its first line, its bytes so far. */
    let quoted = false;
    let recordLine = 0;
    let recordBytes = 0;
    /** The task being built (undefined between tasks), its parts, bytes and rows of the shard. */
    let task: { firstLine: number; firstRow: number; selectedBefore: number } | undefined;
    let parts: Uint8Array[] = [];
    let taskBytes = 0;
    let taskSelected = 0;
    /** Tasks closed while reading the current block. */
    const ready: ByteTask[] = [];
    /** Pieces of a line that goes on into the next block. */
    let carry: Buffer[] = [];
    let carryBytes = 0;

    const tooLong = (line: number) => new IoError(`cannot read ${path}: line ${line} is longer than ${MAX_LINE_TEXT} (the limit for one record)`);
    const inShard = (row: number) => !shard || row % shard.count === shard.index;

    /** The bytes taken last: one run of a buffer, extended while lines follow on in it. */
    let run: Buffer | undefined;
    let runStart = 0;
    let runEnd = 0;
    const flush = (): void => {
      if (run) parts.push(run.subarray(runStart, runEnd));
      run = undefined;
    };
    /** Add [s, stop) of `buf` to the task (a subarray per run of lines, not per line). */
    const take = (buf: Buffer, s: number, stop: number): void => {
      taskBytes += stop - s;
      if (run === buf && runEnd === s) {
        runEnd = stop;
        return;
      }
      flush();
      run = buf;
      runStart = s;
      runEnd = stop;
    };

    const close = (): void => {
      if (!task) return;
      flush();
      const bytes = new Uint8Array(taskBytes);
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
      ready.push({ ...task, bytes, lineEnd: lineEnd(), selected: taskSelected });
      task = undefined;
      parts = [];
      taskBytes = 0;
      taskSelected = 0;
    };

    /** The text of line [s, e) of `buf` as lineBatches gives it (the CR of a CRLF dropped). */
    const text = (buf: Buffer, s: number, e: number): string => {
      const line = buf.toString("utf8", s, e);
      return end !== 13 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    };

    const endRecord = (buf: Buffer, s: number, e: number): void => {
      if (!headerDone) {
        headerDone = true;
        close();
        return;
      }
      if (head.length < lookahead) head.push(text(buf, s, e));
      if (inShard(rowsSeen)) {
        selected++;
        if (task) taskSelected++;
      }
      rowsSeen++;
      if (task && (taskSelected >= rows || taskBytes >= TASK_BYTES)) close();
    };

    /** One line: [s, e) of `buf` without its line end, [s, stop) with it; `quotes` in it. */
    const line = (buf: Buffer, s: number, e: number, stop: number, quotes: number): void => {
      if (!quoted) {
        if (e === s || (buf[s]! <= 32 && blank(text(buf, s, e)))) {
          linesDone++;
          if (task) take(buf, s, stop);
          return;
        }
        recordLine = linesDone + 1;
        recordBytes = 0;
        if (!headerDone) task = { firstLine: linesDone, firstRow: -1, selectedBefore: 0 };
        else if (!task && inShard(rowsSeen)) task = { firstLine: linesDone, firstRow: rowsSeen, selectedBefore: selected };
      }
      linesDone++;
      recordBytes += stop - s;
      if (task) take(buf, s, stop);
      if (quotes % 2 === 1) quoted = !quoted;
      if (!quoted) endRecord(buf, s, e);
      else if (recordBytes > 3 * MAX_LINE_CHARS) {
        // At most 3 bytes of UTF-8 per UTF-16 unit: surely longer than MAX_LINE_CHARS characters.
        throw new IoError(`cannot read ${path}: the record at line ${recordLine} is longer than ${MAX_LINE_TEXT}`);
      }
    };

    /** A line longer than MAX_LINE_CHARS characters (bytes are at least as many) is refused. */
    const checkLength = (buf: Buffer, s: number, e: number): void => {
      if (e - s > MAX_LINE_CHARS && buf.toString("utf8", s, e).length > MAX_LINE_CHARS) throw tooLong(linesDone + 1);
    };

    for await (const block of blocksOf(path)) {
      // As lineBatches: LF ends lines for the check unless the file is CR-only.
      utf8.block(block, linesDone, end === 13 || (end === undefined && !block.includes(10)) ? 13 : 10);
      let pos = 0;
      if (first && block.length > 0) {
        first = false;
        if (block[0] === BOM[0] && block[1] === BOM[1] && block[2] === BOM[2]) pos = 3;
      }
      if (end === undefined) {
        // LF when the block holds one; CR-only when a CR is not the block's last byte (a CR there
        // may be the first half of a CRLF).
        const cr = block.indexOf(13, pos);
        if (block.indexOf(10, pos) >= 0) end = 10;
        else if (cr >= 0 && cr < block.length - 1) end = 13;
      }
      if (end !== undefined) {
        let nextQuote = csv ? block.indexOf(34, pos) : -1;
        if (nextQuote < 0) nextQuote = Infinity;
        for (let at = block.indexOf(end, pos); at >= 0; at = block.indexOf(end, pos)) {
          let quotes = 0;
          while (nextQuote < at) {
            quotes++;
            nextQuote = block.indexOf(34, nextQuote + 1);
            if (nextQuote < 0) nextQuote = Infinity;
          }
          if (carry.length > 0) {
            const whole = Buffer.concat([...carry, block.subarray(pos, at + 1)]);
            carry = [];
            carryBytes = 0;
            checkLength(whole, 0, whole.length - 1);
            line(whole, 0, whole.length - 1, whole.length, csv ? quoteBytes(whole) : 0);
          } else {
            checkLength(block, pos, at);
            line(block, pos, at, at + 1, quotes);
          }
          pos = at + 1;
        }
      }
      if (pos < block.length) {
        carry.push(block.subarray(pos));
        carryBytes += block.length - pos;
        if (carryBytes > 3 * MAX_LINE_CHARS) throw tooLong(linesDone + 1);
      }
      while (ready.length > 0) yield ready.shift()!;
    }
    utf8.end(linesDone);
    if (carry.length > 0) {
      // The last line, without a line end (a lone CR after it is a line end: dropped).
      const whole = Buffer.concat(carry);
      const e = end !== 13 && whole[whole.length - 1] === 13 ? whole.length - 1 : whole.length;
      if (e > 0) {
        checkLength(whole, 0, e);
        line(whole, 0, whole.length, whole.length, csv ? quoteBytes(whole) : 0);
      }
    }
    // A quoted cell not closed before the end: the record ends with the file (reported by the worker).
    if (quoted) endRecord(Buffer.alloc(0), 0, 0);
    close();
    while (ready.length > 0) yield ready.shift()!;
  }
  return { tasks: tasks(), rowsSeen: () => rowsSeen, head };
}
