/**
 * `optimal-reserve batch`: parameter rows from CSV/NDJSON in, results out, chunk by chunk with
 * bounded memory, in input order. Each input record is written back as it was read (quoting,
 * duplicated columns and all) followed by the result cells; parameters are read column-wise into
 * typed arrays, so the hot path makes no object per row. Resume, locks, shards and progress are
 * those of ./job; `--shard i/n` writes each row's input index in a leading `row` column, which
 * `merge` uses to restore the input order.
 */
import { solveBatch, type BatchResult } from "../batch";
import type { BatchColumns } from "../columns";
import {
  BASE_PARAMS, GDP_LOSS_FORMS, PARAM_NAMES, resolveParams, toKernelValue, type ParamName, type Params,
} from "../params";
import { createPool } from "../pool/node";
import { solve } from "../solve";
import { STATUS_INVALID, STATUS_NAMES } from "../status";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parameterHelp, parse } from "./args";
import { openBatchInput, type BatchInput, type InputLayout, type RowChunk } from "./batch-input";
import { COMMON_OPTIONS, backendFrom } from "./commands";
import { csvCell, splitRecord, type Delimiter } from "./csv";
import { MAX_LINE_TEXT, lines, sameFile } from "./io";
import { fileSource, openJobOutput, progressLine, shardFrom, shardSize, SHARD_HELP, type Shard, type StreamSummary } from "./job";
import { BOOLEAN_HELP, quote, recordFormat, type RecordFormat } from "./records";

export { MERGE_HELP, mergeCommand } from "./merge";

export const BATCH_HELP = `Usage: optimal-reserve batch --in params.csv|params.ndjson|- --out results.csv|results.ndjson|- [options]

Solve every row of the input file. Columns (CSV header) or keys (NDJSON) named after API parameters
set that row's parameters; missing ones take the base case (parameter flags / --params, else the
paper's values). Each output row is the input record as it was read, then zStar (days of imports),
zStarUnits (z* x imports: units of the commodity, e.g. barrels), status, totalCost (USD/yr),
gainOverCurrentStock (only when a currentStock column or --stock is given) and error (the reason,
for invalid rows, quoting the cell). Memory stays flat for any number of rows.

Input: CSV with a header (',' ';' or tab, found from the header; the output uses the same), or
NDJSON; UTF-8 with or without a byte-order mark; LF, CRLF or CR line ends. includeGdp takes
${BOOLEAN_HELP}. Columns that are not parameters are copied through and listed on stderr, with the
parameter a misspelt one looks like. One record may be at most ${MAX_LINE_TEXT} long.

  --in FILE|-       the input (- = standard input)
  --out FILE|-      the output (- = standard output); its extension is its format. FILE is locked
                    while the job runs, and FILE.job.json records what it holds (for --resume, merge)
  --format csv|ndjson  the format of a - input or output (default csv)
  --stock z0        the current stock (days) for rows without a currentStock cell: adds
                    gainOverCurrentStock = S(z0) - S(z*) (USD/yr)
  --strict          a column that is not a parameter (or currentStock) is an error, not a warning
${SHARD_HELP}
  --chunk n         rows per kernel call and per write (default 4096)
  --workers n       solve on n worker threads (the pool); output order is unchanged
  --backend auto|wasm|js
  -h, --help

Merge shards back into input order with: optimal-reserve merge --out all.csv shard-*.csv

Exit codes: 0 every row solved; 3 finished, some rows invalid (see the error column; a resumed job
counts the whole file); 2 usage, a refused file or an I/O error (path and reason on stderr).

Parameter flags (defaults for columns the input does not have):
${parameterHelp()}`;

/** Data rows of `path` (non-blank lines after the header), for the ETA: one quick pass. */
async function countRows(path: string, format: RecordFormat, shard: Shard | undefined): Promise<number> {
  let n = 0;
  for await (const line of lines(path)) if (line.trim() !== "") n++;
  if (format === "csv") n = Math.max(0, n - 1);
  return shardSize(n, shard);
}

