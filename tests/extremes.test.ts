/**
 * Extreme but allowed inputs (values near the double range, the corners of every range): no NaN,
 * z* inside [0, H], a status, and where the answer is known from the model, that answer.
 */
import { expect, it } from "vitest";
import { solve, type Params } from "../src/index";
import { BACKENDS } from "./helpers";

const extremes: Partial<Params>[] = [
  { price: 1e300, priceFloor: 0 }, { price: 1e-300, priceFloor: 0 }, { imports: 1e300 }, { imports: 1e-300 },
  { gdp: 1e300 }, { gdpElasticity: 1e300 }, { fixedCost: 1e300 }, { fixedCost: 1e-300, variableCost: 0, interestRate: 0 },
  { fixedCost: 5e-324, variableCost: 0, interestRate: 0 }, { meanDisruption: 0.1, horizon: 3650, elasticity: -0.005 },
  { meanDisruption: 1e4, horizon: 1, elasticity: -10 }, { importDependence: 5e-324 }, { elasticity: -10, fixedCost: 1e-3 },
  { elasticity: -0.005, meanDisruption: 1e4 }, { price: 50.8, priceFloor: 50.79999999999999 }, { horizon: 1, meanDisruption: 0.1 },
  { elasticity: -0.005, includeGdp: false, meanDisruption: 0.1, fixedCost: 1e3 },
];

for (const backend of BACKENDS) {
  it.each(extremes.map((p) => [JSON.stringify(p), p] as const))(`${backend}: %s gives a number, never NaN`, (_name, p) => {
    const s = solve(p, { backend });
    const h = p.horizon ?? 365;
    for (const v of [s.zStar, s.marginalBenefit, s.marginalCost, s.slope, s.totalCost, s.netBenefit]) expect(Number.isNaN(v)).toBe(false);
    expect(s.zStar).toBeGreaterThanOrEqual(0);
    expect(s.zStar).toBeLessThanOrEqual(h);
  });

  it(`${backend}: an overflowing GDP term (gdpElasticity gdp / imports ~ 1e313) puts z* at the horizon`, () => {
    expect(solve({ imports: 1e-300 }, { backend }).zStar).toBe(365);
    expect(solve({ gdpElasticity: 1e300 }, { backend }).zStar).toBe(365);
    // Without the GDP term the same inputs are irrelevant: z* is the no-GDP case's.
    expect(solve({ gdpElasticity: 1e300, includeGdp: false }, { backend }).zStar).toBe(solve({ includeGdp: false }, { backend }).zStar);
  });
}
