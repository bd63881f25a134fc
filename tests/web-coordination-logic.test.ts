/**
 * The coordination panel's logic without a browser: the release fields' validation
 * (web/src/coordination-inputs.ts) and the corners it reports (web/src/coordination-bounds.ts),
 * on markets whose limits and kinks are known by construction.
 */
import { describe, expect, it } from "vitest";
import { coordinationPresets, normalizeMarket, type MarketInput } from "../src/index";
import { boundsOf } from "../web/src/coordination-bounds";
import { MBBL, readRelease } from "../web/src/coordination-inputs";

const PRESET = coordinationPresets.iea2022;
const zeros = { US: "0", China: "0", Japan: "0", India: "0", Korea: "0" };

describe("coordination panel: release fields", () => {
  it("takes a volume at the limit (the shown 3 decimals of it), refuses one just past it, and gives rate = volume / days", () => {
    // US: drawdown 4.4 Mbbl/day x 120 days = 528 Mbbl < its 727 Mbbl stock.
    const at = readRelease(PRESET, { scenario: 0, days: "120", volumes: { ...zeros, US: "528" } });
    expect(at.errors.size).toBe(0);
    expect(at.releases).toEqual([{ country: "US", rate: 4.4e6, days: 120 }]);
    const past = readRelease(PRESET, { scenario: 0, days: "120", volumes: { ...zeros, US: "528.001" } });
    expect(past.releases).toBeUndefined();
    expect(past.errors.get("US")).toBe("invalid US release: got \"528.001\"; allowed: 0 <= release <= 528 (Mbbl; stock 727 Mbbl; drawdown 4.4 Mbbl/day × 120 days = 528 Mbbl)");
    const india = readRelease(PRESET, { scenario: 0, days: "60", volumes: { ...zeros, India: "5" } });
    expect(india.releases).toEqual([{ country: "India", rate: (5 * MBBL) / 60, days: 60 }]);
  });

  it("reports every bad field at once: days beyond the scenario, a negative volume, a text", () => {
    const r = readRelease(PRESET, { scenario: 1, days: "181", volumes: { ...zeros, China: "-1", Korea: "lots" } });
    expect(r.releases).toBeUndefined();
    expect(r.errors.get("days")).toBe('invalid release days: got "181"; allowed: 0 < days <= 180 (days, the scenario\'s duration)');
    expect(r.errors.get("China")).toBe('invalid China release: got "-1"; allowed: 0 <= release <= 200 (Mbbl; stock 200 Mbbl)');
    expect(r.errors.get("Korea")).toBe('invalid Korea release: got "lots"; allowed: 0 <= release <= 96 (Mbbl; stock 96 Mbbl)');
    expect(r.errors.size).toBe(3);
  });
});

describe("coordination panel: bounds and kinks", () => {
  // Two countries, one scenario of 10% of 100 units/day for 50 days: the shortfall is 10 units/day, 500 units in all.
  const market: MarketInput = {
    accounting: "world", price: 80, priceFloor: 0, worldSupply: 100, worldElasticity: -0.26,
    disruptions: { kind: "scenarios", scenarios: [{ severity: 0.1, duration: 50, rate: 0.2 }] },
    countries: [
      { name: "A", imports: 10, elasticity: -0.26, holdingCost: 8.5, capacity: 300, maxDrawdown: 4 },
      { name: "B", imports: 5, elasticity: -0.26, holdingCost: 8.5 },
    ],
  };
  const m = normalizeMarket(market);

  it("says which stock is at zero, at capacity or at its drawdown limit, and when the releases cover the whole shortfall", () => {
    expect(boundsOf(m, [0, 500])).toEqual({
      countries: [["at zero"], ["at the most any scenario can draw"]],
      group: ["the releases exactly cover scenario 1's whole shortfall (σWD = 0.001 Mbbl over 50 days): a kink"],
    });
    // A at 200 = 50 days x 4 units/day (its drawdown limit, so also the most it can ever draw); B at 300 draws
    // 6 units/day: 4 + 6 = the shortfall. (σWD = 500 units shows as 0.001 Mbbl: the panel works in barrels.)
    expect(boundsOf(m, [200, 300])).toEqual({
      countries: [["at the most any scenario can draw", "at the drawdown limit of scenario 1 (D × maxDrawdown)"], []],
      group: ["the releases exactly cover scenario 1's whole shortfall (σWD = 0.001 Mbbl over 50 days): a kink"],
    });
    expect(boundsOf(m, [300, 100])).toEqual({ countries: [["at capacity"], []], group: [] });
    expect(boundsOf(m, [100, 100])).toEqual({ countries: [[], []], group: [] });
  });
});
