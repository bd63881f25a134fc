/**
 * optimal-reserve/pool in browsers (dist/pool.browser.js): the pool on Web Workers whose default
 * worker is inlined, so that it runs unchanged under every bundler (Vite build and dev server,
 * webpack, esbuild ESM and IIFE) and from a plain <script type="module">: no worker file to find.
 */
import workerSource from "virtual:pool-web-worker-source";
import { createBrowserPool, type BrowserPoolOptions } from "./pool/browser";
import type { Pool } from "./pool/core";

export type { BrowserPoolOptions as PoolOptions } from "./pool/browser";
export type { Pool, RunOptions } from "./pool/core";

/** One object URL for the worker script, made on first use and shared by every pool of the page. */
let workerUrl: string | undefined;

/** A classic Web Worker running the inlined worker script (one self-contained IIFE). */
function inlineWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
  return new Worker(workerUrl);
}

/**
 * Create a pool of `workers` Web Workers (default: navigator.hardwareConcurrency) that solve
 * batches, grids, Monte Carlo runs and strategy simulations in chunks off the main thread; results equal the
 * synchronous functions' bit for bit. `createWorker` replaces the inlined worker (e.g. where a
 * Content Security Policy forbids `blob:` workers).
 */
export function createPool(options: BrowserPoolOptions = {}): Pool {
  return createBrowserPool(inlineWorker, options);
}