/** A number for a CSV cell (shortest round-trip text; empty for an invalid row). */
const csvNumber = (x: number, invalid: boolean): string => (invalid ? "" : String(x));
/** A number for NDJSON: JSON has no Infinity or NaN, so those are written as strings. */
const jsonNumber = (x: number, invalid: boolean): string => (invalid ? "null" : Number.isFinite(x) ? String(x) : `"${String(x)}"`);

/** One solved chunk, ready to format: the kernel's result, the gains, and each invalid row's reason. */
interface Solved {
  result: BatchResult;
  gain: Float64Array | undefined;
  errors: Map<number, string>;
}

/** How the rows of a batch are turned into output lines. */
interface Writer {
  header: string;
  lines(chunk: RowChunk, solved: Solved): string;
}

function makeWriter(layout: InputLayout, outFormat: RecordFormat, shard: boolean, withGain: boolean): Writer {
  const d: Delimiter = layout.format === "csv" ? layout.delimiter : ",";
  const results = ["zStar", "zStarUnits", "status", "totalCost", ...(withGain ? ["gainOverCurrentStock"] : []), "error"];
  const columns = layout.columns;
  if (outFormat === "csv") {
    const head = layout.format === "csv" ? layout.headerText : columns.map((c) => csvCell(c, d)).join(d);
    return {
      header: `${shard ? `row${d}` : ""}${head}${d}${results.join(d)}\n`,
      lines(chunk, { result, gain, errors }) {
        let text = "";
        for (let i = 0; i < chunk.count; i++) {
          const error = errors.get(i);
          const bad = error !== undefined;
          const object = chunk.objects?.[i];
          const body = layout.format === "csv" ? chunk.raw[i]! : columns.map((c) => csvCell(cellText(object?.[c]), d)).join(d);
          text += `${shard ? `${chunk.index[i]}${d}` : ""}${body}${d}${csvNumber(result.zStar[i]!, bad)}${d}${csvNumber(result.zStarUnits[i]!, bad)}${d}${STATUS_NAMES[result.status[i]!]}` +
            `${d}${csvNumber(result.totalCost[i]!, bad)}${withGain && gain ? `${d}${csvNumber(gain[i]!, bad || gain[i] !== gain[i])}` : ""}` +
            `${d}${bad ? csvCell(error, d) : ""}\n`;
        }
        return text;
      },
    };
  }
  return {
    header: "",
    lines(chunk, { result, gain, errors }) {
      let text = "";
      for (let i = 0; i < chunk.count; i++) {
        const error = errors.get(i);
        const bad = error !== undefined;
        let fields: string;
        if (layout.format === "ndjson") {
          const raw = chunk.raw[i]!.trim();
          fields = chunk.objects?.[i] ? raw.slice(1, raw.lastIndexOf("}")).trim() : `"input":${JSON.stringify(chunk.raw[i])}`;
        } else {
          const cells = splitRecord(chunk.raw[i]!, layout.delimiter);
          fields = JSON.stringify(Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? ""]))).slice(1, -1);
        }
        text += `{${shard ? `"row":${chunk.index[i]},` : ""}${fields}${fields ? "," : ""}"zStar":${jsonNumber(result.zStar[i]!, bad)},"zStarUnits":${jsonNumber(result.zStarUnits[i]!, bad)},` +
          `"status":"${STATUS_NAMES[result.status[i]!]}","totalCost":${jsonNumber(result.totalCost[i]!, bad)},` +
          `${gain && (withGain || gain[i] === gain[i] || bad) ? `"gainOverCurrentStock":${jsonNumber(gain[i]!, bad || gain[i] !== gain[i])},` : ""}"error":${JSON.stringify(error ?? "")}}\n`;
      }
      return text;
    },
  };
}

/** An NDJSON value as a CSV cell's text. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The kernel columns of a chunk: the input's parameter columns over the base values. */
function chunkColumns(chunk: RowChunk, layout: InputLayout, base: Params): BatchColumns {
  const columns: BatchColumns = {};
  for (const name of PARAM_NAMES) columns[name] = toKernelValue(name, base[name]);
  layout.params.forEach((name, j) => {
    columns[name] = chunk.values[j]!.subarray(0, chunk.count);
  });
  return columns;
}

