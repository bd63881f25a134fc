/**
 * `optimal-reserve batch`: parameter rows from CSV/NDJSON in, results out, chunk by chunk with
 * bounded memory, in input order. Each input record is written back as it was read (quoting,
 * duplicated columns and all) followed by the result cells; parameters are read column-wise into
 * typed arrays, so the hot path makes no object per row. Resume, locks, shards and progress are
 * those of ./job; `--shard i/n` writes each row's input index in a leading `row` column, which
 * `merge` uses to restore the input order.
 */
import { BASE_PARAMS, resolveParams, toKernelValue, type Params } from "../params";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parameterHelp, parse } from "./args";
import { openBatchInput } from "./batch-input";
import { chunkSolver, type RowJob } from "./batch-rows";
import { openWorkerInput, solveInWorkers } from "./batch-workers";
import { COMMON_OPTIONS, backendFrom } from "./commands";
import { MAX_LINE_TEXT, lines, sameFile } from "./io";
import { fileSource, openJobOutput, progressLine, shardFrom, shardSize, SHARD_HELP, type Shard, type StreamSummary } from "./job";
import { BOOLEAN_HELP, recordFormat, type RecordFormat } from "./records";
import { templateFrom, unitsLabel } from "./template-flags";

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
  --workers n       read, solve and format on n worker threads (the main thread only moves
                    bytes); the output is the same, byte for byte
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

/**
 * `optimal-reserve batch`: solves as it reads, one chunk per kernel call; with --workers the
 * chunks are read, solved and formatted in worker threads (./batch-workers), several in flight
 * and written strictly in input order. Returns the row counts.
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

  const strict = values.strict === true;
  // With --workers the main thread only cuts the input into records' bytes (./batch-workers).
  const source = workers
    ? await openWorkerInput(input, inFormat, strict, outFormat === "csv", chunkRows, shard)
    : await openBatchInput(input, inFormat, strict, outFormat === "csv");
  const { layout } = source;
  if (!quiet) for (const w of layout.warnings) process.stderr.write(`optimal-reserve batch: ${w}\n`);
  // CSV: the gain column when a stock is given (NDJSON: also for any record that has currentStock).
  const rowJob: RowJob = { layout, outFormat, base, stockFlag, backend, rowColumn: shard !== undefined, withGain: layout.hasStock || stockFlag === stockFlag };
  const solver = chunkSolver(rowJob);
  // The output's format is its extension (the same on resume); shards of one job may differ in it.
  const settings = JSON.stringify({ base, stock: values.stock ?? null, inFormat, delimiter: layout.delimiter, columns: layout.columns, backend });
  const job = { command: "batch", source: fileSource(input), settings, shard };
  const out = await openJobOutput(output, job, solver.header, values.resume === true);
  const total = showBar && input !== "-" ? await countRows(input, inFormat, shard) : 0;
  const progress = progressLine(showBar, total, out.alreadyDone);
  const summary: StreamSummary = { rows: 0, invalid: 0 };
  const started = Date.now();
  const defaults = {
    params: Float64Array.from(layout.params, (n) => toKernelValue(n, base[n])),
    stock: stockFlag,
  };
  const write = (text: string | Uint8Array, rows: number, invalid: number): void => {
    out.write(text, rows, invalid);
    summary.rows += rows;
    summary.invalid += invalid;
    progress.update(summary.rows);
  };

  let finished = false;
  try {
    if ("tasks" in source) {
      await solveInWorkers(workers!, { job: rowJob, path: input, shard, defaults }, out.alreadyDone, source.tasks, write);
    } else {
      for await (const chunk of source.chunks(chunkRows, shard, out.alreadyDone, defaults)) {
        const { text, invalid } = solver.solve(chunk);
        write(text, chunk.count, invalid);
        // Let timers run between chunks: the output lock's heartbeat, the progress line.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    finished = true;
  } finally {
    if (finished) await out.finish(source.rowsSeen());
    else await out.abandon();
  }
  progress.end();
  const invalid = summary.invalid + out.alreadyInvalid;
  if (!quiet) {
    const before = out.alreadyDone ? ` (${out.alreadyDone} already in ${output}, ${out.alreadyInvalid} of them invalid)` : "";
    summary.message = `${summary.rows} rows solved${before}, ${invalid} invalid${out.alreadyDone ? " in the whole file" : ""}, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s${workers ? ` on ${workers} worker${workers > 1 ? "s" : ""}` : ""}` +
      // With --template, what the zStarUnits column counts (the file's header cannot say it).
      (templateFrom(values) === undefined ? "" : `; zStarUnits in ${unitsLabel(values)}`);
  }
  summary.invalid = invalid;
  return summary;
}
