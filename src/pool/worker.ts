/** A pool worker on Node's worker_threads (dist/pool-worker.js): see ./serve.ts. */
import { parentPort } from "node:worker_threads";
import type { InitMessage, Task } from "./protocol";
import { serve } from "./serve";

parentPort?.on("message", (message: InitMessage | Task) => serve(message, (reply, transfer) => parentPort?.postMessage(reply, transfer)));