/**
 * The reasons of a chunk's invalid rows: the input's own (a cell that is not a number, a
 * malformed line) first, then the kernel's range checks with the offending cell quoted.
 */
function rowErrors(chunk: RowChunk, layout: InputLayout, result: BatchResult): Map<number, string> {
  const errors = new Map(chunk.problems);
  for (const e of result.errors) {
    if (errors.has(e.row)) continue;
    const name = /^invalid (\w+):/.exec(e.message)?.[1] as ParamName | undefined;
    const given = name && layout.params.includes(name) ? givenCell(chunk, layout, e.row, name) : undefined;
    errors.set(e.row, given === undefined ? e.message : `${e.message}; cell: ${quote(given)}`);
  }
  return errors;
}

/** The cell an input row gives for `name` (undefined when it gives none). */
function givenCell(chunk: RowChunk, layout: InputLayout, row: number, name: string): unknown {
  if (layout.format === "ndjson") return chunk.objects?.[row]?.[name];
  try {
    return splitRecord(chunk.raw[row]!, layout.delimiter)[layout.columns.indexOf(name)];
  } catch {
    return undefined;
  }
}

/**
 * gainOverCurrentStock = S(z0) - S(z*) for the valid rows that have a stock, by solve() (the
 * library's gain, so a row equals solve(row, { currentStock })); a stock out of 0..H makes the
 * row invalid. Rows without a stock get NaN (an empty cell).
 */
function gains(chunk: RowChunk, layout: InputLayout, base: Params, stockFlag: number, result: BatchResult, errors: Map<number, string>, backend: ReturnType<typeof backendFrom>): Float64Array {
  const gain = new Float64Array(chunk.count).fill(NaN);
  for (let i = 0; i < chunk.count; i++) {
    const stock = chunk.stock ? chunk.stock[i]! : stockFlag;
    if (errors.has(i) || stock !== stock) continue;
    const params: Record<string, unknown> = { ...base };
    layout.params.forEach((name, j) => {
      const v = chunk.values[j]![i]!;
      params[name] = name === "includeGdp" ? v === 1 : name === "gdpLossForm" ? GDP_LOSS_FORMS[v] : v;
    });
    try {
      gain[i] = solve(params as Partial<Params>, { currentStock: stock, backend }).gainOverCurrentStock as number;
    } catch (error) {
      const cell = chunk.stock ? givenCell(chunk, { ...layout, params: [] }, i, "currentStock") : undefined;
      errors.set(i, `${(error as Error).message}${cell !== undefined ? `; cell: ${quote(cell)}` : ""}`);
      result.status[i] = STATUS_INVALID;
    }
  }
  return gain;
}

/**
 * `optimal-reserve batch`: solves as it reads, one chunk per kernel call (or per pool task with
 * --workers, several in flight and written strictly in input order); returns the row counts.
 */
