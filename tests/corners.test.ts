/**
 * Corners and extreme magnitudes (issue #14), on both backends, with the right value each time:
 *   - d = 1 with the GDP term: MB = S = +Infinity below H, MB(H) = 0, S(H) = MC H, z* = H
 *     (unbounded), the gain from any stock below H is +Infinity; nothing depends on the case
 *     solved before; every call returns at once (docs/numerics.md, "d = 1").
 *   - money magnitudes anywhere in the double range: z* depends on money only through ratios,
 *     so it is the same for every price >= 1e300 (P1 = 0); results whose money values exceed
 *     1.8e308 USD/yr are +Infinity by IEEE overflow, never NaN (docs/numerics.md, "Scaling").
 *   - the statuses nearZero and nearHorizon, against the mpmath reference
 *     (tests/fixtures/corners.json from scripts/reference.py), z* to 1e-11 max(1, z*) days.
 */
import { describe, expect, it } from "vitest";
import { evaluate, solve, solveBatch, type Params } from "../src/index";
import {
  BACKENDS, explain, loadFixture, num, randomParams, relDiff, rng, type FixtureNumber, type SolveFixture,
} from "./helpers";

const Z_TOL = 1e-11;
const MAX = Number.MAX_VALUE;
const H = 365;
/** z* for every price >= 1e300 with priceFloor 0 (mpmath: 94.963067850977177...; z* depends on price only through ratios there). */
const PRICE_LIMIT_Z = 94.96306785097718;

