/**
 * `optimal-reserve batch` and `merge`: parameter rows from CSV/NDJSON in, results out, row by row
 * with bounded memory (one chunk of rows at a time), in input order. Resume, shards and progress
 * are those of ./job. `--shard i/n` writes each row's input index in a `row` column, which `merge`
 * uses to restore the input order.
 */
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { solveBatch, type BatchResult } from "../batch";
import { createPool } from "../pool/node";
import type { BatchColumns } from "../columns";
import { BASE_PARAMS, PARAM_NAMES, resolveParams, type Params } from "../params";
import { STATUS_NAMES } from "../status";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parameterHelp, parse } from "./args";
import { COMMON_OPTIONS, backendFrom } from "./commands";
import { openJobOutput, progressLine, shardFrom, shardSize, SHARD_HELP, type Shard, type StreamSummary } from "./job";
import { readLines } from "./lines";
import type { Cell } from "./output";
import { formatRecord, parseRecord, recordFormat, splitCsv, type InputRecord, type RecordFormat } from "./records";

export const BATCH_HELP = `Usage: optimal-reserve batch --in params.csv|params.ndjson --out results.csv|results.ndjson [options]

Solve every row of the input file. Columns (CSV header) or keys (NDJSON) named after API parameters
set that row's parameters; missing ones take the base case (parameter flags / --params, else the
paper's values); other columns are copied through. Each output row is the input row plus zStar,
status and error (the reason, for invalid rows). Memory stays flat for any number of rows.

${SHARD_HELP}
  --chunk n         rows per kernel call and per write (default 4096)
  --workers n       solve on n worker threads (the pool); output order is unchanged
  --backend auto|wasm|js
  -h, --help

Merge shards back into input order with: optimal-reserve merge --out all.csv shard-*.csv

Exit codes: 0 every row solved; 3 finished, some rows invalid (see the error column); 2 usage.

Parameter flags (defaults for columns the input does not have):
${parameterHelp()}`;

export const MERGE_HELP = `Usage: optimal-reserve merge --out all.csv|all.ndjson shard1 shard2 ...

Merge the outputs of 'batch --shard i/n' or 'sweep --shard i/n' (all n of them) into one file in
input (or grid) order, without the 'row' column: the same file an unsharded run writes.`;

interface Pending {
  row: number;
  record: InputRecord;
}

/** Rows of the selected input after the header (for the ETA; one cheap pass over the file). */
function countRows(path: string, format: RecordFormat, shard: Shard | undefined): number {
  let n = 0;
  for (const line of readLines(path)) if (line.trim() !== "") n++;
  if (format === "csv") n = Math.max(0, n - 1);
  return shardSize(n, shard);
}

/**
 * `optimal-reserve batch`: solves as it reads, one chunk per kernel call (or per pool task with
 * --workers, several in flight and written strictly in input order); returns the row counts.
 */
