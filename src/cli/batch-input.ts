/**
 * The input of `batch`: a CSV or NDJSON file (or standard input) read as chunks of rows, each
 * chunk column-wise: the parameter values in Float64Arrays, the record text kept as read (written
 * back unchanged), and per-row problems (a cell that is not a number, a malformed JSON line)
 * quoting what was given. No object per row on the CSV path.
 */
import { PARAM_NAMES, type ParamName } from "../params";
import { UsageError } from "./args";
import { csvCell, detectDelimiter, quoteCount, splitRecord, type Delimiter } from "./csv";
import { IoError, lineBatches, lines, MAX_LINE_CHARS, MAX_LINE_TEXT } from "./io";
import { cellValue, columnWarnings, nearMiss, type RecordFormat } from "./records";
import type { Shard } from "./job";

/** Columns a batch writes: an input holding one of them is refused (it is probably an output). */
export const RESULT_COLUMNS = ["row", "zStar", "zStarUnits", "status", "totalCost", "gainOverCurrentStock", "error"];

/** What the input holds, known after its header (CSV) or its keys (NDJSON). */
export interface InputLayout {
  format: RecordFormat;
  /** The CSV delimiter (also that of the output); `,` for NDJSON. */
  delimiter: Delimiter;
  /** CSV: the header line as read. */
  headerText: string;
  /**
   * CSV header cells, or the NDJSON keys (all records' keys for a file written as CSV; else the
   * keys of the first line that is an object).
   */
  columns: string[];
  /** The parameters the input gives, in the order of `values` in each chunk. */
  params: ParamName[];
  /** Whether a currentStock column is present. */
  hasStock: boolean;
  /** One line per column that is not a parameter. */
  warnings: string[];
}

/** A chunk of input rows, column-wise. */
export interface RowChunk {
  count: number;
  /** Input row index of each row (0 = first data row), for shards. */
  index: Float64Array;
  /** The record text as read (CSV record or NDJSON line). */
  raw: string[];
  /** One column per `InputLayout.params` entry; NaN where the row has a problem. */
  values: Float64Array[];
  /** currentStock per row (when the input has the column); NaN where missing. */
  stock: Float64Array | undefined;
  /** Rows (chunk positions) that cannot be solved, and why. */
  problems: Map<number, string>;
  /** NDJSON: the parsed object of each row (undefined for a malformed line). */
  objects: (Record<string, unknown> | undefined)[] | undefined;
}

/** Values for what a row does not give: NDJSON keys left out, blank currentStock cells. */
export interface RowDefaults {
  /** Base value of each `InputLayout.params` entry (includeGdp as 1/0). */
  params: Float64Array;
  /** The --stock flag, NaN without one (then a row without a stock gets no gain). */
  stock: number;
}

/** An open input: its layout, and its rows chunk by chunk. */
export interface BatchInput {
  layout: InputLayout;
  /**
   * Rows in `chunk`-sized chunks: only `shard`'s rows, after skipping the first `skip` of them.
   * `rowsSeen()` then gives the number of data rows in the whole input.
   */
  chunks(chunk: number, shard: Shard | undefined, skip: number, defaults: RowDefaults): AsyncGenerator<RowChunk>;
  rowsSeen(): number;
}

const STOCK = "currentStock";

/** Non-blank: a line of only blanks separates nothing and is skipped, as before. */
export const blank = (line: string) => line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === "");

