/** Messages between the Monte Carlo panel and its worker (mc-worker.ts). */
import type { BatchResult, Distributions, MonteCarloOptions, MonteCarloResult, Params } from "../../src/index";
import type { MonteCarloDraw } from "../../src/analysis/montecarlo";
import type { ErrorReply } from "./error-reply";

export type McRequest =
  /** Draw the samples (the library's drawMonteCarlo). */
  | { type: "draw"; base: Params; distributions: Distributions; options: Omit<MonteCarloOptions, "backend"> }
  /** Summarise the solved samples (the library's summariseMonteCarlo); z* and status come back with the summary. */
  | { type: "summarise"; draw: MonteCarloDraw; batch: BatchResult };

export type McReply =
  | { type: "drawn"; draw: MonteCarloDraw }
  | { type: "summary"; result: MonteCarloResult; zStar: Float64Array; status: Uint8Array }
  /** The library's error (a ParameterError names its parameter). */
  | ErrorReply;
