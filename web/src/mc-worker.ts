/**
 * The Monte Carlo panel's Web Worker: draws the samples with the library's drawMonteCarlo (the
 * same seeded stream, so the same samples as `monteCarlo`) and summarises the solved samples with
 * its summariseMonteCarlo (sorting a million z* takes about a second), both off the main thread.
 * Sampled columns and z* go back transferred, not copied.
 */
import { drawMonteCarlo, summariseMonteCarlo, type MonteCarloDraw } from "../../src/analysis/montecarlo";
import type { McReply, McRequest } from "./mc-protocol";
import { errorReply } from "./error-reply";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<McRequest>) => void) | null;
  postMessage(message: McReply, transfer: Transferable[]): void;
};

/** The buffers of the sampled (array) columns, to transfer. */
function buffers(draw: MonteCarloDraw): ArrayBuffer[] {
  return Object.values(draw.columns).flatMap((c) => (c instanceof Float64Array ? [c.buffer as ArrayBuffer] : []));
}

scope.onmessage = (e) => {
  const request = e.data;
  try {
    if (request.type === "draw") {
      const draw = drawMonteCarlo(request.base, request.distributions, request.options);
      scope.postMessage({ type: "drawn", draw }, buffers(draw));
    } else {
      const { batch } = request;
      const result = summariseMonteCarlo(request.draw, batch);
      scope.postMessage({ type: "summary", result, zStar: batch.zStar, status: batch.status }, [batch.zStar.buffer as ArrayBuffer, batch.status.buffer as ArrayBuffer]);
    }
  } catch (error) {
    scope.postMessage(errorReply(error), []);
  }
};
