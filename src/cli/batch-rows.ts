/**
 * One chunk of `batch` rows solved and formatted: the kernel on the chunk's columns, the reasons
 * of its invalid rows, the gains over the current stock, and the output lines (each input record
 * as it was read, then the result cells). The same code runs in the main thread and, with
 * --workers, in each worker (./batch-worker), so both write the same bytes.
 */
import type { BackendChoice } from "../backend/index";
import { solveBatch, type BatchResult } from "../batch";
import type { BatchColumns } from "../columns";
import { GDP_LOSS_FORMS, PARAM_NAMES, toKernelValue, type ParamName, type Params } from "../params";
import { solve } from "../solve";
import { STATUS_INVALID, STATUS_NAMES } from "../status";
import type { InputLayout, RowChunk } from "./batch-input";
import { csvCell, splitRecord, type Delimiter } from "./csv";
import { quote, type RecordFormat } from "./records";

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
        // The gain key is on every row when the output has the column, else on the rows with a
        // stock (a bad row's as null): never on some bad rows only.
        const gainKey = gain && (withGain || gain[i] === gain[i] || (bad && chunk.objects?.[i]?.currentStock !== undefined));
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
          `${gainKey ? `"gainOverCurrentStock":${jsonNumber(gain[i]!, bad || gain[i] !== gain[i])},` : ""}"error":${JSON.stringify(error ?? "")}}\n`;
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
function gains(chunk: RowChunk, layout: InputLayout, base: Params, stockFlag: number, result: BatchResult, errors: Map<number, string>, backend: BackendChoice): Float64Array {
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

/** What solving and formatting a batch's rows depends on (plain data: it is sent to each worker). */
export interface RowJob {
  layout: InputLayout;
  outFormat: RecordFormat;
  /** Parameters for the columns the input does not give. */
  base: Params;
  /** The --stock flag (days), NaN without one. */
  stockFlag: number;
  backend: BackendChoice;
  /** Whether a leading `row` column (the input row index) is written: --shard. */
  rowColumn: boolean;
  /** Whether the output has the gainOverCurrentStock column (CSV). */
  withGain: boolean;
}

/** A batch's output: its header line ("" for NDJSON), and `solve`, a chunk's lines and invalid rows. */
export interface ChunkSolver {
  header: string;
  solve(chunk: RowChunk): { text: string; invalid: number };
}

/** The ChunkSolver of `job`. */
export function chunkSolver(job: RowJob): ChunkSolver {
  const { layout, base, stockFlag, backend } = job;
  const writer = makeWriter(layout, job.outFormat, job.rowColumn, job.withGain);
  // NDJSON records may each give a currentStock, so their gains are computed whatever the header.
  const anyGain = job.withGain || layout.format === "ndjson";
  return {
    header: writer.header,
    solve(chunk) {
      const result = solveBatch(chunkColumns(chunk, layout, base), { backend });
      const errors = rowErrors(chunk, layout, result);
      const gain = anyGain ? gains(chunk, layout, base, stockFlag, result, errors, backend) : undefined;
      for (const row of errors.keys()) result.status[row] = STATUS_INVALID;
      return { text: writer.lines(chunk, { result, gain, errors }), invalid: errors.size };
    },
  };
}
