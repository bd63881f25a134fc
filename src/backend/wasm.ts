/**
 * The WebAssembly backend: the release build of assembly/, embedded as bytes in
 * generated/wasm-module.ts and instantiated synchronously on first use (a 15 KB module is
 * within every engine's synchronous-compile limit, in Node, workers and browsers alike).
 *
 * Data crosses the boundary only as whole chunks: up to CHUNK_ROWS rows of the input columns
 * are copied into a fixed region of linear memory, one call solves them all, and the output
 * columns are copied back. Memory never grows past the first reservation, so it stays flat for
 * any batch length; views are rebuilt whenever `memory.buffer` changes (growth detaches it).
 */
import { WASM_BASE64 } from "../generated/wasm-module";
import { KERNEL_PARAMETERS, OUT_MARGINAL_BENEFIT } from "../../assembly/kernel/layout";
import { checkWasmLayout } from "./layout";
import { EVALUATE_OUTPUTS, FLAG_COLUMN, INPUT_COLUMNS, OUTPUT_COLUMNS, type Column, type KernelBackend } from "./types";

/** Rows per chunk: 22 columns x 4096 rows x 8 bytes = 704 KiB of linear memory. */
export const CHUNK_ROWS = 4096;

interface KernelExports {
  memory: WebAssembly.Memory;
  layoutBase(): number;
  reserve(capacity: number): number;
  solveRows(n: number, capacity: number): void;
  evaluatePoints(n: number, capacity: number): void;
  kernelLayout(item: number): number;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled module (compiled once, synchronously; shared by every instance). */
export function wasmModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(decodeBase64(WASM_BASE64) as Uint8Array<ArrayBuffer>);
  return compiled;
}

/** Compile the module asynchronously (for browsers' main thread); later calls reuse it. */
export async function compileWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= await WebAssembly.compile(decodeBase64(WASM_BASE64) as Uint8Array<ArrayBuffer>);
  return compiled;
}

const imports = {
  env: {
    abort(): never {
      throw new Error("optimal-reserve: WebAssembly kernel aborted");
    },
  },
};

/** Instantiate a WebAssembly backend from `module` (default: the embedded build). */
export function createWasmBackend(module: WebAssembly.Module = wasmModule()): KernelBackend {
  const exports = new WebAssembly.Instance(module, imports).exports as unknown as KernelExports;
  checkWasmLayout(exports.kernelLayout);
  if (!exports.reserve(CHUNK_ROWS)) throw new Error("optimal-reserve: could not reserve WebAssembly memory");
  const base = exports.layoutBase();
  let buffer: ArrayBuffer | undefined;
  let columns: Float64Array[] = [];
  const view = (): Float64Array[] => {
    if (exports.memory.buffer !== buffer) {
      buffer = exports.memory.buffer;
      columns = Array.from(
        { length: INPUT_COLUMNS + OUTPUT_COLUMNS },
        (_, k) => new Float64Array(buffer as ArrayBuffer, base + k * CHUNK_ROWS * 8, CHUNK_ROWS),
      );
    }
    return columns;
  };
  const fill = (target: Float64Array, source: Column, start: number, n: number): void => {
    if (typeof source === "number") target.fill(source, 0, n);
    else target.set(source.subarray(start, start + n));
  };
  return {
    name: "wasm",
    memoryBytes: () => exports.memory.buffer.byteLength,
    solve(inputs, outputs, offset, count) {
      for (let start = offset; start < offset + count; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, offset + count - start);
        const cols = view();
        for (let k = 0; k < INPUT_COLUMNS; k++) fill(cols[k]!, inputs[k]!, start, n);
        exports.solveRows(n, CHUNK_ROWS);
        const fresh = view();
        const flags = fresh[FLAG_COLUMN]!;
        const anySkipped = inputs[FLAG_COLUMN] !== 1;
        const at = start - offset;
        for (let k = 0; k < OUTPUT_COLUMNS; k++) {
          const dst = outputs[k];
          if (!dst) continue;
          const src = fresh[INPUT_COLUMNS + k]!;
          if (!anySkipped) dst.set(src.subarray(0, n), at);
          // Skipped rows keep the caller's values (the kernel leaves their outputs stale).
          else for (let i = 0; i < n; i++) if (flags[i] !== 0) dst[at + i] = src[i]!;
        }
      }
    },
    solveOne(params, out) {
      const cols = view();
      for (let k = 0; k < KERNEL_PARAMETERS; k++) cols[k]![0] = params[k]!;
      cols[FLAG_COLUMN]![0] = 1;
      exports.solveRows(1, CHUNK_ROWS);
      const fresh = view();
      for (let k = 0; k < OUTPUT_COLUMNS; k++) out[k] = fresh[INPUT_COLUMNS + k]![0]!;
    },
    evaluate(params, zs, outputs, offset, count) {
      for (let start = offset; start < offset + count; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, offset + count - start);
        const cols = view();
        // The case goes in row 0 of the parameter columns, the reserves in the flag column.
        for (let k = 0; k < KERNEL_PARAMETERS; k++) cols[k]![0] = params[k]!;
        cols[FLAG_COLUMN]!.set(zs.subarray(start, start + n));
        exports.evaluatePoints(n, CHUNK_ROWS);
        const fresh = view();
        // evaluatePoints writes MB, MC, MB', S to the output columns from OUT_MARGINAL_BENEFIT on.
        for (let k = 0; k < EVALUATE_OUTPUTS.length; k++) {
          outputs[k]!.set(fresh[INPUT_COLUMNS + OUT_MARGINAL_BENEFIT + k]!.subarray(0, n), start - offset);
        }
      }
    },
  };
}
