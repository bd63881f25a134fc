/** Backend choice: WebAssembly when it works, the JavaScript fallback otherwise. */
import { createJsBackend } from "./js";
import { compileWasmModule, createWasmBackend } from "./wasm";
import type { BackendChoice, KernelBackend } from "./types";
import { checkParameterOrder } from "./layout";
import { checkBackend } from "../rules";

// The host writes rows in PARAM_NAMES order: it must be the kernel's row (fails at import otherwise).
checkParameterOrder();

const jsBackend: KernelBackend = createJsBackend();
let wasmBackend: KernelBackend | undefined;
let wasmFailure: unknown;

function loadWasm(): KernelBackend | undefined {
  if (wasmBackend) return wasmBackend;
  if (typeof WebAssembly === "undefined") {
    wasmFailure = new Error("WebAssembly is not available in this environment");
    return undefined;
  }
  if (wasmFailure !== undefined) return undefined;
  try {
    wasmBackend = createWasmBackend();
  } catch (error) {
    // Refused (CSP, lockdown modes) or broken: remember why, and let `auto` fall back.
    wasmFailure = error;
  }
  return wasmBackend;
}

/**
 * The backend for a choice: `js` always works; `wasm` throws if WebAssembly cannot be
 * instantiated; `auto` (default) is `wasm` when possible and `js` otherwise.
 */
export function getBackend(choice: BackendChoice = "auto"): KernelBackend {
  if (choice === "js") return jsBackend;
  if (choice !== "wasm" && choice !== "auto") checkBackend(choice);
  const wasm = loadWasm();
  if (wasm) return wasm;
  if (choice === "wasm") {
    const reason = wasmFailure instanceof Error ? wasmFailure.message : String(wasmFailure);
    throw new Error(`the WebAssembly backend is unavailable: ${reason}`);
  }
  return jsBackend;
}

/**
 * Use an already compiled kernel module (a worker given the pool's module, so that every worker
 * instantiates one module compiled once). Internal: not part of the public API.
 */
export function adoptWasmModule(module: WebAssembly.Module): void {
  wasmBackend = createWasmBackend(module);
  wasmFailure = undefined;
}

/**
 * Compile and instantiate the WebAssembly kernel asynchronously, for callers that prefer not to
 * compile synchronously on first use (e.g. a browser's main thread). Optional everywhere: without
 * it the first solve instantiates synchronously. Never rejects: if WebAssembly is unavailable,
 * `auto` keeps using JavaScript.
 */
export async function init(): Promise<void> {
  if (wasmBackend || typeof WebAssembly === "undefined") return;
  try {
    wasmBackend = createWasmBackend(await compileWasmModule());
  } catch (error) {
    wasmFailure = error;
  }
}

export type { BackendChoice, BackendName, KernelBackend } from "./types";