for (const backend of BACKENDS) {
  describe(`d = 1 with the GDP term, ${backend}`, () => {
    const d1: Partial<Params> = { importDependence: 1 };

    it("MB and S are +Infinity below H; at H, MB = 0 and S = MC H; MB' is the limit d -> 1", () => {
      for (const z of [0, 1e-300, 1, 100, 364.999]) {
        const e = evaluate(z, d1, { backend });
        expect(e.marginalBenefit).toBe(Infinity);
        expect(e.totalCost).toBe(Infinity);
        expect(Number.isNaN(e.slope)).toBe(false);
      }
      const atH = evaluate(H, d1, { backend });
      expect(atH.marginalBenefit).toBe(0);
      expect(atH.totalCost).toBe(atH.marginalCost * H);
      expect(atH.slope).toBe(-Infinity);
      // Below H, MB'(z) = -f(z) gamma d/(H - d z) + CP part is continuous in d up to d = 1.
      const limit = evaluate(100, { importDependence: 1 - 1e-12 }, { backend }).slope;
      expect(relDiff(evaluate(100, d1, { backend }).slope, limit)).toBeLessThan(1e-9);
    });

    it("does not depend on the case solved before (no stale kernel state)", () => {
      const after = (p: Partial<Params>) => {
        solve(p, { backend });
        evaluate(50, p, { backend });
        return evaluate(100, d1, { backend });
      };
      const a = after({ meanDisruption: 3 });
      const b = after({ meanDisruption: 300, importDependence: 0.2 });
      expect(a).toEqual(b);
      expect(evaluate(H, d1, { backend })).toEqual(evaluate(H, d1, { backend }));
    });

    it("solve: z* = H (unbounded); the gain is +Infinity from any stock below H and 0 from H", () => {
      const s = solve(d1, { backend, currentStock: 100 });
      expect(s.status).toBe("unbounded");
      expect(s.zStar).toBe(H);
      expect(s.gainOverCurrentStock).toBe(Infinity);
      expect(solve(d1, { backend, currentStock: 300 }).gainOverCurrentStock).toBe(Infinity);
      expect(solve(d1, { backend, currentStock: 0 }).gainOverCurrentStock).toBe(Infinity);
      expect(solve(d1, { backend, currentStock: H }).gainOverCurrentStock).toBe(0);
    });

    it("without the GDP term d = 1 is an ordinary case (finite MB, interior root)", () => {
      const s = solve({ importDependence: 1, includeGdp: false }, { backend });
      expect(s.status).toBe("interior");
      expect(s.zStar).toBe(solve({ includeGdp: false }, { backend }).zStar);
    });
  });

  describe(`extreme magnitudes, ${backend}`, () => {
    it("z* = 94.963067850977177 for every price >= 1e300 with priceFloor 0", () => {
      for (const price of [1e300, 1e305, 1e307, 1e308, MAX]) {
        const z = solve({ price, priceFloor: 0 }, { backend }).zStar;
        const err = Math.abs(z - PRICE_LIMIT_Z) / PRICE_LIMIT_Z;
        expect(err, explain("zStar", { price }, z, PRICE_LIMIT_Z, err, Z_TOL)).toBeLessThanOrEqual(Z_TOL);
      }
    });

    const extremes: Partial<Params>[] = [
      { interestRate: MAX }, { gdp: 1e308 }, { gdp: MAX, gdpElasticity: MAX, imports: 5e-324 }, { imports: 1e308 },
      { imports: MAX }, { imports: 5e-324 }, { price: MAX, priceFloor: 0, interestRate: MAX, fixedCost: MAX },
      { price: 5e-324, priceFloor: 0 }, { price: 1e300, priceFloor: 0, fixedCost: 1e-300, variableCost: 0, interestRate: 0 },
      { fixedCost: MAX, variableCost: MAX }, { importDependence: 1 - 2 ** -53, meanDisruption: 1e4 },
      { importDependence: 5e-324, gdpElasticity: MAX }, { elasticity: -10, price: MAX, priceFloor: MAX / 2 },
    ];
    it.each(extremes.map((p) => [JSON.stringify(p), p] as const))("%s: numbers, never NaN, batch = solve", (_n, p) => {
      const s = solve(p, { backend });
      const horizon = p.horizon ?? H;
      for (const v of [s.zStar, s.marginalBenefit, s.marginalCost, s.slope, s.totalCost, s.netBenefit]) {
        expect(Number.isNaN(v)).toBe(false);
      }
      expect(s.zStar).toBeGreaterThanOrEqual(0);
      expect(s.zStar).toBeLessThanOrEqual(horizon);
      const columns = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, [v]]));
      const b = solveBatch(columns, { backend });
      expect(b.errors).toEqual([]);
      expect(b.zStar[0]).toBe(s.zStar);
      expect(b.totalCost[0]).toBe(s.totalCost);
      expect(b.marginalCost[0]).toBe(s.marginalCost);
      for (const z of [0, 5e-324, 1e-310, 1e-300, 1, horizon / 2, horizon - 1e-9, horizon]) {
        const e = evaluate(z, p, { backend });
        for (const v of [e.marginalBenefit, e.marginalCost, e.slope, e.totalCost]) expect(Number.isNaN(v)).toBe(false);
      }
    });

    it("roots near 1e-32 days follow the exact power law z* ~ MC^(-1/(m-1)) of the CP spike", () => {
      // At z ~ 1e-32 MB = K z^(1-m) (1 + O(z/lambda)) and the GDP term is 1e-290 of MC: z* scales
      // with MC^(-1/9) (m = 10) to rounding, an independent check where quadrature cannot resolve.
      const z300 = solve({ interestRate: 1e300 }, { backend }).zStar;
      const zMax = solve({ interestRate: MAX }, { backend }).zStar;
      // ln of the ratio of the marginal costs (c + v = 2.9 is 1e-302 of i P0 at i = 1e300).
      const lnRatio = Math.log(MAX) - Math.log(1e300);
      const predicted = z300 * Math.exp(-lnRatio / 9);
      expect(relDiff(zMax, predicted)).toBeLessThan(1e-13);
      const zc = solve({ fixedCost: 1e300 }, { backend }).zStar;
      const zc2 = solve({ fixedCost: 1e290 }, { backend }).zStar;
      expect(relDiff(zc, zc2 * Math.exp(-Math.log((1e300 + 0.4 + 0.0435 * 50.8) / (1e290 + 0.4 + 0.0435 * 50.8)) / 9))).toBeLessThan(1e-13);
    });

    it("interestRate = MAX_VALUE: a tiny z*, the marginal cost beyond the double range is +Infinity", () => {
      const s = solve({ interestRate: MAX }, { backend });
      expect(s.marginalCost).toBe(Infinity);
      expect(Number.isFinite(s.totalCost)).toBe(true);
      expect(solveBatch({ interestRate: [MAX] }, { backend }).totalCost[0]).toBe(s.totalCost);
    });

    it("evaluate at subnormal reserves: MB, S finite where they are, equal to their z -> 0 limits", () => {
      // m = 1.5: MB ~ z^-1/2 is finite at z = 5e-324, S(z) = E(0) - O(z^1/2) = E(0) to every digit.
      const p = { elasticity: -1 / 1.5 };
      const tiny = evaluate(5e-324, p, { backend });
      expect(Number.isFinite(tiny.marginalBenefit)).toBe(true);
      expect(relDiff(tiny.totalCost, evaluate(1e-200, p, { backend }).totalCost)).toBeLessThan(1e-13);
      // m = 2.01: S(5e-324) ~ z^-0.01 is finite (about e^7 times the rest), never 0 or Infinity.
      const s201 = evaluate(5e-324, { elasticity: -1 / 2.01 }, { backend }).totalCost;
      expect(Number.isFinite(s201) && s201 > evaluate(1e-300, { elasticity: -1 / 2.01 }, { backend }).totalCost).toBe(true);
    });
  });

  describe(`statuses describe the answer, ${backend}`, () => {
    // Roots closer to H than the spacing of doubles there (1e-290 days and less): z* = H rounded.
    const nearH: Partial<Params>[] = [
      { gdp: 1e308 }, { gdpElasticity: 1e300 }, { imports: 1e-300 },
      { price: 1e300, priceFloor: 0, fixedCost: 1e-300, variableCost: 0, interestRate: 0 },
      { importDependence: 1 - 2 ** -53, meanDisruption: 1000 }, { importDependence: 1 - 1e-15, meanDisruption: 1000 },
    ];
    it.each(nearH.map((p) => [JSON.stringify(p), p] as const))("%s: nearHorizon, z* = H, MB(H - ulp) > MC", (_n, p) => {
      const s = solve(p, { backend });
      expect(s.status).toBe("nearHorizon");
      expect(s.zStar).toBe(H);
      expect(s.marginalBenefit).toBe(s.marginalCost);
      const below = evaluate(H - 2 ** -44, p, { backend });
      expect(below.marginalBenefit).toBeGreaterThan(below.marginalCost);
    });

    it("on 3,000 random sets over the whole allowed range every status is what it says", () => {
      const next = rng(14);
      for (let k = 0; k < 3000; k++) {
        const p = randomParams(next);
        const s = solve(p, { backend });
        const at = `${JSON.stringify(p)} -> ${s.status} ${s.zStar}`;
        switch (s.status) {
          case "interior":
            expect(s.zStar > 2.2e-308 && s.zStar < p.horizon, at).toBe(true);
            expect(relDiff(s.marginalBenefit, s.marginalCost), at).toBeLessThan(1e-9);
            break;
          case "nearZero":
            expect(s.zStar, at).toBe(0);
            expect(s.marginalBenefit, at).toBe(s.marginalCost);
            break;
          case "nearHorizon":
            expect(s.zStar, at).toBe(p.horizon);
            expect(s.marginalBenefit, at).toBe(s.marginalCost);
            break;
          case "zero":
            expect(s.zStar, at).toBe(0);
            expect(s.marginalBenefit <= s.marginalCost, at).toBe(true);
            break;
          case "horizon":
            expect(s.zStar, at).toBe(p.horizon);
            expect(s.marginalCost, at).toBe(0);
            break;
          case "unbounded":
            expect(p.importDependence === 1 && p.includeGdp, at).toBe(true);
            expect(s.zStar, at).toBe(p.horizon);
            break;
          default:
            throw new Error(`unexpected status ${at}`);
        }
      }
    });
  });

  describe(`corners against the reference, ${backend}`, () => {
    const cases = loadFixture<SolveFixture>("corners");
    it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      const s = solve(c.params, { backend });
      expect(s.status).toBe(c.status);
      const zErr = Math.abs(s.zStar - c.zStar) / Math.max(1, c.zStar);
      expect(zErr, explain("zStar", c.params, s.zStar, c.zStar, zErr, Z_TOL)).toBeLessThanOrEqual(Z_TOL);
      expect(relDiff(s.marginalCost, num(c.marginalCost as FixtureNumber))).toBeLessThanOrEqual(1e-15);
      if (c.status === "nearZero" || c.status === "nearHorizon") expect(s.marginalBenefit).toBe(s.marginalCost);
      if (c.status === "nearZero") expect(s.zStar).toBe(0);
      if (c.status === "nearHorizon") expect(s.zStar).toBe(c.params.horizon ?? H);
      if (c.totalCost !== undefined && c.status === "interior") {
        expect(relDiff(s.totalCost, num(c.totalCost))).toBeLessThanOrEqual(1e-10);
      }
    });
  });
}
