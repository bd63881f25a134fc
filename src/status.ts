/** Solution status names, indexed by the kernel's status codes (assembly/kernel/solver.ts). */
export const STATUS_NAMES = ["interior", "zero", "horizon", "unbounded", "invalid"] as const;

/**
 * How z* was determined: `interior` root of MB = MC; `zero` MB(0+) <= MC; `horizon` MC = 0 so
 * the whole horizon is held; `unbounded` d = 1 with the GDP term (MB infinite, z* = H);
 * `invalid` only in batches, for a row whose parameters failed validation.
 */
export type Status = (typeof STATUS_NAMES)[number];

/** The status code of `invalid` rows in batch outputs. */
export const STATUS_INVALID = 4;