export async function batchCommand(argv: string[]): Promise<string | StreamSummary> {
  const { values } = parse(argv, {
    ...PARAMETER_OPTIONS, ...COMMON_OPTIONS, in: { type: "string" }, out: { type: "string" }, resume: { type: "boolean" },
    shard: { type: "string" }, chunk: { type: "string" }, quiet: { type: "boolean" }, workers: { type: "string" },
  });
  if (values.help) return BATCH_HELP;
  const input = values.in;
  const output = values.out;
  if (typeof input !== "string" || typeof output !== "string") throw new UsageError("batch needs --in FILE and --out FILE");
  if (!existsSync(input)) throw new UsageError(`--in ${input}: no such file`);
  const inFormat = recordFormat(input, "--in");
  const outFormat = recordFormat(output, "--out");
  const shard = shardFrom(values.shard);
  const chunk = numberOption("chunk", values.chunk, { integer: true, min: 1 }) ?? 4096;
  const workers = numberOption("workers", values.workers, { integer: true, min: 1 });
  const base: Params = resolveParams(baseFromFlags(values), BASE_PARAMS);
  const backend = backendFrom(values);
  const quiet = values.quiet === true;
  const showBar = !quiet && process.stderr.isTTY === true;

  const lines = readLines(input);
  let header: string[] = [];
  if (inFormat === "csv") {
    const first = lines.next();
    if (first.done) throw new UsageError(`--in ${input} is empty (a CSV needs a header line)`);
    header = splitCsv(first.value);
  }
  const extra = ["zStar", "status", "error"];
  const columns = [...(shard ? ["row"] : []), ...header.filter((h) => !extra.includes(h) && h !== "row"), ...extra];
  const total = showBar ? countRows(input, inFormat, shard) : 0;

  const out = openJobOutput(output, outFormat, columns, values.resume === true);
  const alreadyDone = out.alreadyDone;
  const progress = progressLine(showBar, total, alreadyDone);
  const pool = workers ? createPool({ workers, backend }) : undefined;
  const summary: StreamSummary = { rows: 0, invalid: 0 };
  const started = Date.now();
  const inFlight: { rows: Pending[]; result: Promise<BatchResult> }[] = [];
  const maxInFlight = workers ? 2 * workers : 1;

  const submit = (rows: Pending[]): void => {
    const cols: BatchColumns = { ...baseColumns(base) };
    for (const name of PARAM_NAMES) {
      if (!rows.some((p) => name in p.record.params)) continue;
      const fallback = name === "includeGdp" ? (base.includeGdp ? 1 : 0) : base[name];
      cols[name] = Float64Array.from(rows, (p) => p.record.params[name] ?? fallback);
    }
    const result = pool ? pool.solveBatch(cols) : Promise.resolve(solveBatch(cols, { backend }));
    inFlight.push({ rows, result });
  };
  const writeOldest = async (): Promise<void> => {
    const job = inFlight.shift() as { rows: Pending[]; result: Promise<BatchResult> };
    const solved = await job.result;
    const errors = new Map(solved.errors.map((e) => [e.row, e.message]));
    const lines = job.rows.map((p, i) => {
      const error = errors.get(i);
      const record: Record<string, Cell> = {
        ...(shard ? { row: p.row } : {}), ...p.record.fields,
        zStar: error === undefined ? solved.zStar[i]! : null, status: STATUS_NAMES[solved.status[i]!]!, error: error ?? "",
      };
      return formatRecord(outFormat, columns, record);
    });
    out.writeLines(lines);
    summary.rows += job.rows.length;
    summary.invalid += errors.size;
    progress.update(summary.rows);
  };

  try {
    let index = -1;
    let selected = 0;
    let pending: Pending[] = [];
    for (const line of lines) {
      if (line.trim() === "") continue;
      index++;
      if (shard && index % shard.count !== shard.index) continue;
      if (selected++ < alreadyDone) continue;
      pending.push({ row: index, record: parseRecord(inFormat, line, header) });
      if (pending.length >= chunk) {
        submit(pending);
        pending = [];
        while (inFlight.length >= maxInFlight) await writeOldest();
      }
    }
    if (pending.length > 0) submit(pending);
    while (inFlight.length > 0) await writeOldest();
  } finally {
    out.close();
    await pool?.close();
  }
  progress.end();
  if (!quiet) {
    summary.message = `${summary.rows} rows solved${alreadyDone ? ` (${alreadyDone} already in ${output})` : ""}, ` +
      `${summary.invalid} invalid, ${((Date.now() - started) / 1000).toFixed(1)} s${workers ? ` on ${workers} worker${workers > 1 ? "s" : ""}` : ""}`;
  }
  return summary;
}

function baseColumns(base: Params): BatchColumns {
  const cols: BatchColumns = {};
  for (const name of PARAM_NAMES) cols[name] = base[name];
  return cols;
}

/** `optimal-reserve merge`: k-way merge of shard outputs by their `row` column. */
export function* mergeCommand(argv: string[]): Generator<string, StreamSummary | undefined> {
  const { values, positionals } = parse(argv, { out: { type: "string" }, help: { type: "boolean", short: "h" } }, true);
  if (values.help) {
    yield MERGE_HELP;
    return undefined;
  }
  if (typeof values.out !== "string" || positionals.length === 0) throw new UsageError("merge needs --out FILE and the shard files");
  const outFormat = recordFormat(values.out, "--out");
  const sources = positionals.map((path) => {
    const format = recordFormat(path, "shard");
    const lines = readLines(path);
    const header = format === "csv" ? splitCsv((lines.next().value as string | undefined) ?? "") : [];
    const next = (): { row: number; fields: Record<string, Cell> } | undefined => {
      for (;;) {
        const step = lines.next();
        if (step.done) return undefined;
        if (step.value.trim() === "") continue;
        const cells = format === "csv" ? splitCsv(step.value) : [];
        const fields = format === "csv"
          ? Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ""]))
          : (JSON.parse(step.value) as Record<string, Cell>);
        return { row: Number(fields.row), fields };
      }
    };
    return { header, head: next(), next };
  });
  // Columns from the first CSV header, else (all NDJSON) from the first record's keys.
  const header = sources.find((s) => s.header.length > 0)?.header ?? Object.keys(sources.find((s) => s.head)?.head?.fields ?? {});
  const columns = header.filter((h) => h !== "row");
  const fd = openSync(values.out, "w");
  let rows = 0;
  try {
    if (outFormat === "csv") writeSync(fd, `${columns.join(",")}\n`);
    for (;;) {
      let best: (typeof sources)[number] | undefined;
      for (const s of sources) if (s.head && (!best?.head || s.head.row < best.head.row)) best = s;
      if (!best?.head) break;
      const { row: _row, ...fields } = best.head.fields;
      writeSync(fd, `${formatRecord(outFormat, columns, fields)}\n`);
      rows++;
      best.head = best.next();
    }
  } finally {
    closeSync(fd);
  }
  return { rows, invalid: 0 };
}
