/**
 * The solver's last Newton step taken without a new evaluation (assembly/kernel/solver.ts,
 * takeFinalStep): its extrapolated outputs must equal a direct evaluation at the returned z*.
 * On the bench's stress rows and on random sets over the whole allowed range, both backends:
 * MB(z*) within 1e-12 of MC, MB'(z*) within 1e-10 and S(z*) within 1e-12 of evaluate(z*),
 * relative. Also pins the work the initial estimate (guess.ts) buys on the stress mix.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, solve, type Params } from "../src/index";
import { BACKENDS, explain, randomParams, relDiff, rng } from "./helpers";

const ROOT_TOL = 1e-12;
const SLOPE_TOL = 1e-10;
const COST_TOL = 1e-12;
/** Mean MB evaluations per solve on the stress rows (3.08 measured; 4.62 before the estimate). */
const STRESS_EVALUATIONS = 3.2;

const stress = (JSON.parse(readFileSync(join(__dirname, "..", "bench", "stress-reference.json"), "utf8")) as {
  params: Params[];
}).params;
const next = rng(20261130);
const random = Array.from({ length: 2000 }, () => randomParams(next));

function checkAgainstEvaluate(p: Params, backend: (typeof BACKENDS)[number]): void {
  const s = solve(p, { backend });
  if (s.status !== "interior" || !(s.zStar > 0)) return;
  const e = evaluate(s.zStar, p, { backend });
  const rootErr = relDiff(s.marginalBenefit, s.marginalCost);
  expect(rootErr, explain("MB(z*) vs MC", p, s.marginalBenefit, s.marginalCost, rootErr, ROOT_TOL)).toBeLessThanOrEqual(ROOT_TOL);
  if (Number.isFinite(e.slope)) {
    const slopeErr = relDiff(s.slope, e.slope);
    expect(slopeErr, explain("slope", p, s.slope, e.slope, slopeErr, SLOPE_TOL)).toBeLessThanOrEqual(SLOPE_TOL);
  }
  if (Number.isFinite(e.totalCost)) {
    const costErr = relDiff(s.totalCost, e.totalCost);
    expect(costErr, explain("totalCost", p, s.totalCost, e.totalCost, costErr, COST_TOL)).toBeLessThanOrEqual(COST_TOL);
  }
}

for (const backend of BACKENDS) {
  describe(`final step without evaluation, ${backend}`, () => {
    it("stress rows: outputs at z* equal a direct evaluation there", () => {
      for (const p of stress) checkAgainstEvaluate(p, backend);
    });
    it("random sets over the whole range: outputs at z* equal a direct evaluation there", () => {
      for (const p of random) checkAgainstEvaluate(p, backend);
    });
    it(`stress rows: at most ${STRESS_EVALUATIONS} MB evaluations per solve on average`, () => {
      let total = 0;
      for (const p of stress) total += solve(p, { backend }).iterations;
      expect(total / stress.length).toBeLessThanOrEqual(STRESS_EVALUATIONS);
    });
  });
}
