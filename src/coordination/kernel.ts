/**
 * The coordination model's kernel functions on either backend: the paper's law integrated over
 * the per-day loss (assembly/kernel/paper-expectation.ts) beside the per-day loss itself
 * (src/strategy/daily-loss.ts). `js` runs the kernel source as JavaScript; `wasm` calls the
 * same function exported by an instance of the package's one compiled module.
 */
import * as paper from "../../assembly/kernel/paper-expectation";
import type { BackendName } from "../backend/types";
import { wasmModule } from "../backend/wasm";
import { dailyLossKernel, type DailyLossKernel } from "../strategy/daily-loss";

/** The per-day loss functions plus paperExpectation (signature and units in the kernel source). */
export interface CoordinationKernel extends DailyLossKernel {
  paperExpectation(
    imports: number, price: number, priceFloor: number, exponent: number, gdpRate: number, importDependence: number,
    horizon: number, meanDisruption: number, release: number, lower: number, panels: number, which: number,
  ): number;
}

/** paperExpectation's integrands. */
export const PAPER_INTEGRAND = { loss: paper.PAPER_LOSS, releaseValue: paper.PAPER_RELEASE_VALUE } as const;

let wasmPaper: CoordinationKernel["paperExpectation"] | undefined;

function instantiatePaper(): CoordinationKernel["paperExpectation"] {
  const instance = new WebAssembly.Instance(wasmModule(), {
    env: { abort(): never { throw new Error("optimal-reserve: WebAssembly kernel aborted"); } },
  });
  const f = (instance.exports as Record<string, unknown>).paperExpectation;
  if (typeof f !== "function") throw new Error("optimal-reserve: the WebAssembly kernel lacks paperExpectation");
  return f as CoordinationKernel["paperExpectation"];
}

/** The coordination kernel on `js`, `wasm` or `auto` (as dailyLossKernel chooses). */
export function coordinationKernel(choice: BackendName | "auto" = "auto"): CoordinationKernel {
  const daily = dailyLossKernel(choice);
  if (daily.backend === "js") return { ...daily, paperExpectation: paper.paperExpectation };
  wasmPaper ??= instantiatePaper();
  return { ...daily, paperExpectation: wasmPaper };
}
