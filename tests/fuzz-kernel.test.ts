/**
 * Boundary fuzz of the kernel's entry points (solve, evaluate, solveBatch) on both backends: every
 * parameter drawn from its allowed bounds, the doubles next to them, the double range's ends where
 * the range is open, the base value, and random values in between. Nothing may come out NaN, the
 * root finder stays within its bound, the status is one of the names, batch = solve bit for bit.
 */
import { expect, it } from "vitest";
import { PARAMETER_SPECS, STATUS_NAMES, evaluate, solve, solveBatch, type Params } from "../src/index";
import { BACKENDS, rng } from "./helpers";

const SETS = 1500;
const MAX = Number.MAX_VALUE;

function draw(next: () => number): Params {
  const p: Record<string, number | boolean> = {};
  for (const s of PARAMETER_SPECS) {
    const lo = s.minInclusive ? s.min : s.min === 0 ? 5e-324 : s.min * (1 + 1e-15);
    const hi = s.max === Infinity ? MAX : s.max;
    const u = next();
    const logSpan = (a: number, b: number) => Math.exp(Math.log(Math.max(a, 1e-300)) + next() * (Math.log(b) - Math.log(Math.max(a, 1e-300))));
    const value = u < 0.15 ? lo : u < 0.3 ? hi : u < 0.45 ? s.base : s.min < 0 ? lo + next() * (hi - lo) : logSpan(lo, hi);
    p[s.name] = value;
  }
  p.priceFloor = next() < 0.3 ? (p.price as number) : (p.price as number) * next();
  p.includeGdp = next() < 0.8;
  // The choke price's bounds are the price's: none, the next doubles above it, the largest double, or between.
  const price = p.price as number;
  const above = (x: number) => (x > price ? x : Infinity);
  const u = next();
  p.chokePrice = u < 0.4 ? Infinity : u < 0.55 ? above(price * (1 + 1e-15)) : u < 0.7 ? above(MAX)
    : above(price * Math.exp(next() * Math.log(MAX / price)));
  const q = p as unknown as Params;
  q.gdpLossForm = next() < 0.3 ? "linear" : "paper";
  return q;
}

for (const backend of BACKENDS) {
  it(`${backend}: ${SETS} boundary sets: no NaN, bounded work, a status, batch = solve`, () => {
    const next = rng(1410);
    const sets = Array.from({ length: SETS }, () => draw(next));
    const columns: Record<string, (number | boolean | string)[]> = {};
    for (const key of Object.keys(sets[0]!)) columns[key] = sets.map((p) => p[key as keyof Params]);
    const batch = solveBatch(columns as never, { backend });
    expect(batch.errors).toEqual([]);
    sets.forEach((p, i) => {
      const at = JSON.stringify(p);
      const s = solve(p, { backend });
      for (const v of [s.zStar, s.marginalBenefit, s.marginalCost, s.slope, s.totalCost, s.netBenefit]) {
        expect(Number.isNaN(v), at).toBe(false);
      }
      expect(STATUS_NAMES).toContain(s.status);
      expect(s.iterations, at).toBeLessThanOrEqual(210);
      expect(batch.zStar[i], at).toBe(s.zStar);
      expect(batch.totalCost[i], at).toBe(s.totalCost);
      if (i % 10 === 0) {
        for (const z of [0, 5e-324, s.zStar, p.horizon / 2, p.horizon]) {
          const e = evaluate(z, p, { backend });
          for (const v of [e.marginalBenefit, e.marginalCost, e.slope, e.totalCost]) expect(Number.isNaN(v), `${at} z=${z}`).toBe(false);
        }
      }
    });
  });
}
