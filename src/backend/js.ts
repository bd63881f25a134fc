/**
 * The JavaScript backend: the kernel of assembly/kernel/ run as plain JavaScript. It is the same
 * source the WebAssembly build compiles, so both backends follow one algorithm step for step;
 * they differ only in the last bits of exp/log (AssemblyScript's own Math versus V8's).
 */
import {
  evaluateLoaded, loadCase, outBenefit, outCost, outIterations, outNetBenefit, outSlope, outStatus,
  outTotalCost, outZStar, solveLoaded,
} from "../../assembly/kernel/api";
import type { Column, KernelBackend } from "./types";

const at = (c: Column, row: number): number => (typeof c === "number" ? c : (c[row] as number));

/** Load row r of the input columns into the kernel (no allocation: called once per row). */
function loadRow(c: readonly Column[], r: number): void {
  loadCase(
    at(c[0]!, r), at(c[1]!, r), at(c[2]!, r), at(c[3]!, r), at(c[4]!, r), at(c[5]!, r), at(c[6]!, r),
    at(c[7]!, r), at(c[8]!, r), at(c[9]!, r), at(c[10]!, r), at(c[11]!, r), at(c[12]!, r),
  );
}

/** Create the JavaScript backend (stateless apart from the kernel's module globals). */
export function createJsBackend(): KernelBackend {
  return {
    name: "js",
    memoryBytes: () => 0,
    solve(inputs, outputs, offset, count) {
      const [z, status, mb, mc, slope, total, net, iters] = outputs;
      const flags = inputs[13]!;
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
    evaluate(params, zs, outputs, offset, count) {
      const [mb, mc, slope, total] = outputs as Float64Array[];
      loadCase(
        params[0]!, params[1]!, params[2]!, params[3]!, params[4]!, params[5]!, params[6]!, params[7]!,
        params[8]!, params[9]!, params[10]!, params[11]!, params[12]!,
      );
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