function layoutOf(format: RecordFormat, columns: string[], headerText: string, delimiter: Delimiter, strict: boolean, path: string): InputLayout {
  const clash = columns.filter((c) => RESULT_COLUMNS.includes(c));
  if (clash.length > 0) {
    throw new UsageError(`--in ${path} already has the column${clash.length > 1 ? "s" : ""} ${clash.join(", ")} that batch writes (is it a batch output?); remove ${clash.length > 1 ? "them" : "it"} first`);
  }
  // A parameter column given twice (CSV headers can repeat): the first is read, both are written
  // back as they were; said on stderr, and refused under --strict.
  const twice = [...PARAM_NAMES, STOCK].filter((n) => columns.indexOf(n) !== columns.lastIndexOf(n));
  const repeated = twice.map((n) => `column ${n} appears more than once; the first is read (all are copied through)`);
  if (strict && repeated.length > 0) throw new UsageError(`--in ${path}: ${repeated[0]} (--strict refuses repeated parameter columns)`);
  // NDJSON records may each give other keys: every parameter is a column there (absent = default).
  const params = format === "ndjson" ? [...PARAM_NAMES] : PARAM_NAMES.filter((n) => columns.includes(n));
  if (!PARAM_NAMES.some((n) => columns.includes(n))) {
    const shown = columns.length > 8 ? `${columns.slice(0, 8).join(", ")}, ...` : columns.join(", ");
    // Columns that look like a parameter are named with it, as the warnings do.
    const likes = columns.flatMap((c) => {
      const like = nearMiss(c);
      return like ? [`${JSON.stringify(c)}: did you mean ${like}?`] : [];
    });
    throw new UsageError(`--in ${path}: no column names a parameter (columns: ${shown || "none"}; parameters: ${PARAM_NAMES.join(", ")})` +
      (likes.length > 0 ? `; ${likes.join("; ")}` : ""));
  }
  return {
    format, delimiter, headerText, columns, params, hasStock: columns.includes(STOCK),
    warnings: [...repeated, ...columnWarnings(columns, strict, `--in ${path}`)],
  };
}

/** The keys of every record of an NDJSON file, in first-seen order (one pass; malformed lines skipped). */
async function ndjsonKeys(path: string): Promise<string[]> {
  const keys = new Set<string>();
  for await (const line of lines(path)) {
    if (blank(line)) continue;
    // Lines that are no object are reported as invalid rows when the rows are read.
    for (const k of Object.keys(jsonObject(line) ?? {})) keys.add(k);
  }
  return [...keys];
}

/** NDJSON lines read at most to find the first object (its keys are the columns for stdin). */
export const NDJSON_LOOKAHEAD = 1000;

/** The JSON object on `line`, or undefined when the line is not JSON or not an object. */
function jsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A source of text lines, read one at a time or (CSV) as records whose quoted line ends are joined. */
interface LineReader {
  /** The next line, or undefined at the end. */
  nextLine(): Promise<string | undefined>;
  /** The next non-blank CSV record (quoted line ends joined), or undefined at the end. */
  nextRecord(): Promise<{ text: string; line: number; unterminated: boolean } | undefined>;
  /**
   * The next line when it is already buffered, non-blank and (CSV) without a quote: the common
   * case, taken without a promise per row. Undefined leaves the line to nextLine/nextRecord.
   */
  quickLine(csv: boolean): string | undefined;
  /** The number of the line read last (1 = the first line of the file). */
  lineNumber(): number;
}

/** A LineReader over `batches` of lines whose first line is line `firstLine + 1` of `path`. */
function lineReader(batches: AsyncIterator<string[]>, path: string, firstLine: number): LineReader {
  let buffer: string[] = [];
  let at = 0;
  let lineNumber = firstLine;
  const nextLine = async (): Promise<string | undefined> => {
    while (at >= buffer.length) {
      const step = await batches.next();
      if (step.done) return undefined;
      buffer = step.value;
      at = 0;
    }
    lineNumber++;
    return buffer[at++];
  };
  return {
    nextLine,
    async nextRecord() {
      let text: string | undefined;
      do text = await nextLine();
      while (text !== undefined && blank(text));
      if (text === undefined) return undefined;
      const line = lineNumber;
      if (text.indexOf('"') < 0) return { text, line, unterminated: false };
      let quotes = quoteCount(text);
      while (quotes % 2 === 1) {
        const more = await nextLine();
        if (more === undefined) return { text, line, unterminated: true };
        text += `\n${more}`;
        if (text.length > MAX_LINE_CHARS) throw new IoError(`cannot read ${path}: the record at line ${line} is longer than ${MAX_LINE_TEXT}`);
        quotes += quoteCount(more);
      }
      return { text, line, unterminated: false };
    },
    quickLine(csv) {
      if (at >= buffer.length) return undefined;
      const text = buffer[at]!;
      if (blank(text) || (csv && text.indexOf('"') >= 0)) return undefined;
      at++;
      lineNumber++;
      return text;
    },
    lineNumber: () => lineNumber,
  };
}

