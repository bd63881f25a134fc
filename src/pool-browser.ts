/**
 * optimal-reserve/pool in browsers (the export's "browser" condition): the same pool on Web
 * Workers, with the worker script dist/pool-web-worker.js.
 */
export { createPool, type BrowserPoolOptions as PoolOptions } from "./pool/browser";
export type { Pool, RunOptions } from "./pool/core";
