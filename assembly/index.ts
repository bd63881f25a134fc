/**
 * WebAssembly entry point. The kernel lives in kernel/ (portable TypeScript shared with the
 * JavaScript fallback); this file only adds the batch driver over a fixed region of linear
 * memory, so a whole chunk of cases crosses the JS/WASM boundary in one call.
 *
 * Memory layout (all f64, column-major, `capacity` rows per column), from layoutBase(): the
 * INPUT_COLUMNS input columns of kernel/layout.ts (parameters, then the solve flag), then the
 * OUTPUT_COLUMNS output columns. kernelLayout() lets the host check that contract at load.
 * Nothing is allocated per call: the runtime is the stub, the kernel's tables are allocated once at
 * start, and the region starts past them (layoutBase).
 */
import {
  evaluateLoaded, loadCase, outBenefit, outCost, outIterations, outNetBenefit, outSlope,
  outStatus, outTotalCost, outZStar, solveLoaded,
} from "./kernel/api";
import {
  FLAG_COLUMN, INPUT_COLUMNS, KERNEL_PARAMETERS, LAYOUT_VERSION, OUTPUT_COLUMNS, OUT_ITERATIONS,
  OUT_MARGINAL_BENEFIT, OUT_MARGINAL_COST, OUT_NET_BENEFIT, OUT_SLOPE, OUT_STATUS, OUT_TOTAL_COST,
  OUT_Z_STAR, P_ELASTICITY, P_FIXED_COST, P_GDP, P_GDP_ELASTICITY, P_HORIZON, P_IMPORTS,
  P_IMPORT_DEPENDENCE, P_INCLUDE_GDP, P_INTEREST_RATE, P_MEAN_DISRUPTION, P_PRICE, P_PRICE_FLOOR,
  P_VARIABLE_COST, P_EVENT_PROBABILITY, P_CHOKE_PRICE, P_GDP_LOSS_FORM,
} from "./kernel/layout";

const PAGE_BYTES: usize = 65536;

/**
 * The row contract as numbers, for the host's load-time check: item 0 the layout version,
 * 1 the parameter count, 2 the flag column, 3 the input columns, 4 the output columns, 5.. the
 * output indices (zStar, status, MB, MC, MB', S, W, iterations); -1 past the end.
 */
export function kernelLayout(item: i32): i32 {
  if (item == 0) return LAYOUT_VERSION;
  if (item == 1) return KERNEL_PARAMETERS;
  if (item == 2) return FLAG_COLUMN;
  if (item == 3) return INPUT_COLUMNS;
  if (item == 4) return OUTPUT_COLUMNS;
  if (item == 5) return OUT_Z_STAR;
  if (item == 6) return OUT_STATUS;
  if (item == 7) return OUT_MARGINAL_BENEFIT;
  if (item == 8) return OUT_MARGINAL_COST;
  if (item == 9) return OUT_SLOPE;
  if (item == 10) return OUT_TOTAL_COST;
  if (item == 11) return OUT_NET_BENEFIT;
  if (item == 12) return OUT_ITERATIONS;
  return -1;
}

/**
 * The end of the kernel's own data: its fixed-size tables (kernel/fast/tables.ts and the state
 * arrays beside it) are allocated on the stub heap when the module starts, before this file's own
 * initialisers run, so one more allocation marks where they end.
 */
const kernelDataEnd: usize = heap.alloc(16) + 16;

/** Byte offset of column 0 (16-byte aligned, just past the static data and the kernel's tables). */
export function layoutBase(): usize {
  return (kernelDataEnd + 15) & ~(<usize>15);
}

/** Grow memory so that `capacity` rows fit; returns false if the host refused to grow. */
export function reserve(capacity: i32): bool {
  const end: usize = layoutBase() + <usize>(INPUT_COLUMNS + OUTPUT_COLUMNS) * <usize>capacity * 8;
  const have: usize = <usize>memory.size() * PAGE_BYTES;
  if (end <= have) return true;
  const pages: i32 = <i32>((end - have + PAGE_BYTES - 1) / PAGE_BYTES);
  return memory.grow(pages) >= 0;
}

