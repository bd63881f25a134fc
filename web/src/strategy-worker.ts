/**
 * The strategy panel's Web Worker: the optimal release and refill policy by policy iteration
 * (the library's optimizeStrategy, exact sparse solves: up to seconds on a fine grid), off the
 * main thread. The simulation runs on the package's pool (strategy-run.ts).
 */
import { optimizeStrategy } from "../../src/strategy/optimize";
import type { OptimizeReply, OptimizeRequest } from "./strategy-protocol";
import { errorReply } from "./error-reply";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<OptimizeRequest>) => void) | null;
  postMessage(message: OptimizeReply, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
  const { params, shocks, grid, options } = e.data;
  try {
    const optimum = optimizeStrategy(params, shocks, grid, options);
    scope.postMessage({ type: "optimum", optimum }, [optimum.values.buffer as ArrayBuffer]);
  } catch (error) {
    scope.postMessage(errorReply(error), []);
  }
};
