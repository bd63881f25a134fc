/**
 * optimal-reserve/pool on Node: the worker pool on worker_threads. A separate entry point so the
 * main package stays free of Node-only modules; browsers get ./pool-browser.ts (Web Workers).
 */
export { createPool, type NodePoolOptions as PoolOptions } from "./pool/node";
export type { Pool, RunOptions } from "./pool/core";
