/**
 * The root finder (assembly/kernel/rootfind.ts) on synthetic decreasing functions, through the
 * JavaScript build of the same source: convergence to the exact root, order (few evaluations),
 * safeguards (plateaus, steep walls, non-finite values, a wrong derivative), roots beyond either
 * end of the range, and a bound on the work for any function.
 */
import { describe, expect, it } from "vitest";
import * as rootfind from "../assembly/kernel/rootfind";

const EPS = 2.220446049250313e-16;

/** Run findRoot on F (with dF) and return the root and evaluation count. */
function solveFor(f: (y: number) => number, df: (y: number) => number, y0: number, limit = 750, floorScale = 8) {
  const residual = (y: number): number => {
    const v = f(y);
    rootfind.report(df(y), floorScale * EPS * (1 + Math.abs(v)), NaN);
    return v;
  };
  rootfind.findRoot(residual, y0, limit);
  return { y: rootfind.rootY, f: rootfind.rootF, n: rootfind.evaluations, below: rootfind.belowRange, above: rootfind.aboveRange };
}

describe("rootfind", () => {
  it("linear: exact in two evaluations (Newton, then the confirmation)", () => {
    const r = solveFor((y) => -(y - 3), () => -1, -10);
    expect(r.y).toBe(3);
    expect(r.n).toBeLessThanOrEqual(2);
  });

  it.each([
    ["cubic", (y: number) => -(y ** 3) - y + 10, (y: number) => -3 * y * y - 1, 2],
    ["exponential", (y: number) => Math.exp(-y) - 0.5, (y: number) => -Math.exp(-y), Math.log(2)],
    ["ln MB-like: -ln(1 + e^y) + 5 (linear far left, flat right)", (y: number) => 5 - Math.log1p(Math.exp(y)),
      (y: number) => -1 / (1 + Math.exp(-y)), Math.log(Math.expm1(5))],
  ] as const)("%s: root to a few ulps; superlinear near it, bounded from afar", (_n, f, df, root) => {
    for (const y0 of [-40, -3, 0, root + 0.5, 4, 40]) {
      const r = solveFor(f, df, y0);
      expect(Math.abs(r.y - root), `from ${y0}`).toBeLessThanOrEqual(8 * EPS * (1 + Math.abs(root)));
      // Near the root (|y0 - root| <= 1) Newton-Halley needs a handful; from afar a function
      // that is not asymptotically linear (e^-y, y^3) costs Newton's slow approach, still bounded.
      expect(r.n, `from ${y0}`).toBeLessThanOrEqual(Math.abs(y0 - root) <= 1 ? 6 : 60);
    }
  });

  it("a plateau joined to a steep wall (GDP plateau, CP spike): bisection keeps the bracket", () => {
    const f = (y: number) => (y < 0 ? -9 * y : 0) + 1e-3 * Math.atan(-y - 5) + 1e-3 * 1.3;
    const df = (y: number) => (y < 0 ? -9 : 0) - 1e-3 / (1 + (y + 5) ** 2);
    const r = solveFor(f, df, 10);
    expect(Math.abs(f(r.y))).toBeLessThanOrEqual(8 * EPS * (1 + Math.abs(f(r.y))) + 1e-15);
    expect(r.n).toBeLessThan(80);
  });

  it("non-finite values (overflow) only tell the side; a wrong derivative only slows it down", () => {
    const f = (y: number) => (y < -100 ? Infinity : -(y - 1));
    const r = solveFor(f, () => NaN, -300);
    expect(Math.abs(r.y - 1)).toBeLessThan(1e-12);
    const wrongSign = solveFor((y) => -(y - 1), () => +1, 50);
    expect(Math.abs(wrongSign.y - 1)).toBeLessThan(1e-12);
  });

  it("roots beyond the range are reported as below or above it", () => {
    const below = solveFor((y) => -(y + 1000), () => -1, 0);
    expect(below.below).toBe(true);
    expect(below.y).toBe(-750);
    const above = solveFor((y) => -(y - 1000), () => -1, 0);
    expect(above.above).toBe(true);
    expect(above.y).toBe(750);
    const inside = solveFor((y) => -(y - 700), () => -1, 0);
    expect(inside.below || inside.above).toBe(false);
  });

  it("bounded work for any function: at most MAX_EVALUATIONS, even for noise", () => {
    let seed = 1;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const r = solveFor(() => noise(), () => noise(), 0, 750, 0);
    expect(r.n).toBeLessThanOrEqual(rootfind.MAX_EVALUATIONS + 1);
    const nan = solveFor(() => NaN, () => NaN, 0);
    expect(nan.n).toBeLessThanOrEqual(rootfind.MAX_EVALUATIONS + 1);
  });
});
