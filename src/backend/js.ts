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
    solve(inputs, outputs, offset, count) {
      const [z, status, mb, mc, slope, total, net, iters] = outputs as Float64Array[];
      for (let r = offset; r < offset + count; r++) {
        if (at(inputs[13]!, r) === 0) continue;
        loadRow(inputs, r);
        solveLoaded();
        z![r] = outZStar;
        status![r] = outStatus;
        mb![r] = outBenefit;
        mc![r] = outCost;
        slope![r] = outSlope;
        total![r] = outTotalCost;
        net![r] = outNetBenefit;
        iters![r] = outIterations;
      }
    },
    evaluate(params, zs, outputs, offset, count) {
      const [mb, mc, slope, total] = outputs as Float64Array[];
      loadCase(
        params[0]!, params[1]!, params[2]!, params[3]!, params[4]!, params[5]!, params[6]!, params[7]!,
        params[8]!, params[9]!, params[10]!, params[11]!, params[12]!,
      );
      for (let i = offset; i < offset + count; i++) {
        evaluateLoaded(zs[i] as number);
        mb![i] = outBenefit;
        mc![i] = outCost;
        slope![i] = outSlope;
        total![i] = outTotalCost;
      }
    },
  };
}
