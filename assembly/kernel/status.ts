/**
 * Status codes of a solve, shared with the host: code k is STATUS_NAMES[k] in src/status.ts.
 * Codes are never renumbered; new ones are appended (4 is the host's `invalid` batch row).
 */

/** z* is the root of MB = MC inside (0, H). */
export const STATUS_INTERIOR: i32 = 0;
/** z* = 0: MB(0+) <= MC. */
export const STATUS_ZERO: i32 = 1;
/** z* = H: no holding cost (MC = 0) and MB > 0 on (0, H). */
export const STATUS_HORIZON: i32 = 2;
/** z* = H: d = 1 with the GDP term, MB = +Infinity on [0, H). */
export const STATUS_UNBOUNDED: i32 = 3;
/** The root lies in (0, 2.2e-308 days): below the normal doubles; z* is reported as 0. */
export const STATUS_NEAR_ZERO: i32 = 5;
/** The root lies within rounding of H (H - z* below ~1e-13 H or 2.2e-308 days): z* is reported as H. */
export const STATUS_NEAR_HORIZON: i32 = 6;
