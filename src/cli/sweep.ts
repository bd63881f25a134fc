/**
 * `optimal-reserve sweep`: z* over the product of the --vary axes, streamed chunk by chunk to
 * stdout or (with --out) to a kill-safe, resumable file; --shard splits the grid points between
 * array jobs. Resume, shards and progress are those of ./job.
 */
import { createHash } from "node:crypto";
import { gridChunks, gridCoords, gridLayout, type GridAxes, type GridChunk, type GridLayout } from "../analysis/grid";
import type { BackendChoice } from "../backend/index";
import { readParameterText, type NumericParam, type Params } from "../params";
import { STATUS_NAMES } from "../status";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, parse } from "./args";
import { FORMAT_HELP, FORMAT_OPTIONS, loadPlotting, numbersIn, splitAssignment } from "./analysis-flags";
import { backendFrom } from "./commands";
import { openJobOutput, progressLine, shardFrom, shardSize, SHARD_HELP, type Progress, type Shard, type StreamSummary } from "./job";
import { csvCell, csvLine, formatFrom, MAX_TABLE_ROWS, render, type Format, type Row } from "./output";
import { recordFormat, type RecordFormat } from "./records";

/** The most values one --vary axis may list or span (each is kept in memory: 8 bytes a value). */
export const MAX_AXIS_VALUES = 10_000_000;

export const SWEEP_HELP = `Usage: optimal-reserve sweep --vary name=start:stop:count|name=v1,v2,... [--vary ...] [--out FILE] [parameter flags] [--format ...]

z*, status and total cost over the product of the varied parameters, streamed in chunks (memory
stays flat for any size). The last --vary changes fastest. Invalid points get status invalid and a
reason in the error column.

  --vary name=a:b:n   n values evenly spaced from a to b (inclusive)
  --vary name=v1,v2   an explicit list
  --out FILE          write to FILE (.csv or .ndjson: the extension is the format) instead of
                      stdout; kill-safe, see --resume
${SHARD_HELP}
${FORMAT_HELP}

Merge shards back into grid order with: optimal-reserve merge --out all.csv shard-*.csv

Limits: an axis holds at most ${MAX_AXIS_VALUES.toLocaleString("en-US")} values (the grid itself streams at any size);
--format table, which aligns its columns over all rows, takes at most ${MAX_TABLE_ROWS.toLocaleString("en-US")} points
(csv, ndjson and json stream).

Exit codes: 0 every point solved; 3 finished, some points invalid (see the error column); 2 usage,
a refused file or an I/O error.`;

const SWEEP_OPTIONS = {
  ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, vary: { type: "string" as const, multiple: true as const },
  out: { type: "string" as const }, resume: { type: "boolean" as const }, shard: { type: "string" as const },
  quiet: { type: "boolean" as const },
};

