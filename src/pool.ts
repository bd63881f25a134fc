/**
 * optimal-reserve/pool: the Node worker pool (worker_threads). A separate entry point so the
 * main package stays free of Node-only modules for browsers.
 */
export { createPool, type Pool, type PoolOptions, type RunOptions } from "./pool/pool";
