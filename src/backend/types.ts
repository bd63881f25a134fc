/** The contract both kernel backends (WebAssembly and JavaScript) implement. */
import * as layout from "../../assembly/kernel/layout";

export type BackendName = "wasm" | "js";
/** `auto` uses WebAssembly and falls back to JavaScript when it is missing or refused. */
export type BackendChoice = "auto" | BackendName;

/** A kernel input column: one value per row, or a single value broadcast to every row. */
export type Column = Float64Array | number;

/**
 * Kernel inputs: the parameters in kernel order (includeGdp as 1/0; src/backend/layout.ts), then
 * the flag column, 1 to solve the row and 0 to skip it (rows found invalid). The contract is
 * defined once, in assembly/kernel/layout.ts.
 */
export const INPUT_COLUMNS = layout.INPUT_COLUMNS;
/** The flag column's index. */
export const FLAG_COLUMN = layout.FLAG_COLUMN;

/** Solve outputs, in the order of the kernel's OUT_ indices. */
export const SOLVE_OUTPUTS = [
  "zStar", "status", "marginalBenefit", "marginalCost", "slope", "totalCost", "netBenefit", "iterations",
] as const;
export const OUTPUT_COLUMNS = layout.OUTPUT_COLUMNS;

/** Evaluate outputs, in this order. */
export const EVALUATE_OUTPUTS = ["marginalBenefit", "marginalCost", "slope", "totalCost"] as const;

export interface KernelBackend {
  readonly name: BackendName;
  /**
   * Solve input rows [offset, offset + count): inputs[k] is column k (see INPUT_COLUMNS). Row
   * offset + i goes to outputs[k][i], in SOLVE_OUTPUTS order; a missing output column is not
   * written. Skipped rows leave their outputs untouched.
   */
  solve(inputs: readonly Column[], outputs: readonly (Float64Array | undefined)[], offset: number, count: number): void;
  /**
   * Solve one case, given as a row of kernel parameters (KERNEL_PARAMETERS values, kernel
   * order), writing the SOLVE_OUTPUTS into out[0..OUTPUT_COLUMNS): the one-row path of solve(),
   * with no column machinery and nothing allocated.
   */
  solveOne(params: Float64Array, out: Float64Array): void;
  /**
   * Evaluate one case (KERNEL_PARAMETERS kernel parameters) at the reserves z[offset + i] (days), i < count;
   * results go to outputs[k][i] in EVALUATE_OUTPUTS order.
   */
  evaluate(params: Float64Array, z: Float64Array, outputs: readonly Float64Array[], offset: number, count: number): void;
  /** Bytes of WebAssembly linear memory in use (0 for the JavaScript backend). */
  memoryBytes(): number;
}
