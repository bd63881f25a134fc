/**
 * The page's Web Workers, inlined into the page (`?worker&inline`: each starts from a Blob URL
 * holding its bundled script), so they run from the single-file build opened as file:// too.
 */
import PoolWorker from "../../src/pool/web-worker.ts?worker&inline";
import DrawWorker from "./mc-draw-worker.ts?worker&inline";

/** A worker of the package's pool (solves batches of rows). */
export const createPoolWorker = (): Worker => new PoolWorker();

/** A worker that draws the Monte Carlo samples (see mc-draw-worker.ts). */
export const createDrawWorker = (): Worker => new DrawWorker();