function axisValues(text: string): [NumericParam, number[]] {
  const [name, spec] = splitAssignment("--vary", text);
  if (spec.includes(":")) {
    const parts = spec.split(":");
    if (parts.length !== 3) throw new UsageError(`invalid --vary ${JSON.stringify(text)}: a range is start:stop:count`);
    const [a, b, n] = numbersIn("--vary", text, parts) as [number, number, number];
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid --vary ${JSON.stringify(text)}: count must be a whole number >= 1`);
    // One value cannot span start..stop: a:b:1 with a != b would silently drop b.
    if (n === 1 && a !== b) throw new UsageError(`invalid --vary ${JSON.stringify(text)}: one value cannot run from ${a} to ${b}; give a count >= 2, or ${name}=${a}`);
    if (n > MAX_AXIS_VALUES) {
      throw new UsageError(`invalid --vary ${JSON.stringify(text)}: ${n} values on one axis; the limit is ${MAX_AXIS_VALUES} (split the range over several runs or axes)`);
    }
    return [name, Array.from({ length: n }, (_, k) => (n === 1 ? a : k === n - 1 ? b : a + ((b - a) * k) / (n - 1)))];
  }
  const list = spec.split(",");
  if (list.length > MAX_AXIS_VALUES) throw new UsageError(`invalid --vary ${name}: ${list.length} values on one axis; the limit is ${MAX_AXIS_VALUES}`);
  // chokePrice also takes "none" (no choke price, Infinity) in a list.
  const none = list.map((t) => name === "chokePrice" && readParameterText(name, t) === Infinity);
  const numbers = numbersIn("--vary", text, list.filter((_, k) => !none[k]));
  let next = 0;
  return [name, list.map((_, k) => (none[k] ? Infinity : numbers[next++]!))];
}

/** Everything a sweep needs, from its flags. */
interface SweepPlan {
  base: Partial<Params>;
  axes: GridAxes;
  layout: GridLayout;
  backend: BackendChoice;
  shard: Shard | undefined;
  /** Output columns: `row` (the flat index, when sharded), the axes, then the results. */
  columns: string[];
  quiet: boolean;
}

function planSweep(values: Record<string, unknown>): SweepPlan {
  const varied = (values.vary as string[] | undefined) ?? [];
  if (varied.length === 0) throw new UsageError("sweep needs at least one --vary name=start:stop:count or name=v1,v2,...");
  const axes: GridAxes = {};
  for (const text of varied) {
    const [name, list] = axisValues(text);
    if (axes[name]) throw new UsageError(`--vary ${name} given twice`);
    axes[name] = list;
  }
  const layout = gridLayout(axes);
  const shard = shardFrom(values.shard);
  const columns = [...(shard ? ["row"] : []), ...layout.axes.map((a) => a.name), "zStar", "status", "totalCost", "error"];
  return { base: baseFromFlags(values), axes, layout, backend: backendFrom(values), shard, columns, quiet: values.quiet === true };
}

/** The plan's chunks, skipping the first `skip` points of its shard (those already written). */
function planChunks(plan: SweepPlan, skip: number): Generator<GridChunk> {
  const step = plan.shard?.count ?? 1;
  return gridChunks(plan.base, plan.axes, { backend: plan.backend, first: (plan.shard?.index ?? 0) + skip * step, step });
}

/** A number as JSON.stringify writes it (null for Infinity and NaN). */
const jsonNumber = (x: number): string => (Number.isFinite(x) ? String(x) : "null");

/** How a point is written as a JSON object: NDJSON on one line, or an item of the pretty-printed array. */
interface JsonStyle {
  open: string;
  colon: string;
  comma: string;
  close: string;
}
/** NDJSON: JSON.stringify(row). */
const NDJSON_STYLE: JsonStyle = { open: "{", colon: ":", comma: ",", close: "}\n" };
/** An item of --format json: jsonArrayItem(row), i.e. JSON.stringify(row, null, 2) indented by two, then ",\n". */
const ARRAY_ITEM_STYLE: JsonStyle = { open: "  {\n    ", colon: ": ", comma: ",\n    ", close: "\n  },\n" };

/**
 * The points [from, to) of `chunk` as CSV lines, NDJSON objects (each with its newline) or items
 * of the --format json array (each followed by ",\n"): the text csvLine, JSON.stringify and
 * jsonArrayItem write for the rows of rowsOf, built from the typed arrays without an object per
 * point (the axis values found from the flat index by the layout's strides).
 */
function chunkLines(plan: SweepPlan, chunk: GridChunk, format: RecordFormat | "json", from: number, to: number): string {
  const { axes, strides, shape } = plan.layout;
  const csv = format === "csv";
  const style = format === "json" ? ARRAY_ITEM_STYLE : NDJSON_STYLE;
  const { colon, comma } = style;
  const keys = axes.map((a) => `${JSON.stringify(a.name)}${colon}`);
  const errors = chunk.errors.length > 0 ? new Map(chunk.errors.map((e) => [e.row, e.message])) : undefined;
  let text = "";
  for (let i = from; i < to; i++) {
    const index = chunk.start + i * chunk.step;
    const invalid = errors?.get(index);
    const status = STATUS_NAMES[chunk.status[i]!]!;
    let line = plan.shard ? (csv ? `${index},` : `${style.open}"row"${colon}${index}${comma}`) : csv ? "" : style.open;
    for (let k = 0; k < axes.length; k++) {
      const value = axes[k]!.values[Math.floor(index / strides[k]!) % shape[k]!]!;
      line += csv ? `${value},` : `${keys[k]}${jsonNumber(value)}${comma}`;
    }
    if (csv) {
      text += invalid === undefined ? `${line}${chunk.zStar[i]},${status},${chunk.totalCost[i]},\n` : `${line},${status},,${csvCell(invalid)}\n`;
    } else {
      const ok = invalid === undefined;
      text += `${line}"zStar"${colon}${ok ? jsonNumber(chunk.zStar[i]!) : "null"}${comma}"status"${colon}"${status}"${comma}` +
        `"totalCost"${colon}${ok ? jsonNumber(chunk.totalCost[i]!) : "null"}${comma}"error"${colon}${ok ? '""' : JSON.stringify(invalid)}${style.close}`;
    }
  }
  return text;
}

/** One output row per point of `chunk`. */
function rowsOf(plan: SweepPlan, chunk: GridChunk): Row[] {
  const errors = new Map(chunk.errors.map((e) => [e.row, e.message]));
  return Array.from({ length: chunk.count }, (_, i) => {
    const index = chunk.start + i * chunk.step;
    const row: Row = plan.shard ? { row: index } : {};
    gridCoords(plan.layout, index).forEach((c, k) => {
      const axis = plan.layout.axes[k]!;
      row[axis.name] = axis.values[c]!;
    });
    const invalid = errors.get(index);
    row.zStar = invalid === undefined ? chunk.zStar[i]! : null;
    row.status = STATUS_NAMES[chunk.status[i]!]!;
    row.totalCost = invalid === undefined ? chunk.totalCost[i]! : null;
    row.error = invalid ?? "";
    return row;
  });
}

function progressFor(plan: SweepPlan, alreadyDone: number): Progress {
  return progressLine(!plan.quiet && process.stderr.isTTY === true, shardSize(plan.layout.size, plan.shard), alreadyDone);
}

/** Count a solved chunk into `summary` and move the progress line. */
function tally(summary: StreamSummary, progress: Progress, chunk: GridChunk): void {
  summary.rows += chunk.count;
  summary.invalid += chunk.errors.length;
  progress.update(summary.rows);
}

/**
 * `optimal-reserve sweep`: streams its rows chunk by chunk to stdout (a generator returning the
 * row counts) or to --out; with --plot (one axis, so few rows) it computes everything, writes the
 * chart, then prints.
 */
export function sweepCommand(argv: string[]): Generator<string, StreamSummary | undefined> | Promise<string | StreamSummary> {
  const { values } = parse(argv, SWEEP_OPTIONS);
  if (values.help) return Promise.resolve(SWEEP_HELP);
  const plan = planSweep(values);
  if (typeof values.out === "string") {
    if (values.format !== undefined) {
      throw new UsageError("--format sets the format of stdout; with --out the file's extension (.csv or .ndjson) does");
    }
    if (values.plot !== undefined) throw new UsageError("--plot is for a small one-axis sweep to stdout; it does not combine with --out");
    return sweepToFile(plan, values.out, values.resume === true);
  }
  if (values.resume) throw new UsageError("--resume needs --out FILE (the file to continue)");
  const format = formatFrom(values.format);
  if (typeof values.plot === "string") {
    if (plan.shard) throw new UsageError("--plot does not combine with --shard");
    return plotSweep(plan, format, values.plot);
  }
  return sweepRows(plan, format);
}

async function plotSweep(plan: SweepPlan, format: Format, file: string): Promise<string | StreamSummary> {
  if (plan.layout.axes.length !== 1) throw new UsageError("sweep --plot needs exactly one --vary axis");
  const axis = plan.layout.axes[0]!;
  const points: { x: number; zStar: number }[] = [];
  const output: string[] = [];
  // One pass: the rows printed and the points plotted come from the same chunks.
  const rows = sweepRows(plan, format, (chunk) => chunk.zStar.forEach((z, i) => points.push({ x: axis.values[chunk.start + i]!, zStar: z })));
  let step = rows.next();
  for (; !step.done; step = rows.next()) output.push(step.value);
  const { writeChart, sweepSpec } = await loadPlotting();
  await writeChart(file, sweepSpec(axis.name, points), { params: plan.base });
  process.stdout.write(`${output.filter((s) => s !== "").join("\n")}\n`);
  return step.value ?? { rows: 0, invalid: 0 };
}

/** Rows per piece of stdout: a piece's text is the memory a sweep to stdout needs beyond one chunk. */
const SLICE_ROWS = 4096;

/** The sweep's stdout, chunk by chunk; `onChunk` sees each chunk. */
function* sweepRows(plan: SweepPlan, format: Format, onChunk?: (chunk: GridChunk) => void): Generator<string, StreamSummary | undefined> {
  const { columns } = plan;
  const summary: StreamSummary = { rows: 0, invalid: 0 };
  const progress = progressFor(plan, 0);
  const finish = (): StreamSummary => {
    progress.end();
    if (summary.invalid > 0 && !plan.quiet) summary.message = `${summary.invalid} of ${summary.rows} rows invalid (see the error column)`;
    return summary;
  };
  const solved = (chunk: GridChunk): Row[] => {
    tally(summary, progress, chunk);
    onChunk?.(chunk);
    return rowsOf(plan, chunk);
  };
  if (format === "table") {
    // A table aligns its columns over all rows, so it is built whole: refused beyond a size.
    if (shardSize(plan.layout.size, plan.shard) > MAX_TABLE_ROWS) {
      throw new UsageError(`--format table takes at most ${MAX_TABLE_ROWS} points (this sweep has ${shardSize(plan.layout.size, plan.shard)}); use --format csv, ndjson or json, or --out FILE`);
    }
    const rows: Row[] = [];
    for (const chunk of planChunks(plan, 0)) for (const row of solved(chunk)) rows.push(row);
    yield render(format, columns, rows);
    return finish();
  }
  if (format === "json") {
    // The array `render` would print, a slice at a time (memory stays flat): a slice is held
    // back until the next one shows whether a comma follows its last item.
    let held: string | undefined;
    for (const chunk of planChunks(plan, 0)) {
      tally(summary, progress, chunk);
      onChunk?.(chunk);
      for (let from = 0; from < chunk.count; from += SLICE_ROWS) {
        yield held === undefined ? "[" : `${held},`;
        // Without the last item's ",\n".
        held = chunkLines(plan, chunk, "json", from, Math.min(chunk.count, from + SLICE_ROWS)).slice(0, -2);
      }
    }
    yield held === undefined ? "[]" : `${held}\n]`;
    return finish();
  }
  if (format === "csv") yield csvLine(columns);
  for (const chunk of planChunks(plan, 0)) {
    tally(summary, progress, chunk);
    onChunk?.(chunk);
    for (let from = 0; from < chunk.count; from += SLICE_ROWS) {
      // Without its last newline: the caller ends each piece with one.
      yield chunkLines(plan, chunk, format, from, Math.min(chunk.count, from + SLICE_ROWS)).slice(0, -1);
    }
  }
  return finish();
}

/** The sweep into `path`, one write per chunk; with `resume`, after the rows already there. */
async function sweepToFile(plan: SweepPlan, path: string, resume: boolean): Promise<StreamSummary> {
  const format = recordFormat(path, "--out");
  const { shard, ...rest } = plan;
  // The output's format is its extension (the same on resume); shards of one sweep may differ in it.
  const settings = JSON.stringify({ columns: plan.columns.filter((c) => c !== "row"), backend: rest.backend });
  const grid = JSON.stringify({ base: plan.base, axes: plan.layout.axes.map((a) => [a.name, Array.from(a.values)]) });
  const source = `grid sha256 ${createHash("sha256").update(grid).digest("hex")}`;
  const header = format === "csv" ? `${csvLine(plan.columns)}\n` : "";
  const out = await openJobOutput(path, { command: "sweep", source, settings, shard }, header, resume);
  const progress = progressFor(plan, out.alreadyDone);
  const summary: StreamSummary = { rows: 0, invalid: 0 };
  const started = Date.now();
  let finished = false;
  try {
    for (const chunk of planChunks(plan, out.alreadyDone)) {
      out.write(chunkLines(plan, chunk, format, 0, chunk.count), chunk.count, chunk.errors.length);
      tally(summary, progress, chunk);
      // Let timers run between chunks: the output lock's heartbeat, the progress line.
      await new Promise((resolve) => setImmediate(resolve));
    }
    finished = true;
  } finally {
    if (finished) await out.finish(plan.layout.size);
    else await out.abandon();
  }
  progress.end();
  const invalid = summary.invalid + out.alreadyInvalid;
  if (!plan.quiet) {
    summary.message = `${summary.rows} points solved${out.alreadyDone ? ` (${out.alreadyDone} already in ${path})` : ""}, ` +
      `${invalid} invalid${out.alreadyDone ? " in the whole file" : ""}, ${((Date.now() - started) / 1000).toFixed(1)} s`;
  }
  summary.invalid = invalid;
  return summary;
}
