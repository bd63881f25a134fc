/**
 * z* and its companions against the independent high-precision reference (scripts/reference.py:
 * mpmath tanh-sinh quadrature of the literal integrals at 40 digits), per regime, per backend.
 *
 * Tolerances (relative):
 *   z*: |dz| <= 1e-11 max(1, z*) days (tight enough that a regression cannot hide; the kernel reaches ~1e-13)
 *   status: exact
 *   MB(z*) vs MC: 1e-12 (the root condition itself)
 *   totalCost S(z*), netBenefit: 1e-10 (netBenefit also passes within 1e-20 S(z*) absolutely: where
 *     z* is below every double, W(z*) ~ 1e-300 and both sides are zero to their own resolution)
 *   slope MB'(z*): 1e-9 (a derivative, formed from the same series)
 */
import { afterAll, describe, expect, it } from "vitest";
import { solve } from "../src/index";
import { BACKENDS, explain, loadFixture, num, relDiff, type FixtureNumber, type SolveFixture } from "./helpers";

const Z_TOL = 1e-11;
const ROOT_TOL = 1e-12;
const COST_TOL = 1e-10;
const SLOPE_TOL = 1e-9;

const worst: Record<string, number> = {};
afterAll(() => {
  const lines = Object.entries(worst).map(([k, v]) => `  ${k.padEnd(22)} worst |dz|/max(1,z*) = ${v.toExponential(2)}`);
  console.info(`accuracy against the mpmath reference:\n${lines.join("\n")}`);
});

for (const regime of ["paper", "realistic", "traps"]) {
  const cases = loadFixture<SolveFixture>(regime);
  for (const backend of BACKENDS) {
    describe(`${regime} (${cases.length} cases), ${backend}`, () => {
      it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        const s = solve(c.params, { backend });
        expect(s.backend).toBe(backend);
        expect(s.status).toBe(c.status);
        const zErr = Math.abs(s.zStar - c.zStar) / Math.max(1, c.zStar);
        const key = `${regime}/${backend}`;
        worst[key] = Math.max(worst[key] ?? 0, zErr);
        expect(zErr, explain("zStar", c.params, s.zStar, c.zStar, zErr, Z_TOL)).toBeLessThanOrEqual(Z_TOL);
        expect(relDiff(s.marginalCost, c.marginalCost)).toBeLessThanOrEqual(1e-15);
        if (c.status === "interior") {
          const rootErr = relDiff(s.marginalBenefit, s.marginalCost);
          expect(rootErr, explain("MB(z*) vs MC", c.params, s.marginalBenefit, s.marginalCost, rootErr, ROOT_TOL)).toBeLessThanOrEqual(ROOT_TOL);
          const slope = num(c.slope as FixtureNumber);
          const slopeErr = relDiff(s.slope, slope);
          expect(slopeErr, explain("slope", c.params, s.slope, slope, slopeErr, SLOPE_TOL)).toBeLessThanOrEqual(SLOPE_TOL);
        }
        if (c.totalCost !== undefined) {
          const costErr = relDiff(s.totalCost, num(c.totalCost));
          expect(costErr, explain("totalCost", c.params, s.totalCost, num(c.totalCost), costErr, COST_TOL)).toBeLessThanOrEqual(COST_TOL);
        }
        if (c.netBenefit !== undefined) {
          const expected = num(c.netBenefit);
          expect(s.netBenefitFinite).toBe(Number.isFinite(expected));
          const netErr = Math.abs(s.netBenefit - expected) <= 1e-20 * s.totalCost ? 0 : relDiff(s.netBenefit, expected);
          expect(netErr, explain("netBenefit", c.params, s.netBenefit, expected, netErr, COST_TOL)).toBeLessThanOrEqual(COST_TOL);
        }
      });
    });
  }
}
