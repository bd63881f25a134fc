/**
 * The error reply every worker of the page sends (and the main-thread fallbacks build the same
 * way): the library's message, and the parameter a ParameterError names, if any.
 */
export interface ErrorReply {
  type: "error";
  message: string;
  parameter: string | undefined;
}

/** The reply for an error thrown by the library (or anything else thrown). */
export function errorReply(error: unknown): ErrorReply {
  const parameter = (error as { parameter?: unknown } | null)?.parameter;
  return {
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    parameter: typeof parameter === "string" ? parameter : undefined,
  };
}
