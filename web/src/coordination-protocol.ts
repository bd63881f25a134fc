/** Messages between the coordination panel and its worker (coordination-worker.ts). */
import type { CoordinateOptions, CoordinationResult, MarketInput } from "../../src/index";
import type { ErrorReply } from "./error-reply";

/** Run coordinate(market, options). */
export interface CoordinationRequest {
  market: MarketInput;
  options: Omit<CoordinateOptions, "backend">;
}

export type CoordinationReply =
  /** coordinate()'s result and the time it took in the worker (ms). */
  | { type: "result"; result: CoordinationResult; ms: number }
  /** The library's error (a ParameterError names its parameter). */
  | ErrorReply;