export async function batchCommand(argv: string[]): Promise<string | StreamSummary> {
  const { values } = parse(argv, {
    ...PARAMETER_OPTIONS, ...COMMON_OPTIONS, in: { type: "string" }, out: { type: "string" }, resume: { type: "boolean" },
    shard: { type: "string" }, chunk: { type: "string" }, quiet: { type: "boolean" }, workers: { type: "string" },
    strict: { type: "boolean" }, stock: { type: "string" }, format: { type: "string" },
  });
  if (values.help) return BATCH_HELP;
  const input = values.in;
  const output = values.out;
  if (typeof input !== "string" || typeof output !== "string") throw new UsageError("batch needs --in FILE and --out FILE");
  const dashFormat = values.format === undefined ? "csv" : values.format;
  if (dashFormat !== "csv" && dashFormat !== "ndjson") throw new UsageError(`invalid --format ${JSON.stringify(values.format)}; allowed: csv, ndjson (the format of a - input or output)`);
  if (output === "-" && values.resume === true) throw new UsageError("--resume needs --out FILE (standard output cannot be continued)");
  const inFormat = recordFormat(input, "--in", dashFormat);
  const outFormat = recordFormat(output, "--out", dashFormat);
  if (sameFile(input, output)) throw new UsageError(`--out ${output} is the same file as --in ${input}; write the results to another file`);
  const shard = shardFrom(values.shard);
  const chunkRows = numberOption("chunk", values.chunk, { integer: true, min: 1 }) ?? 4096;
  const workers = numberOption("workers", values.workers, { integer: true, min: 1 });
  const base: Params = resolveParams(baseFromFlags(values), BASE_PARAMS);
  const stockFlag = numberOption("stock", values.stock, { min: 0 }) ?? NaN;
  const backend = backendFrom(values);
  const quiet = values.quiet === true;
  const showBar = !quiet && process.stderr.isTTY === true;

  const source: BatchInput = await openBatchInput(input, inFormat, values.strict === true, outFormat === "csv");
  const { layout } = source;
  if (!quiet) for (const w of layout.warnings) process.stderr.write(`optimal-reserve batch: ${w}\n`);
  // CSV: the gain column when a stock is given; NDJSON: also for any record that has currentStock.
  const withGain = layout.hasStock || stockFlag === stockFlag;
  const anyGain = withGain || inFormat === "ndjson";
  const writer = makeWriter(layout, outFormat, shard !== undefined, withGain);
  // The output's format is its extension (the same on resume); shards of one job may differ in it.
  const settings = JSON.stringify({ base, stock: values.stock ?? null, inFormat, delimiter: layout.delimiter, columns: layout.columns, backend });
  const job = { command: "batch", source: fileSource(input), settings, shard };
  const out = await openJobOutput(output, job, writer.header, values.resume === true);
  const total = showBar && input !== "-" ? await countRows(input, inFormat, shard) : 0;
  const progress = progressLine(showBar, total, out.alreadyDone);
  const pool = workers ? createPool({ workers, backend }) : undefined;
  const summary: StreamSummary = { rows: 0, invalid: 0 };
  const started = Date.now();
  const inFlight: { chunk: RowChunk; result: Promise<BatchResult> }[] = [];
  const maxInFlight = workers ? 2 * workers : 1;
  const defaults = {
    params: Float64Array.from(layout.params, (n) => toKernelValue(n, base[n])),
    stock: stockFlag,
  };

  const writeOldest = async (): Promise<void> => {
    const { chunk, result: pending } = inFlight.shift() as (typeof inFlight)[number];
    const result = await pending;
    const errors = rowErrors(chunk, layout, result);
    const gain = anyGain ? gains(chunk, layout, base, stockFlag, result, errors, backend) : undefined;
    for (const row of errors.keys()) result.status[row] = STATUS_INVALID;
    out.write(writer.lines(chunk, { result, gain, errors }), chunk.count, errors.size);
    summary.rows += chunk.count;
    summary.invalid += errors.size;
    progress.update(summary.rows);
  };

  let finished = false;
  try {
    for await (const chunk of source.chunks(chunkRows, shard, out.alreadyDone, defaults)) {
      const columns = chunkColumns(chunk, layout, base);
      inFlight.push({ chunk, result: pool ? pool.solveBatch(columns) : Promise.resolve(solveBatch(columns, { backend })) });
      while (inFlight.length >= maxInFlight) await writeOldest();
      // Let timers run between chunks: the output lock's heartbeat, the progress line.
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (inFlight.length > 0) await writeOldest();
    finished = true;
  } finally {
    await pool?.close();
    if (finished) await out.finish(source.rowsSeen());
    else await out.abandon();
  }
  progress.end();
  const invalid = summary.invalid + out.alreadyInvalid;
  if (!quiet) {
    const before = out.alreadyDone ? ` (${out.alreadyDone} already in ${output}, ${out.alreadyInvalid} of them invalid)` : "";
    summary.message = `${summary.rows} rows solved${before}, ${invalid} invalid${out.alreadyDone ? " in the whole file" : ""}, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s${workers ? ` on ${workers} worker${workers > 1 ? "s" : ""}` : ""}`;
  }
  summary.invalid = invalid;
  return summary;
}
