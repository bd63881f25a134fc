/**
 * The check made at every switch between two methods or regimes of the kernel: at a parameter set
 * just below the switch, at it and just above (relative steps of 1e-12), WASM and JS agree to
 * 1e-12 in z* and S(z*) with equal statuses, and z* has no jump: its second difference is at
 * rounding level (1e-13 z*) or a small part of the change across the three points.
 */
import { expect } from "vitest";
import { solve, type Params } from "../src/index";
import { relDiff } from "./helpers";

export function expectSmoothSwitch(below: Partial<Params>, at: Partial<Params>, above: Partial<Params>): void {
  const zs = [below, at, above].map((p) => {
    const w = solve(p, { backend: "wasm" });
    const j = solve(p, { backend: "js" });
    expect(w.status).toBe(j.status);
    expect(relDiff(w.zStar, j.zStar)).toBeLessThan(1e-12);
    expect(relDiff(w.totalCost, j.totalCost)).toBeLessThan(1e-12);
    return w.zStar;
  });
  const [z0, z1, z2] = zs as [number, number, number];
  expect(Math.abs(z2 - 2 * z1 + z0)).toBeLessThan(1e-13 * z1 + 0.1 * Math.abs(z2 - z0));
}
