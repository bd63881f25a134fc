/**
 * The JavaScript backend: the kernel of assembly/kernel/ run as plain JavaScript. It is the same
 * source the WebAssembly build compiles, so both backends follow one algorithm step for step;
 * they differ only in the last bits of exp/log (AssemblyScript's own Math versus V8's).
 * Rows are read and written by the indices of the row contract (assembly/kernel/layout.ts).
 */
import {
  evaluateLoaded, loadCase, outBenefit, outCost, outIterations, outNetBenefit, outSlope, outStatus,
  outTotalCost, outZStar, solveLoaded,
} from "../../assembly/kernel/api";
import {
  FLAG_COLUMN, OUT_ITERATIONS, OUT_MARGINAL_BENEFIT, OUT_MARGINAL_COST, OUT_NET_BENEFIT, OUT_SLOPE, OUT_STATUS,
  OUT_TOTAL_COST, OUT_Z_STAR, P_ELASTICITY, P_FIXED_COST, P_GDP, P_GDP_ELASTICITY, P_HORIZON, P_IMPORTS,
  P_IMPORT_DEPENDENCE, P_INCLUDE_GDP, P_INTEREST_RATE, P_MEAN_DISRUPTION, P_PRICE, P_PRICE_FLOOR, P_VARIABLE_COST,
  P_EVENT_PROBABILITY, P_CHOKE_PRICE, P_GDP_LOSS_FORM,
} from "../../assembly/kernel/layout";
import type { Column, KernelBackend } from "./types";

const at = (c: Column, row: number): number => (typeof c === "number" ? c : (c[row] as number));

/** Load row r of the input columns into the kernel (no allocation: called once per row). */
function loadRow(c: readonly Column[], r: number): void {
  loadCase(
    at(c[P_PRICE]!, r), at(c[P_PRICE_FLOOR]!, r), at(c[P_ELASTICITY]!, r), at(c[P_MEAN_DISRUPTION]!, r),
    at(c[P_IMPORT_DEPENDENCE]!, r), at(c[P_IMPORTS]!, r), at(c[P_GDP_ELASTICITY]!, r), at(c[P_GDP]!, r),
    at(c[P_FIXED_COST]!, r), at(c[P_VARIABLE_COST]!, r), at(c[P_INTEREST_RATE]!, r), at(c[P_HORIZON]!, r),
    at(c[P_INCLUDE_GDP]!, r), at(c[P_EVENT_PROBABILITY]!, r), at(c[P_CHOKE_PRICE]!, r), at(c[P_GDP_LOSS_FORM]!, r),
  );
}

/** Load one case given as a row of kernel parameters. */
function loadParams(p: Float64Array): void {
  loadCase(
    p[P_PRICE]!, p[P_PRICE_FLOOR]!, p[P_ELASTICITY]!, p[P_MEAN_DISRUPTION]!, p[P_IMPORT_DEPENDENCE]!, p[P_IMPORTS]!,
    p[P_GDP_ELASTICITY]!, p[P_GDP]!, p[P_FIXED_COST]!, p[P_VARIABLE_COST]!, p[P_INTEREST_RATE]!, p[P_HORIZON]!,
    p[P_INCLUDE_GDP]!, p[P_EVENT_PROBABILITY]!, p[P_CHOKE_PRICE]!, p[P_GDP_LOSS_FORM]!,
  );
}

/** Create the JavaScript backend (stateless apart from the kernel's module globals). */
export function createJsBackend(): KernelBackend {
  return {
    name: "js",
    memoryBytes: () => 0,
    solve(inputs, outputs, offset, count) {
      const z = outputs[OUT_Z_STAR];
      const status = outputs[OUT_STATUS];
      const mb = outputs[OUT_MARGINAL_BENEFIT];
      const mc = outputs[OUT_MARGINAL_COST];
      const slope = outputs[OUT_SLOPE];
      const total = outputs[OUT_TOTAL_COST];
      const net = outputs[OUT_NET_BENEFIT];
      const iters = outputs[OUT_ITERATIONS];
      const flags = inputs[FLAG_COLUMN]!;
      for (let i = 0; i < count; i++) {
        const r = offset + i;
        if (at(flags, r) === 0) continue;
        loadRow(inputs, r);
        solveLoaded();
        if (z) z[i] = outZStar;
        if (status) status[i] = outStatus;
        if (mb) mb[i] = outBenefit;
        if (mc) mc[i] = outCost;
        if (slope) slope[i] = outSlope;
        if (total) total[i] = outTotalCost;
        if (net) net[i] = outNetBenefit;
        if (iters) iters[i] = outIterations;
      }
    },
    solveOne(params, out) {
      loadParams(params);
      solveLoaded();
      out[OUT_Z_STAR] = outZStar;
      out[OUT_STATUS] = outStatus;
      out[OUT_MARGINAL_BENEFIT] = outBenefit;
      out[OUT_MARGINAL_COST] = outCost;
      out[OUT_SLOPE] = outSlope;
      out[OUT_TOTAL_COST] = outTotalCost;
      out[OUT_NET_BENEFIT] = outNetBenefit;
      out[OUT_ITERATIONS] = outIterations;
    },
    evaluate(params, zs, outputs, offset, count) {
      const [mb, mc, slope, total] = outputs as Float64Array[];
      loadParams(params);
      for (let i = 0; i < count; i++) {
        evaluateLoaded(zs[offset + i] as number);
        mb![i] = outBenefit;
        mc![i] = outCost;
        slope![i] = outSlope;
        total![i] = outTotalCost;
      }
    },
  };
}
