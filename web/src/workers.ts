/**
 * The page's Web Workers, inlined into the page (`?worker&inline`: each starts from a Blob URL
 * holding its bundled script), so they run from the single-file build opened as file:// too.
 */
import PoolWorker from "../../src/pool/web-worker.ts?worker&inline";
import MonteCarloWorker from "./mc-worker.ts?worker&inline";

/** A worker of the package's pool (solves batches of rows). */
export const createPoolWorker = (): Worker => new PoolWorker();

/** The Monte Carlo panel's worker: draws and summarises the samples (see mc-worker.ts). */
export const createMonteCarloWorker = (): Worker => new MonteCarloWorker();
