/**
 * One solve() result against its record of the mpmath reference (scripts/reference.py,
 * scripts/extensions-reference.py), with the tolerances both reference suites use (relative):
 *   z*: |dz| <= 1e-11 max(1, z*) days (tight enough that a regression cannot hide; the kernel reaches ~1e-13)
 *   status: exact; marginalCost: 1e-15 (a closed form)
 *   MB(z*) vs MC: 1e-12 (the root condition itself)
 *   totalCost S(z*), netBenefit: 1e-10 (netBenefit also passes within 1e-20 S(z*) absolutely: where
 *     z* is below every double, W(z*) ~ 1e-300 and both sides are zero to their own resolution)
 *   slope MB'(z*): 1e-9 (a derivative, formed from the same series)
 */
import { expect } from "vitest";
import type { Solution } from "../src/index";
import { explain, num, relDiff, type FixtureNumber, type SolveFixture } from "./helpers";

export const Z_TOL = 1e-11;
export const ROOT_TOL = 1e-12;
export const COST_TOL = 1e-10;
export const SLOPE_TOL = 1e-9;

/** The errors found, by output (an output the record does not give is absent). */
export type ReferenceErrors = Partial<Record<"zStar" | "slope" | "totalCost" | "netBenefit", number>>;

/** Expect `s` to match the reference record `c` within the tolerances above; returns the errors for reports. */
export function expectReference(s: Solution, c: SolveFixture): ReferenceErrors {
  const errors: ReferenceErrors = {};
  expect(s.status).toBe(c.status);
  const zErr = Math.abs(s.zStar - c.zStar) / Math.max(1, c.zStar);
  errors.zStar = zErr;
  expect(zErr, explain("zStar", c.params, s.zStar, c.zStar, zErr, Z_TOL)).toBeLessThanOrEqual(Z_TOL);
  expect(relDiff(s.marginalCost, c.marginalCost)).toBeLessThanOrEqual(1e-15);
  if (c.status === "interior") {
    const rootErr = relDiff(s.marginalBenefit, s.marginalCost);
    expect(rootErr, explain("MB(z*) vs MC", c.params, s.marginalBenefit, s.marginalCost, rootErr, ROOT_TOL)).toBeLessThanOrEqual(ROOT_TOL);
    const slope = num(c.slope as FixtureNumber);
    errors.slope = relDiff(s.slope, slope);
    expect(errors.slope, explain("slope", c.params, s.slope, slope, errors.slope, SLOPE_TOL)).toBeLessThanOrEqual(SLOPE_TOL);
  }
  if (c.totalCost !== undefined) {
    const cost = num(c.totalCost);
    errors.totalCost = relDiff(s.totalCost, cost);
    expect(errors.totalCost, explain("totalCost", c.params, s.totalCost, cost, errors.totalCost, COST_TOL)).toBeLessThanOrEqual(COST_TOL);
  }
  if (c.netBenefit !== undefined) {
    const net = num(c.netBenefit);
    expect(s.netBenefitFinite).toBe(Number.isFinite(net));
    errors.netBenefit = Math.abs(s.netBenefit - net) <= 1e-20 * s.totalCost ? 0 : relDiff(s.netBenefit, net);
    expect(errors.netBenefit, explain("netBenefit", c.params, s.netBenefit, net, errors.netBenefit, COST_TOL)).toBeLessThanOrEqual(COST_TOL);
  }
  return errors;
}
