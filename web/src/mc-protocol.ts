/** Messages between the Monte Carlo panel and its draw worker (mc-draw-worker.ts). */
import type { Distributions, MonteCarloOptions, Params } from "../../src/index";
import type { MonteCarloDraw } from "../../src/analysis/montecarlo";

export interface DrawRequest {
  base: Params;
  distributions: Distributions;
  options: Omit<MonteCarloOptions, "backend">;
}

export type DrawReply =
  | { type: "drawn"; draw: MonteCarloDraw }
  /** The library's error (a ParameterError names its parameter). */
  | { type: "error"; message: string; parameter: string | undefined };