@inline function column(k: i32, capacity: i32): usize {
  return layoutBase() + <usize>k * <usize>capacity * 8;
}

@inline function read(k: i32, capacity: i32, row: i32): f64 {
  return load<f64>(column(k, capacity) + (<usize>row << 3));
}

@inline function write(k: i32, capacity: i32, row: i32, value: f64): void {
  store<f64>(column(INPUT_COLUMNS + k, capacity) + (<usize>row << 3), value);
}

/** loadCase from row r of the parameter columns. */
@inline function loadRow(capacity: i32, r: i32): void {
  loadCase(
    read(P_PRICE, capacity, r), read(P_PRICE_FLOOR, capacity, r), read(P_ELASTICITY, capacity, r),
    read(P_MEAN_DISRUPTION, capacity, r), read(P_IMPORT_DEPENDENCE, capacity, r), read(P_IMPORTS, capacity, r),
    read(P_GDP_ELASTICITY, capacity, r), read(P_GDP, capacity, r), read(P_FIXED_COST, capacity, r),
    read(P_VARIABLE_COST, capacity, r), read(P_INTEREST_RATE, capacity, r), read(P_HORIZON, capacity, r),
    read(P_INCLUDE_GDP, capacity, r), read(P_EVENT_PROBABILITY, capacity, r), read(P_CHOKE_PRICE, capacity, r),
    read(P_GDP_LOSS_FORM, capacity, r),
  );
}

/** Solve rows [0, n) of the layout with `capacity` rows per column. */
export function solveRows(n: i32, capacity: i32): void {
  for (let r: i32 = 0; r < n; r++) {
    if (read(FLAG_COLUMN, capacity, r) == 0.0) continue;
    loadRow(capacity, r);
    solveLoaded();
    write(OUT_Z_STAR, capacity, r, outZStar);
    write(OUT_STATUS, capacity, r, <f64>outStatus);
    write(OUT_MARGINAL_BENEFIT, capacity, r, outBenefit);
    write(OUT_MARGINAL_COST, capacity, r, outCost);
    write(OUT_SLOPE, capacity, r, outSlope);
    write(OUT_TOTAL_COST, capacity, r, outTotalCost);
    write(OUT_NET_BENEFIT, capacity, r, outNetBenefit);
    write(OUT_ITERATIONS, capacity, r, <f64>outIterations);
  }
}

/**
 * Evaluate the case in row 0 of the parameter columns at the reserves (days) in the flag column,
 * rows [0, n); writes MB, MC, MB', S to the output columns OUT_MARGINAL_BENEFIT..OUT_TOTAL_COST.
 */
export function evaluatePoints(n: i32, capacity: i32): void {
  loadRow(capacity, 0);
  for (let r: i32 = 0; r < n; r++) {
    evaluateLoaded(read(FLAG_COLUMN, capacity, r));
    write(OUT_MARGINAL_BENEFIT, capacity, r, outBenefit);
    write(OUT_MARGINAL_COST, capacity, r, outCost);
    write(OUT_SLOPE, capacity, r, outSlope);
    write(OUT_TOTAL_COST, capacity, r, outTotalCost);
  }
}

// The per-day disruption loss (kernel/daily-loss.ts), for hosts that evaluate it directly.
export {
  shortfallLossShape, shortfallPriceShape, domesticConsumerLoss, domesticGdpLoss, domesticDailyLoss,
  domesticReleaseValue, worldPrice, priceLossShape, worldDailyLoss, worldLossPart,
} from "./kernel/daily-loss";

// The paper's disruption law integrated over the per-day loss (kernel/paper-expectation.ts), for the coordination model.
export { paperExpectation } from "./kernel/paper-expectation";

