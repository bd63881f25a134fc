/** A pool worker as a Web Worker (dist/pool-web-worker.js): see ./serve.ts. */
import type { InitMessage, Task } from "./protocol";
import { serve } from "./serve";

/** The parts of a dedicated worker's global scope used here (the DOM lib types `self` as a Window). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<InitMessage | Task>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (e) => serve(e.data, (reply, transfer) => scope.postMessage(reply, transfer));
