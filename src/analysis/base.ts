/** Helpers shared by the analysis functions: checked options, base columns, corners. */
import type { BatchColumns } from "../columns";
import { PARAM_NAMES, type Params } from "../params";
import { checkBackend, checkOptions } from "../rules";
import type { SolveOptions } from "../solve";
import { STATUS_NAMES } from "../status";

/** Every parameter of `base` as a scalar column (to be overridden by the varied ones). */
export function scalarColumns(base: Readonly<Params>): BatchColumns {
  const columns: BatchColumns = {};
  for (const name of PARAM_NAMES) columns[name] = base[name] as BatchColumns[typeof name];
  return columns;
}

/** `options` checked: an object (or nothing) whose backend, if given, is a backend choice. */
export function checkSolveOptions<T extends SolveOptions>(options: T | undefined | null): T {
  const o = checkOptions("options", options);
  checkBackend(o.backend);
  return o;
}

/**
 * Status code of the d = 1 corner with the GDP term (`unbounded`): z* = H there by definition
 * (MB is infinite on (0, H)), not as the limit of z* as d -> 1 (which stays far below H), so a
 * row at this corner is not a point of the continuous curve z*(theta): analyses flag it
 * (tornado), leave it out of root brackets (breakEven) and give it zero derivatives
 * (elasticities, z* is H for every nearby value of the other parameters).
 */
export const STATUS_CORNER = STATUS_NAMES.indexOf("unbounded");
