/** Helpers shared by the analysis functions: base parameters as broadcast batch columns. */
import type { BatchColumns } from "../columns";
import { PARAM_NAMES, type Params } from "../params";

/** Every parameter of `base` as a scalar column (to be overridden by the varied ones). */
export function scalarColumns(base: Readonly<Params>): BatchColumns {
  const columns: BatchColumns = {};
  for (const name of PARAM_NAMES) columns[name] = base[name];
  return columns;
}
