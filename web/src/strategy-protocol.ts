/** Messages between the strategy panel and its worker (strategy-worker.ts). */
import type { OptimizeOptions, Params, Shocks, StrategyGrid, StrategyOptimum } from "../../src/index";
import type { ErrorReply } from "./error-reply";

/** Find the optimal policy and its gain over a rule (the library's optimizeStrategy). */
export interface OptimizeRequest {
  type: "optimize";
  params: Params;
  shocks: Shocks;
  grid: StrategyGrid;
  options: OptimizeOptions;
}

export type OptimizeReply =
  | { type: "optimum"; optimum: StrategyOptimum }
  /** The library's error (a ParameterError names its parameter). */
  | ErrorReply;
