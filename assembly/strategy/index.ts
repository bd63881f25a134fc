/**
 * The strategy simulation's own WebAssembly module (build/strategy.wasm, embedded in
 * src/generated/strategy-wasm-module.ts). It is a separate module on purpose: its memory is its
 * own, so nothing the main kernel does (the batch region of assembly/index.ts) can touch the
 * simulation's buffers, and the reverse.
 *
 * The host asks for buffers with reserve(), writes the configuration through configPointer(),
 * zeroes the histogram once per run, calls simulate() once per block of paths, and reads the
 * per-path totals and the histogram through their pointers. Buffers are allocated by the stub
 * runtime and only replaced by larger ones (never freed: the module lives as long as its host).
 */
import { simulatePaths } from "./simulate";

let config: Float64Array = new Float64Array(64);
let paths: Float64Array = new Float64Array(0);
let histogram: Float64Array = new Float64Array(0);

/** Make room for `configLength`, `pathLength` and `histogramLength` f64 values. */
export function reserve(configLength: i32, pathLength: i32, histogramLength: i32): void {
  if (config.length < configLength) config = new Float64Array(configLength);
  if (paths.length < pathLength) paths = new Float64Array(pathLength);
  if (histogram.length < histogramLength) histogram = new Float64Array(histogramLength);
}

/** Byte offset of the configuration array. */
export function configPointer(): usize {
  return config.dataStart;
}

/** Byte offset of the per-path totals. */
export function pathsPointer(): usize {
  return paths.dataStart;
}

/** Byte offset of the histogram. */
export function histogramPointer(): usize {
  return histogram.dataStart;
}

/** Run the block of paths the configuration describes. */
export function simulate(): void {
  simulatePaths(config, paths, histogram);
}
