/**
 * A Web Worker that draws the Monte Carlo samples with the library's own drawMonteCarlo (the same
 * seeded stream, so the same samples as `monteCarlo`), off the main thread: drawing a million
 * samples of several parameters takes long enough to freeze a page. The sampled columns are
 * transferred back, not copied.
 */
import { drawMonteCarlo, type MonteCarloDraw } from "../../src/analysis/montecarlo";
import type { DrawReply, DrawRequest } from "./mc-protocol";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DrawRequest>) => void) | null;
  postMessage(message: DrawReply, transfer: Transferable[]): void;
};

/** The buffers of the sampled (array) columns, to transfer. */
function buffers(draw: MonteCarloDraw): ArrayBuffer[] {
  return Object.values(draw.columns).flatMap((c) => (c instanceof Float64Array ? [c.buffer as ArrayBuffer] : []));
}

scope.onmessage = (e) => {
  const { base, distributions, options } = e.data;
  try {
    const draw = drawMonteCarlo(base, distributions, options);
    scope.postMessage({ type: "drawn", draw }, buffers(draw));
  } catch (error) {
    const parameter = (error as { parameter?: unknown }).parameter;
    scope.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
      parameter: typeof parameter === "string" ? parameter : undefined,
    }, []);
  }
};