/** The layout of a CSV input from its header record. Throws a UsageError as openBatchInput. */
export function csvLayout(headerText: string, strict: boolean, path: string): InputLayout {
  const delimiter = detectDelimiter(headerText);
  let columns: string[];
  try {
    columns = splitRecord(headerText, delimiter);
  } catch (error) {
    throw new UsageError(`--in ${path}: the header line is not valid CSV: ${(error as Error).message}`);
  }
  return layoutOf("csv", columns, headerText, delimiter, strict, path);
}

/**
 * The layout of an NDJSON input: the keys of the first line that is an object among its first
 * `NDJSON_LOOKAHEAD` non-blank `lines` (with `allKeys`, of every record of the file `path`).
 * Throws a UsageError as openBatchInput.
 */
export async function ndjsonLayout(lines: Iterable<string>, strict: boolean, path: string, allKeys: boolean): Promise<InputLayout> {
  let keys: string[] = [];
  let seen = 0;
  for (const line of lines) {
    if (blank(line)) continue;
    seen++;
    const object = jsonObject(line);
    if (object) {
      keys = Object.keys(object);
      break;
    }
    if (seen === NDJSON_LOOKAHEAD) break;
  }
  if (allKeys && path !== "-") keys = await ndjsonKeys(path);
  if (seen === 0) throw new UsageError(`--in ${path} is empty`);
  return layoutOf("ndjson", keys, "", ",", strict, path);
}

/**
 * Open `path` (`-`: standard input) as batch input. `allKeys` (NDJSON to CSV) reads an NDJSON
 * file once first to collect every key. Throws a UsageError for an empty input, a header naming
 * no parameter, result columns in the input, or (with `strict`) a near-miss column name.
 */
export async function openBatchInput(path: string, format: RecordFormat, strict: boolean, allKeys: boolean): Promise<BatchInput> {
  const reader = lineReader(lineBatches(path), path, 0);
  let layout: InputLayout;
  /** NDJSON lines read ahead to find the keys, with their line numbers: the first rows. */
  const ahead: { text: string; line: number }[] = [];
  if (format === "csv") {
    const header = await reader.nextRecord();
    if (!header) throw new UsageError(`--in ${path} is empty (a CSV needs a header line)`);
    layout = csvLayout(header.text, strict, path);
  } else {
    // Lines before the first object (malformed, or not an object) are kept and become invalid
    // rows like any other.
    while (ahead.length < NDJSON_LOOKAHEAD) {
      let next: string | undefined;
      do next = await reader.nextLine();
      while (next !== undefined && blank(next));
      if (next === undefined) break;
      ahead.push({ text: next, line: reader.lineNumber() });
      if (jsonObject(next)) break;
    }
    layout = await ndjsonLayout(ahead.map((a) => a.text), strict, path, allKeys);
  }
  return rowReader(reader, layout, ahead, 0);
}

/**
 * The rows of `lines`, whole records of the input `path` (as read by lineBatches) that start
 * after its line `firstLine` and with its data row `firstRow`: what a worker thread reads of the
 * bytes it is given (see ./batch-bytes), with the same row indices, line numbers and messages as
 * when the whole input is read in one thread.
 */
