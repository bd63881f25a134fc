/** solveBatch: many parameter sets in, typed arrays out, one kernel call per chunk. */
import { getBackend, type BackendChoice, type BackendName } from "./backend/index";
import { OUTPUT_COLUMNS } from "./backend/types";
import { CHUNK_ROWS } from "./backend/wasm";
import { checkBackend, checkOptions } from "./rules";
import { PARAM_NAMES } from "./params";
import { prepareColumns, type BatchColumns, type RowError } from "./columns";
import { STATUS_INVALID, STATUS_NAMES } from "./status";

export interface BatchOptions {
  backend?: BackendChoice;
}

/** Column-wise results of solveBatch; row i belongs to input row i. */
export interface BatchResult {
  /** z* (days of imports); NaN for invalid rows. */
  zStar: Float64Array;
  /**
   * z* in units of the commodity: zStar × imports of the row (days × units/day = units, e.g.
   * barrels for oil; bit for bit solve()'s zStarUnits); NaN for invalid rows.
   */
  zStarUnits: Float64Array;
  /** Status code per row; the name of code k is statusNames[k] (4 = invalid). */
  status: Uint8Array;
  /** MB(z*) (USD/yr per day); NaN for invalid rows. */
  marginalBenefit: Float64Array;
  /** MC (USD/yr per day); NaN for invalid rows. */
  marginalCost: Float64Array;
  /** S(z*) (USD/yr); NaN for invalid rows. */
  totalCost: Float64Array;
  /** One entry per invalid row, naming the parameter, the value and the allowed range. */
  errors: RowError[];
  backend: BackendName;
  statusNames: typeof STATUS_NAMES;
}

/** The per-row outputs of a run of rows (a BatchResult, or a worker's answer for its rows). */
export type BatchRows = Omit<BatchResult, "backend" | "statusNames">;

/** A BatchResult of `length` rows, all zero, for runs of rows to be placed into (placeRows). */
export function emptyBatchResult(length: number, backend: BackendName): BatchResult {
  return {
    zStar: new Float64Array(length), zStarUnits: new Float64Array(length), status: new Uint8Array(length), marginalBenefit: new Float64Array(length),
    marginalCost: new Float64Array(length), totalCost: new Float64Array(length), errors: [], backend, statusNames: STATUS_NAMES,
  };
}

/**
 * Copy the rows of `part` into `whole` from row `at` on, its errors' rows shifted by `at` (the
 * pool's workers and the page's chunked main-thread run assemble one result this way).
 */
export function placeRows(whole: BatchResult, part: BatchRows, at: number): void {
  whole.zStar.set(part.zStar, at);
  whole.zStarUnits.set(part.zStarUnits, at);
  whole.status.set(part.status, at);
  whole.marginalBenefit.set(part.marginalBenefit, at);
  whole.marginalCost.set(part.marginalCost, at);
  whole.totalCost.set(part.totalCost, at);
  for (const e of part.errors) whole.errors.push({ row: e.row + at, message: e.message });
}

/**
 * Solve every row of `columns` (docs/model.md, "Parameters" names; arrays of one common length, or
 * scalars broadcast to every row; missing names take the paper's base values).
 *
 * Method: rows go to the kernel in chunks of CHUNK_ROWS through fixed scratch arrays (one
 * boundary crossing per chunk, nothing allocated per row); row i equals solve(row i) bit for
 * bit on the same backend. Invalid rows get status `invalid` (code 4), NaN outputs and an entry
 * in `errors`; every other row is solved.
 */
export function solveBatch(columns: BatchColumns, options: BatchOptions = {}): BatchResult {
  const backend = getBackend(checkBackend(checkOptions("options", options).backend));
  const { length, columns: inputs, errors } = prepareColumns(columns);
  const result: BatchResult = {
    zStar: new Float64Array(length),
    zStarUnits: new Float64Array(length),
    status: new Uint8Array(length),
    marginalBenefit: new Float64Array(length),
    marginalCost: new Float64Array(length),
    totalCost: new Float64Array(length),
    errors,
    backend: backend.name,
    statusNames: STATUS_NAMES,
  };
  const chunk = Math.min(CHUNK_ROWS, Math.max(length, 1));
  const scratch = Array.from({ length: OUTPUT_COLUMNS }, () => new Float64Array(chunk));
  const [z, status, mb, mc, , total] = scratch as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  // Only the columns returned are requested from the kernel.
  const wanted = [z, status, mb, mc, undefined, total, undefined, undefined];
  const flags = inputs[inputs.length - 1]!;
  const imports = inputs[PARAM_NAMES.indexOf("imports")]!;
  for (let start = 0; start < length; start += chunk) {
    const n = Math.min(chunk, length - start);
    backend.solve(inputs, wanted, start, n);
    result.zStar.set(z.subarray(0, n), start);
    result.marginalBenefit.set(mb.subarray(0, n), start);
    result.marginalCost.set(mc.subarray(0, n), start);
    result.totalCost.set(total.subarray(0, n), start);
    for (let i = 0; i < n; i++) result.status[start + i] = status[i]!;
    if (typeof flags !== "number") {
      for (let i = 0; i < n; i++) {
        if (flags[start + i] !== 0) continue;
        const r = start + i;
        result.status[r] = STATUS_INVALID;
        result.zStar[r] = NaN;
        result.marginalBenefit[r] = NaN;
        result.marginalCost[r] = NaN;
        result.totalCost[r] = NaN;
      }
    }
    // NaN z* (invalid rows) gives NaN units.
    for (let r = start; r < start + n; r++) result.zStarUnits[r] = result.zStar[r]! * (typeof imports === "number" ? imports : imports[r]!);
  }
  return result;
}
