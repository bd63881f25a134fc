/**
 * WebAssembly entry point. The kernel lives in kernel/ (portable TypeScript shared with the
 * JavaScript fallback); this file only adds the batch driver over a fixed region of linear
 * memory, so a whole chunk of cases crosses the JS/WASM boundary in one call.
 *
 * Memory layout (all f64, column-major, `capacity` rows per column), from layoutBase():
 *   columns 0..12   the 13 parameters in the order of loadCase (includeGdp as 0/1)
 *   column 13       1 to solve the row, 0 to skip it (rows the host found invalid)
 *   columns 14..21  outputs: zStar, status, marginalBenefit, marginalCost, slope, totalCost,
 *                   netBenefit, iterations
 * Nothing is allocated: the runtime is the stub and the region starts at __heap_base.
 */
import {
  evaluateLoaded, loadCase, outBenefit, outCost, outIterations, outNetBenefit, outSlope,
  outStatus, outTotalCost, outZStar, solveLoaded,
} from "./kernel/api";

const INPUT_COLUMNS: i32 = 14;
const OUTPUT_COLUMNS: i32 = 8;
const PAGE_BYTES: usize = 65536;

/** Byte offset of column 0 (16-byte aligned, just past the static data). */
export function layoutBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
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

/** Solve rows [0, n) of the layout with `capacity` rows per column. */
export function solveRows(n: i32, capacity: i32): void {
  for (let r: i32 = 0; r < n; r++) {
    if (read(13, capacity, r) == 0.0) continue;
    loadCase(
      read(0, capacity, r), read(1, capacity, r), read(2, capacity, r), read(3, capacity, r),
      read(4, capacity, r), read(5, capacity, r), read(6, capacity, r), read(7, capacity, r),
      read(8, capacity, r), read(9, capacity, r), read(10, capacity, r), read(11, capacity, r),
      read(12, capacity, r),
    );
    solveLoaded();
    write(0, capacity, r, outZStar);
    write(1, capacity, r, <f64>outStatus);
    write(2, capacity, r, outBenefit);
    write(3, capacity, r, outCost);
    write(4, capacity, r, outSlope);
    write(5, capacity, r, outTotalCost);
    write(6, capacity, r, outNetBenefit);
    write(7, capacity, r, <f64>outIterations);
  }
}

/**
 * Evaluate the case in row 0 (columns 0..12) at the reserves (days) in column 13, rows [0, n);
 * writes marginalBenefit, marginalCost, slope, totalCost to output columns 2..5.
 */
export function evaluatePoints(n: i32, capacity: i32): void {
  loadCase(
    read(0, capacity, 0), read(1, capacity, 0), read(2, capacity, 0), read(3, capacity, 0),
    read(4, capacity, 0), read(5, capacity, 0), read(6, capacity, 0), read(7, capacity, 0),
    read(8, capacity, 0), read(9, capacity, 0), read(10, capacity, 0), read(11, capacity, 0),
    read(12, capacity, 0),
  );
  for (let r: i32 = 0; r < n; r++) {
    evaluateLoaded(read(13, capacity, r));
    write(2, capacity, r, outBenefit);
    write(3, capacity, r, outCost);
    write(4, capacity, r, outSlope);
    write(5, capacity, r, outTotalCost);
  }
}


// The per-day disruption loss (kernel/daily-loss.ts), for hosts that evaluate it directly.
export {
  shortfallLossShape, shortfallPriceShape, domesticConsumerLoss, domesticGdpLoss, domesticDailyLoss,
  domesticReleaseValue, worldPrice, priceLossShape, worldDailyLoss, worldLossPart,
} from "./kernel/daily-loss";

// The paper's disruption law integrated over the per-day loss (kernel/paper-expectation.ts), for the coordination model.
export { paperExpectation } from "./kernel/paper-expectation";