export function rowsOfLines(lines: string[], path: string, layout: InputLayout, firstLine: number, firstRow: number): BatchInput {
  async function* one(): AsyncGenerator<string[]> {
    yield lines;
  }
  return rowReader(lineReader(one(), path, firstLine), layout, [], firstRow);
}

/** The rows `reader` holds after the header (`ahead`: NDJSON lines already read), from row `firstRow` on. */
function rowReader(reader: LineReader, layout: InputLayout, ahead: { text: string; line: number }[], firstRow: number): BatchInput {
  const { format } = layout;
  const { params } = layout;
  const columnOf = new Int32Array(layout.columns.length).fill(-1);
  params.forEach((name, j) => {
    // A duplicated parameter column: the first one counts (the others are copied through).
    const column = layout.columns.indexOf(name);
    if (column >= 0) columnOf[column] = j;
  });
  const stockAt = layout.columns.indexOf(STOCK);
  const lastUsed = Math.max(stockAt, ...params.map((n) => layout.columns.indexOf(n)));
  let rowsSeen = firstRow;

  let defaults: RowDefaults = { params: new Float64Array(params.length), stock: NaN };

  async function* chunks(size: number, shard: Shard | undefined, skip: number, given: RowDefaults): AsyncGenerator<RowChunk> {
    defaults = given;
    const fresh = (): RowChunk => ({
      count: 0, index: new Float64Array(size), raw: new Array<string>(size),
      values: params.map(() => new Float64Array(size)), stock: layout.hasStock || format === "ndjson" ? new Float64Array(size) : undefined,
      problems: new Map(), objects: format === "ndjson" ? new Array(size) : undefined,
    });
    let chunk = fresh();
    let selected = 0;
    for (;;) {
      let text: string;
      let line: number;
      let unterminated = false;
      const quick = ahead.length === 0 ? reader.quickLine(format === "csv") : undefined;
      if (quick !== undefined) {
        text = quick;
        line = reader.lineNumber();
      } else if (format === "csv") {
        const record = await reader.nextRecord();
        if (!record) break;
        ({ text, line, unterminated } = record);
      } else {
        const early = ahead.shift();
        if (early) {
          ({ text, line } = early);
        } else {
          let next: string | undefined;
          do next = await reader.nextLine();
          while (next !== undefined && blank(next));
          if (next === undefined) break;
          text = next;
          line = reader.lineNumber();
        }
      }
      const index = rowsSeen++;
      if (shard && index % shard.count !== shard.index) continue;
      if (selected++ < skip) continue;
      const r = chunk.count++;
      chunk.index[r] = index;
      chunk.raw[r] = text;
      if (format === "csv") {
        if (unterminated) {
          fail(chunk, r, `line ${line}: a quoted cell is not closed before the end of the file`);
        } else if (text.indexOf('"') < 0) {
          readPlainRecord(chunk, r, text, line);
        } else {
          let cells: string[];
          try {
            cells = splitRecord(text, layout.delimiter);
          } catch (error) {
            fail(chunk, r, `line ${line}: not valid CSV (${(error as Error).message})`);
            cells = [];
          }
          if (cells.length > 0) readCells(chunk, r, cells, line);
        }
      } else {
        readJsonRecord(chunk, r, text, line);
      }
      if (chunk.count === size) {
        yield chunk;
        chunk = fresh();
      }
    }
    if (chunk.count > 0) yield chunk;
  }

  /** Mark row `r` unsolvable (the first problem found is the one reported). */
  function fail(chunk: RowChunk, r: number, message: string): void {
    if (!chunk.problems.has(r)) chunk.problems.set(r, message);
    for (const column of chunk.values) column[r] = NaN;
    if (chunk.stock) chunk.stock[r] = NaN;
  }

  /** Read the cell of input column `column` into its parameter (or stock) column of the chunk. */
  function setCell(chunk: RowChunk, r: number, column: number, cell: unknown): void {
    const j = columnOf[column]!;
    if (j >= 0) setParam(chunk, r, j, cell);
    else if (column === stockAt) setStock(chunk, r, cell);
  }

  function setParam(chunk: RowChunk, r: number, j: number, cell: unknown): void {
    const value = cellValue(params[j]!, cell);
    if (typeof value === "number") chunk.values[j]![r] = value;
    else {
      chunk.values[j]![r] = NaN;
      if (!chunk.problems.has(r)) chunk.problems.set(r, value);
    }
  }

  /** A blank (or absent) stock takes the --stock flag, else means "no stock" (NaN, no gain). */
  function setStock(chunk: RowChunk, r: number, cell: unknown): void {
    if (!chunk.stock) return;
    if (cell === "" || cell === null || cell === undefined) {
      chunk.stock[r] = defaults.stock;
      return;
    }
    const value = cellValue(STOCK, cell);
    chunk.stock[r] = typeof value === "number" ? value : NaN;
    if (typeof value !== "number" && !chunk.problems.has(r)) chunk.problems.set(r, value);
  }

  /** The hot path: a record without quotes, cells found by indexOf, only the used ones read. */
  function readPlainRecord(chunk: RowChunk, r: number, text: string, line: number): void {
    const d = layout.delimiter;
    let width = 1;
    for (let at = text.indexOf(d); at >= 0; at = text.indexOf(d, at + 1)) width++;
    if (width !== layout.columns.length) {
      wrongWidth(chunk, r, text.split(d), line);
      return;
    }
    let start = 0;
    for (let k = 0; k <= lastUsed; k++) {
      let end = text.indexOf(d, start);
      if (end < 0) end = text.length;
      if (columnOf[k]! >= 0 || k === stockAt) setCell(chunk, r, k, text.slice(start, end));
      start = end + 1;
    }
  }

  /** A quoted record, already split by csv-parse. */
  function readCells(chunk: RowChunk, r: number, cells: string[], line: number): void {
    if (cells.length !== layout.columns.length) {
      wrongWidth(chunk, r, cells, line);
      return;
    }
    for (let k = 0; k <= lastUsed; k++) {
      if (columnOf[k]! >= 0 || k === stockAt) setCell(chunk, r, k, cells[k]);
    }
  }

  /**
   * A record with more or fewer cells than the header: an invalid row. Its cells are laid out
   * under the header (missing ones blank) so that the result columns stay aligned; cells beyond
   * the header are quoted in the error, so nothing read is lost.
   */
  function wrongWidth(chunk: RowChunk, r: number, cells: string[], line: number): void {
    const width = layout.columns.length;
    const extra = cells.slice(width);
    fail(chunk, r, `line ${line} has ${cells.length} cells where the header has ${width}` +
      (extra.length > 0 ? `; the cells beyond the header: ${extra.map((c) => JSON.stringify(c)).join(", ")}` : `; no cell for ${layout.columns.slice(cells.length).join(", ")}`));
    chunk.raw[r] = Array.from({ length: width }, (_, k) => csvCell(cells[k] ?? "", layout.delimiter)).join(layout.delimiter);
  }

  /** One NDJSON line: keys left out take the defaults; a malformed line is an invalid row. */
  function readJsonRecord(chunk: RowChunk, r: number, text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(chunk, r, `line ${line}: not valid JSON (${(error as Error).message})`);
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      fail(chunk, r, `line ${line}: not a JSON object (each line must be {"name": value, ...})`);
      return;
    }
    const object = value as Record<string, unknown>;
    chunk.objects![r] = object;
    params.forEach((name, j) => {
      if (name in object) setParam(chunk, r, j, object[name]);
      else chunk.values[j]![r] = defaults.params[j]!;
    });
    setStock(chunk, r, object[STOCK]);
  }
  return { layout, chunks, rowsSeen: () => rowsSeen };
}
