/**
 * The kernel's row contract (assembly/kernel/layout.ts): the host's parameter order is the
 * kernel's, the WebAssembly build exports the same layout, and a half-done change (a parameter
 * on one side only, a reordering, a stale build) throws at load instead of shifting columns.
 */
import { expect, it } from "vitest";
import * as layout from "../assembly/kernel/layout";
import { KERNEL_INDEX, LAYOUT_NUMBERS, checkParameterOrder, checkWasmLayout } from "../src/backend/layout";
import { SOLVE_OUTPUTS } from "../src/backend/types";
import { wasmModule } from "../src/backend/wasm";
import { PARAM_NAMES, solve, solveBatch } from "../src/index";

it("the host's parameter list is the kernel's row", () => {
  expect(() => checkParameterOrder()).not.toThrow();
  expect(PARAM_NAMES.map((n) => KERNEL_INDEX[n])).toEqual(PARAM_NAMES.map((_, k) => k));
  expect(PARAM_NAMES.length).toBe(layout.KERNEL_PARAMETERS);
  expect(layout.INPUT_COLUMNS).toBe(layout.KERNEL_PARAMETERS + 1);
  expect(layout.FLAG_COLUMN).toBe(layout.KERNEL_PARAMETERS);
});

it("a parameter added on the host only, or a reordering, throws", () => {
  expect(() => checkParameterOrder([...PARAM_NAMES, "stockpileTax"])).toThrow(/stockpileTax is column 16 on the host but absent/);
  const swapped = [...PARAM_NAMES];
  [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
  expect(() => checkParameterOrder(swapped)).toThrow(/priceFloor is column 0 on the host but 1 in the kernel/);
  expect(() => checkParameterOrder(PARAM_NAMES.slice(0, -1))).toThrow(/15 parameters, the kernel row 16/);
});

it("the WebAssembly build exports the source's layout; a different one throws", () => {
  const instance = new WebAssembly.Instance(wasmModule(), { env: { abort: () => { throw new Error("abort"); } } });
  const exported = instance.exports.kernelLayout as (item: number) => number;
  expect(LAYOUT_NUMBERS.map((_, k) => exported(k))).toEqual(LAYOUT_NUMBERS);
  expect(() => checkWasmLayout(exported)).not.toThrow();
  expect(() => checkWasmLayout((k) => (k === 1 ? 14 : exported(k)))).toThrow(/rebuild it/);
});

it("solve outputs are named in the order of the kernel's OUT_ indices", () => {
  const indices = [layout.OUT_Z_STAR, layout.OUT_STATUS, layout.OUT_MARGINAL_BENEFIT, layout.OUT_MARGINAL_COST,
    layout.OUT_SLOPE, layout.OUT_TOTAL_COST, layout.OUT_NET_BENEFIT, layout.OUT_ITERATIONS];
  expect(indices).toEqual(SOLVE_OUTPUTS.map((_, k) => k));
  expect(SOLVE_OUTPUTS.length).toBe(layout.OUTPUT_COLUMNS);
});

it("every parameter reaches the kernel: changing any one column changes the batch row", () => {
  for (const backend of ["wasm", "js"] as const) {
    const base = solve({}, { backend }).zStar;
    const changed = { price: 60, priceFloor: 10, elasticity: -0.2, meanDisruption: 30, importDependence: 0.5,
      imports: 1e6, gdpElasticity: 0.5, gdp: 2e13, fixedCost: 3, variableCost: 1, interestRate: 0.1, horizon: 300,
      includeGdp: false, eventProbability: 0.5, chokePrice: 100, gdpLossForm: "linear" } as const;
    for (const name of PARAM_NAMES) {
      const z = solveBatch({ [name]: [changed[name]] }, { backend }).zStar[0]!;
      expect(z, name).not.toBe(base);
      expect(z, name).toBe(solve({ [name]: changed[name] }, { backend }).zStar);
    }
  }
});
