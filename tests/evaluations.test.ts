/**
 * evaluate(z) against the mpmath reference at fixed reserves spanning every regime of the kernel
 * (z from 1e-6 to within 1e-7 of H: series windows, the spike, the near-horizon quadrature),
 * on both backends. Tolerance: relative 1e-11 for MB and S, 1e-10 for MB' (near H, MB ~ W^2 and
 * MB' ~ W are formed from integrals over a tiny interval; 1e-11 is still 100x tighter than the
 * z* bar needs).
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/index";
import { BACKENDS, explain, loadFixture, num, relDiff, type EvaluationFixture } from "./helpers";

const VALUE_TOL = 1e-11;
const SLOPE_TOL = 1e-10;
const sets = loadFixture<EvaluationFixture>("evaluations");

for (const backend of BACKENDS) {
  describe(`evaluate vs reference, ${backend}`, () => {
    it.each(sets.map((s) => [s.name, s] as const))("%s", (_name, set) => {
      for (const point of set.points) {
        const e = evaluate(point.z, set.params, { backend });
        const input = { ...set.params, z: point.z };
        for (const [field, tol] of [["marginalBenefit", VALUE_TOL], ["totalCost", VALUE_TOL], ["slope", SLOPE_TOL]] as const) {
          const expected = num(point[field]);
          const err = relDiff(e[field], expected);
          expect(err, explain(field, input, e[field], expected, err, tol)).toBeLessThanOrEqual(tol);
        }
      }
    });
  });
}
