/**
 * Solution status names, indexed by the kernel's status codes (assembly/kernel/status.ts). Codes
 * are stable: new statuses are appended, never inserted.
 */
export const STATUS_NAMES = Object.freeze(["interior", "zero", "horizon", "unbounded", "invalid", "nearZero", "nearHorizon"] as const);

/**
 * How z* was determined: `interior` root of MB = MC; `zero` MB(0+) <= MC; `horizon` MC = 0 so
 * the whole horizon is held; `unbounded` d = 1 with the GDP term (MB = +Infinity below H, z* = H);
 * `invalid` only in batches, for a row whose parameters failed validation; `nearZero` the root is
 * positive but below the smallest normal double (2.2e-308 days), reported as z* = 0 with
 * MB(z*) = MC; `nearHorizon` the root lies within rounding of H (H - z* below the spacing of
 * doubles at H), reported as z* = H with MB(z*) = MC. See docs/numerics.md, "Statuses".
 */
export type Status = (typeof STATUS_NAMES)[number];

/** The status code of `invalid` rows in batch outputs. */
export const STATUS_INVALID = 4;
