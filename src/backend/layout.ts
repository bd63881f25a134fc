/**
 * The host side of the kernel's row contract (assembly/kernel/layout.ts): where each API
 * parameter goes in a kernel row, checked against the parameter list at load, and the check of
 * a WebAssembly build's exported layout. A parameter added to `Params` without a kernel column
 * fails to type-check here (the record below must name every parameter); one added to the kernel
 * but not to the host, a reordering, or a stale embedded build throws at load.
 */
import * as layout from "../../assembly/kernel/layout";
import { PARAM_NAMES, type ParamName } from "../params";

/** The kernel input position of every API parameter. */
export const KERNEL_INDEX: Readonly<Record<ParamName, number>> = {
  price: layout.P_PRICE,
  priceFloor: layout.P_PRICE_FLOOR,
  elasticity: layout.P_ELASTICITY,
  meanDisruption: layout.P_MEAN_DISRUPTION,
  importDependence: layout.P_IMPORT_DEPENDENCE,
  imports: layout.P_IMPORTS,
  gdpElasticity: layout.P_GDP_ELASTICITY,
  gdp: layout.P_GDP,
  fixedCost: layout.P_FIXED_COST,
  variableCost: layout.P_VARIABLE_COST,
  interestRate: layout.P_INTEREST_RATE,
  horizon: layout.P_HORIZON,
  includeGdp: layout.P_INCLUDE_GDP,
  eventProbability: layout.P_EVENT_PROBABILITY,
  chokePrice: layout.P_CHOKE_PRICE,
  gdpLossForm: layout.P_GDP_LOSS_FORM,
};

/** The layout numbers in the order of the WebAssembly export kernelLayout(item). */
export const LAYOUT_NUMBERS: readonly number[] = [
  layout.LAYOUT_VERSION, layout.KERNEL_PARAMETERS, layout.FLAG_COLUMN, layout.INPUT_COLUMNS, layout.OUTPUT_COLUMNS,
  layout.OUT_Z_STAR, layout.OUT_STATUS, layout.OUT_MARGINAL_BENEFIT, layout.OUT_MARGINAL_COST, layout.OUT_SLOPE,
  layout.OUT_TOTAL_COST, layout.OUT_NET_BENEFIT, layout.OUT_ITERATIONS,
];

/**
 * Throw unless the host's parameter list (PARAM_NAMES, the order the host writes rows in) is
 * exactly the kernel's row: same count, every parameter at its kernel index.
 */
export function checkParameterOrder(names: readonly string[] = PARAM_NAMES): void {
  const problems: string[] = [];
  if (names.length !== layout.KERNEL_PARAMETERS) {
    problems.push(`the host has ${names.length} parameters, the kernel row ${layout.KERNEL_PARAMETERS}`);
  }
  names.forEach((name, k) => {
    const index = (KERNEL_INDEX as Record<string, number | undefined>)[name];
    if (index !== k) problems.push(`${name} is column ${k} on the host but ${index ?? "absent"} in the kernel`);
  });
  if (problems.length > 0) {
    throw new Error(`optimal-reserve: kernel row contract broken: ${problems.join("; ")} (see assembly/kernel/layout.ts)`);
  }
}

/** Throw unless a WebAssembly build's kernelLayout export matches this source's layout. */
export function checkWasmLayout(kernelLayout: (item: number) => number): void {
  const built = LAYOUT_NUMBERS.map((_, k) => kernelLayout(k));
  if (built.some((v, k) => v !== LAYOUT_NUMBERS[k])) {
    throw new Error(`optimal-reserve: the embedded WebAssembly kernel has row layout [${built.join(", ")}] but the ` +
      `source has [${LAYOUT_NUMBERS.join(", ")}]; rebuild it (npm run build)`);
  }
}
