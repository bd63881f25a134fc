/** grid(): z* over the Cartesian product of parameter axes, whole or streamed in chunks. */
import { getBackend } from "../backend/index";
import { solveBatch } from "../batch";
import type { BatchColumns, RowError } from "../columns";
import { makeMeta, type Meta } from "../meta";
import { resolveParams, type NumericParam, type Params } from "../params";
import { checkInteger, checkOptions, invalid } from "../rules";
import type { SolveOptions } from "../solve";
import { STATUS_NAMES } from "../status";
import { checkSolveOptions, scalarColumns } from "./base";
import { assertNumericName, numberList } from "./sensitivity";

/** Axes: parameter name -> the values it takes. */
export type GridAxes = Partial<Record<NumericParam, readonly number[] | Float64Array>>;

export interface GridAxis {
  name: NumericParam;
  values: Float64Array;
}

/**
 * Layout of a grid: flat index i = sum_k coords[k] * strides[k], the last axis fastest
 * (row-major), so point i has axes[k].values[coords[k]].
 */
export interface GridLayout {
  axes: GridAxis[];
  shape: number[];
  strides: number[];
  size: number;
}

export interface GridChunk {
  /** Flat index of the chunk's first point. */
  start: number;
  /** Flat-index distance between the chunk's points (1 unless GridOptions.step says otherwise). */
  step: number;
  count: number;
  zStar: Float64Array;
  status: Uint8Array;
  totalCost: Float64Array;
  /** Invalid points, with row = flat index. */
  errors: RowError[];
  /** Provenance of the whole grid (the same object on every chunk). */
  meta: Meta;
}

export interface GridResult extends GridLayout {
  zStar: Float64Array;
  status: Uint8Array;
  statusNames: typeof STATUS_NAMES;
  totalCost: Float64Array;
  errors: RowError[];
  meta: Meta;
}

export interface GridOptions extends SolveOptions {
  /** Points per chunk for gridChunks (default 65536). */
  chunkSize?: number;
  /**
   * gridChunks only: stream the points first, first + step, first + 2 step, ... (flat indices;
   * defaults 0 and 1). A shard i of n is first = i, step = n; resuming skips ahead in first.
   */
  first?: number;
  step?: number;
}

/** Largest grid that grid() holds in memory at once; beyond, stream it with gridChunks(). */
export const MAX_IN_MEMORY_GRID = 50_000_000;

/** Throw unless the grid fits in memory (MAX_IN_MEMORY_GRID points). */
export function checkGridSize(layout: GridLayout): void {
  if (layout.size > MAX_IN_MEMORY_GRID) {
    throw invalid("axes", `${layout.shape.join(" x ")} = ${layout.size} points`,
      `at most ${MAX_IN_MEMORY_GRID} points in memory; stream larger grids with gridChunks()`);
  }
}

/** The layout (shape, strides, size) of the product of `axes`, in the order given. */
export function gridLayout(axes: GridAxes): GridLayout {
  checkOptions("axes", axes);
  const list: GridAxis[] = Object.entries(axes).map(([name, values]) => {
    assertNumericName(name);
    return { name, values: numberList(name, values, `axis ${name}`) };
  });
  if (list.length === 0) throw invalid("axes", axes, "at least one axis: { name: [values] }");
  const shape = list.map((a) => a.values.length);
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  return { axes: list, shape, strides, size: shape.reduce((a, b) => a * b, 1) };
}

/** Flat index of the point with per-axis indices `coords`. */
export function gridIndex(layout: Pick<GridLayout, "shape" | "strides">, coords: readonly number[]): number {
  if (!Array.isArray(coords) || coords.length !== layout.shape.length) {
    throw invalid("coords", coords, `${layout.shape.length} whole numbers, one per axis`);
  }
  let index = 0;
  coords.forEach((c, k) => {
    index += checkInteger(`coords[${k}]`, c, 0, layout.shape[k]! - 1) * layout.strides[k]!;
  });
  return index;
}

