/**
 * The exponential integral of the GDP term (assembly/kernel/expint.ts, polynomial pieces of
 * ei-pieces.ts) against mpmath at 50 digits (tests/fixtures/ei.json, scripts/ei-fit.py): every
 * piece boundary and just either side of it, the zeros of Ei (y = 0.3725) and of K (y = 1.3472),
 * subnormal y and 400 seeded points over [1e-6, 5000]. Tolerance 4e-16 relative plus 3e-16
 * absolute (the absolute part only matters next to the two zeros, where the terms summed are O(1)).
 * Runs the kernel source itself (the JavaScript fallback's code; the WebAssembly build of the same
 * source is checked through the GDP term by tests/evaluations.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { eiScaled, eiScaledMinusOne, scaledEiPair } from "../assembly/kernel/expint";

const RELATIVE = 4e-16;
const ABSOLUTE = 3e-16;
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "ei.json"), "utf8")) as {
  points: { y: number; eiScaled: number; eiScaledMinusOne: number }[];
};

it(`e^-y Ei(y) and y e^-y Ei(y) - 1 within ${RELATIVE} relative + ${ABSOLUTE} at ${fixture.points.length} points`, () => {
  let worst = 0;
  for (const p of fixture.points) {
    scaledEiPair(p.y);
    for (const [got, want] of [[eiScaled, p.eiScaled], [eiScaledMinusOne, p.eiScaledMinusOne]] as const) {
      const excess = Math.abs(got - want) / (RELATIVE * Math.abs(want) + ABSOLUTE);
      worst = Math.max(worst, excess);
      expect(excess, `y = ${p.y}: got ${got}, mpmath ${want}`).toBeLessThanOrEqual(1);
    }
  }
  console.info(`Ei: worst error ${worst.toFixed(2)} of the tolerance`);
});
