/** The d = 1 corner in the tornado, as the library flags it. */
import type { TornadoRow } from "../../src/index";

/**
 * Whether the library flags the row as reaching the d = 1 corner, where z* = H by definition
 * rather than by sensitivity (TornadoRow.corner; versions without the flag never mark one).
 */
export const isCorner = (r: TornadoRow): boolean => (r as TornadoRow & { corner?: boolean }).corner === true;
