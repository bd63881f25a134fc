/**
 * One algorithm, two backends: the WebAssembly build and the JavaScript fallback run the same
 * kernel source, so on any input they agree up to the last bits of exp/log (AssemblyScript's
 * Math versus V8's), amplified only by the conditioning of the problem itself.
 *
 * 10,000 seeded random parameter sets from the whole allowed range. Statuses equal, and
 *   z*: |dz| / max(1, z*) <= 1e-12 (days, the measure of the accuracy bar: below one day the
 *       root of MB ~ z^(1-m) is ill-conditioned by 1/(m-1), e.g. z* = 1e-111 at m = 1.001);
 *   marginalBenefit, marginalCost, totalCost: relative <= 1e-12;
 *   slope, netBenefit: relative <= 1e-12 where z* >= 1 day; below, MB'(z*) ~ (1-m) MC / z* and
 *       W(z*) ~ z* MC (m-1)/(2-m) inherit the relative conditioning of z*: held to 1e-10.
 * The worst figure of each is printed.
 */
import { expect, it } from "vitest";
import { solve, type Solution } from "../src/index";
import { randomParams, relDiff, rng } from "./helpers";

const CASES = 10_000;
const TOL = 1e-12;
const SMALL_Z_TOL = 1e-10;
const RELATIVE = ["marginalBenefit", "marginalCost", "totalCost"] as const;
const SCALING_WITH_Z = ["slope", "netBenefit"] as const;

it(`WASM and JS agree within ${TOL} on ${CASES} random parameter sets`, () => {
  const next = rng(20261122);
  const worst: Record<string, { d: number; at: string }> = {};
  const note = (field: string, d: number, p: unknown, a: number, b: number) => {
    if (d > (worst[field]?.d ?? -1)) worst[field] = { d, at: `${JSON.stringify(p)}: wasm ${a} js ${b}` };
  };
  for (let k = 0; k < CASES; k++) {
    const p = randomParams(next);
    const a: Solution = solve(p, { backend: "wasm" });
    const b: Solution = solve(p, { backend: "js" });
    expect(a.status, JSON.stringify(p)).toBe(b.status);
    note("zStar", Math.abs(a.zStar - b.zStar) / Math.max(1, a.zStar), p, a.zStar, b.zStar);
    for (const f of RELATIVE) note(f, relDiff(a[f], b[f]), p, a[f], b[f]);
    for (const f of SCALING_WITH_Z) note(a.zStar >= 1 ? f : `${f} (z* < 1 day)`, relDiff(a[f], b[f]), p, a[f], b[f]);
    for (const f of [...RELATIVE, ...SCALING_WITH_Z, "zStar"] as const) {
      expect(Number.isNaN(a[f]) || Number.isNaN(b[f]), `${f} NaN for ${JSON.stringify(p)}`).toBe(false);
    }
  }
  console.info(`parity over ${CASES} cases, worst difference per output:\n${Object.entries(worst)
    .map(([f, w]) => `  ${f.padEnd(20)} ${w.d.toExponential(2)}`).join("\n")}`);
  for (const [field, w] of Object.entries(worst)) {
    const tol = field.endsWith("(z* < 1 day)") ? SMALL_Z_TOL : TOL;
    expect(w.d, `${field} at ${w.at}`).toBeLessThanOrEqual(tol);
  }
});
