/**
 * The strategy path loop (assembly/strategy/simulate.ts) on either backend. `js` runs the kernel
 * source itself over JavaScript typed arrays; `wasm` runs the same source compiled to its own
 * WebAssembly module (assembly/strategy/index.ts), whose memory belongs to the simulation alone:
 * the main kernel's batch region lives in another module's memory, so neither can overwrite the
 * other (tested in tests/strategy-simulate.test.ts by a solveBatch between two simulations).
 *
 * A block of paths crosses the boundary once: the host writes the configuration, the kernel runs
 * every path and step, the host copies the per-path totals out. The histogram stays in the
 * kernel's memory across blocks and is read once at the end.
 */
import { PATH_FIELDS, simulatePaths } from "../../assembly/strategy/simulate";
import { STRATEGY_WASM_BASE64 } from "../generated/strategy-wasm-module";
import type { BackendName } from "../backend/types";

/** One run of the path loop: blocks of paths into one histogram. */
export interface PathRunner {
  readonly backend: BackendName;
  /** Zero the histogram (length f64 values) and make room for blocks of up to `maxPaths` paths. */
  start(histogramLength: number, maxPaths: number): void;
  /** Run the block the configuration describes; copies its per-path totals into `out` at `offset`. */
  run(config: Float64Array, out: Float64Array, offset: number): void;
  /** A copy of the histogram accumulated since start(). */
  histogram(): Float64Array;
}

function createJsRunner(): PathRunner {
  let histogram = new Float64Array(0);
  let paths = new Float64Array(0);
  return {
    backend: "js",
    start(histogramLength, maxPaths) {
      histogram = new Float64Array(histogramLength);
      paths = new Float64Array(maxPaths * PATH_FIELDS);
    },
    run(config, out, offset) {
      simulatePaths(config, paths, histogram);
      const count = config[3]! * PATH_FIELDS;
      out.set(paths.subarray(0, count), offset);
    },
    histogram: () => histogram.slice(),
  };
}

interface StrategyExports {
  memory: WebAssembly.Memory;
  reserve(configLength: number, pathLength: number, histogramLength: number): void;
  configPointer(): number;
  pathsPointer(): number;
  histogramPointer(): number;
  simulate(): void;
}

let compiled: WebAssembly.Module | undefined;

/** The strategy module, compiled once (synchronously: it is about 15 KB). */
export function strategyWasmModule(): WebAssembly.Module {
  if (!compiled) {
    const binary = atob(STRATEGY_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

function createWasmRunner(): PathRunner {
  const exports = new WebAssembly.Instance(strategyWasmModule(), {
    env: { abort(): never { throw new Error("optimal-reserve: the strategy WebAssembly module aborted"); } },
  }).exports as unknown as StrategyExports;
  let histogramLength = 0;
  // Views are made after reserve() (which may grow memory and detach older views).
  const view = (pointer: number, length: number): Float64Array => new Float64Array(exports.memory.buffer, pointer, length);
  return {
    backend: "wasm",
    start(length, maxPaths) {
      histogramLength = length;
      exports.reserve(0, maxPaths * PATH_FIELDS, length);
      view(exports.histogramPointer(), length).fill(0);
    },
    run(config, out, offset) {
      exports.reserve(config.length, 0, 0);
      view(exports.configPointer(), config.length).set(config);
      exports.simulate();
      const count = config[3]! * PATH_FIELDS;
      out.set(view(exports.pathsPointer(), count), offset);
    },
    histogram: () => view(exports.histogramPointer(), histogramLength).slice(),
  };
}

let wasmRunner: PathRunner | undefined;

/** A path runner on `backend` (the WebAssembly one is instantiated once and reused). */
export function pathRunner(backend: BackendName): PathRunner {
  if (backend === "js") return createJsRunner();
  wasmRunner ??= createWasmRunner();
  return wasmRunner;
}
