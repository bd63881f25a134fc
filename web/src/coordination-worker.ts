/**
 * The coordination panel's Web Worker: runs the library's coordinate() (Nash equilibria from
 * several starts, the cooperative optimum, the burden-sharing rules; tens of milliseconds for the
 * preset, more for larger markets or many starts) off the main thread.
 */
import { init } from "../../src/backend/index";
import { coordinate } from "../../src/coordination/coordinate";
import type { CoordinationReply, CoordinationRequest } from "./coordination-protocol";
import { errorReply } from "./error-reply";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<CoordinationRequest>) => void) | null;
  postMessage(message: CoordinationReply): void;
};

scope.onmessage = (e) => {
  // Compile the kernel asynchronously first; without WebAssembly the JS backend runs.
  void init().then(() => {
    try {
      const started = performance.now();
      const result = coordinate(e.data.market, e.data.options);
      scope.postMessage({ type: "result", result, ms: performance.now() - started });
    } catch (error) {
      scope.postMessage(errorReply(error));
    }
  });
};