/** Per-axis indices of the flat index `index`. */
export function gridCoords(layout: Pick<GridLayout, "shape" | "strides">, index: number): number[] {
  const size = layout.shape.reduce((a, b) => a * b, 1);
  checkInteger("index", index, 0, size - 1);
  return layout.strides.map((s, k) => Math.floor(index / s) % layout.shape[k]!);
}

/**
 * Batch columns for the `count` grid points start, start + step, ...: the axes' values, the rest
 * scalars.
 */
export function gridChunkColumns(layout: GridLayout, scalars: BatchColumns, start: number, count: number, step = 1): BatchColumns {
  const columns = { ...scalars };
  layout.axes.forEach((axis, k) => {
    const col = new Float64Array(count);
    const stride = layout.strides[k]!;
    const n = layout.shape[k]!;
    for (let i = 0; i < count; i++) col[i] = axis.values[Math.floor((start + i * step) / stride) % n]!;
    columns[axis.name] = col;
  });
  return columns;
}

/**
 * Stream the grid in chunks of `chunkSize` points: only one chunk's columns and results exist
 * at a time, so a 10^8-point grid never sits in memory. Chunks come in flat-index order; with
 * `first` and `step` only every step-th point from `first` on (a shard, or the rest of one).
 */
export function gridChunks(base: Partial<Params>, axes: GridAxes, options: GridOptions = {}): Generator<GridChunk> {
  const p = resolveParams(base);
  const o = checkSolveOptions(options);
  const layout = gridLayout(axes);
  const chunkSize = checkInteger("chunkSize", o.chunkSize ?? 65536, 1);
  const first = checkInteger("first", o.first ?? 0, 0);
  const step = checkInteger("step", o.step ?? 1, 1);
  const solveOptions = { backend: o.backend };
  // Arguments are checked above, when gridChunks is called, not at the first next().
  const meta = makeMeta(getBackend(o.backend).name, p);
  return chunksOf(layout, scalarColumns(p), first, step, chunkSize, solveOptions, meta);
}

function* chunksOf(
  layout: GridLayout, scalars: BatchColumns, first: number, step: number, chunkSize: number, solveOptions: SolveOptions, meta: Meta,
): Generator<GridChunk> {
  for (let start = first; start < layout.size; start += chunkSize * step) {
    const count = Math.min(chunkSize, Math.ceil((layout.size - start) / step));
    const r = solveBatch(gridChunkColumns(layout, scalars, start, count, step), solveOptions);
    yield {
      start, step, count, zStar: r.zStar, status: r.status, totalCost: r.totalCost,
      errors: r.errors.map((e) => ({ row: start + e.row * step, message: e.message })),
      meta,
    };
  }
}

/**
 * z*, status and S(z*) at every point of the product of `axes` (other parameters at `base`),
 * in flat-index order (see GridLayout). Up to MAX_IN_MEMORY_GRID points; stream larger grids
 * with gridChunks().
 */
export function grid(base: Partial<Params>, axes: GridAxes, options: GridOptions = {}): GridResult {
  const p = resolveParams(base);
  const o = checkSolveOptions(options);
  const layout = gridLayout(axes);
  checkGridSize(layout);
  const zStar = new Float64Array(layout.size);
  const status = new Uint8Array(layout.size);
  const totalCost = new Float64Array(layout.size);
  const errors: RowError[] = [];
  for (const chunk of gridChunks(p, axes, { ...o, first: 0, step: 1 })) {
    zStar.set(chunk.zStar, chunk.start);
    status.set(chunk.status, chunk.start);
    totalCost.set(chunk.totalCost, chunk.start);
    errors.push(...chunk.errors);
  }
  const backend = getBackend(o.backend).name;
  return { ...layout, zStar, status, statusNames: STATUS_NAMES, totalCost, errors, meta: makeMeta(backend, p) };
}
