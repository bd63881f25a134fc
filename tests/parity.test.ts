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
 * Where the root is ill-conditioned, z* is held to its conditioning instead: F = ln MB - ln MC carries
 * the rounding of its terms (~30 ulps of ln MB, ~1e-14 absolute), which moves z* relatively by that
 * over |d ln MB / d ln z| = z |MB'| / MB. So |dz| / max(1, z*) <= max(1e-12, 1e-14 MB / (z* |MB'|))
 * (reached with the extensions drawn: p = 3e-4 makes the costs 3,000 times larger, z* = 0.5 day on
 * a flat MB of m = 0.19 and d = 0.99998, condition 1,700). The worst figure of each is printed.
 */
import { expect, it } from "vitest";
import { solve, type Solution } from "../src/index";
import { randomExtensions, randomParams, relDiff, rng } from "./helpers";

const CASES = 10_000;
const TOL = 1e-12;
/** z*'s error per unit of the root's condition number MB / (z* |MB'|) (see the file comment). */
const CONDITIONED = 1e-14;
const SMALL_Z_TOL = 1e-10;
const RELATIVE = ["marginalBenefit", "marginalCost", "totalCost"] as const;
const SCALING_WITH_Z = ["slope", "netBenefit"] as const;

/** Random sets with the extensions (eventProbability, chokePrice, gdpLossForm) drawn too. */
const EXTENSION_CASES = 3_000;

it.each([
  [CASES, "", 20261122, false],
  [EXTENSION_CASES, " with eventProbability, chokePrice and gdpLossForm drawn", 20261201, true],
] as const)(`WASM and JS agree within ${TOL} on %i random parameter sets%s`, (cases, _label, seed, extended) => {
  const next = rng(seed);
  const worst: Record<string, { d: number; at: string }> = {};
  const note = (field: string, d: number, p: unknown, a: number, b: number) => {
    if (d > (worst[field]?.d ?? -1)) worst[field] = { d, at: `${JSON.stringify(p)}: wasm ${a} js ${b}` };
  };
  for (let k = 0; k < cases; k++) {
    const p = extended ? randomExtensions(next, randomParams(next)) : randomParams(next);
    const a: Solution = solve(p, { backend: "wasm" });
    const b: Solution = solve(p, { backend: "js" });
    expect(a.status, JSON.stringify(p)).toBe(b.status);
    // The root's own conditioning, MB / (z* |MB'|) (see the file comment): errors are measured against it.
    const condition = a.status === "interior" ? a.marginalBenefit / (a.zStar * Math.abs(a.slope)) : 1;
    const allowance = Math.max(1, (CONDITIONED * condition) / TOL);
    note("zStar", Math.abs(a.zStar - b.zStar) / Math.max(1, a.zStar) / allowance, p, a.zStar, b.zStar);
    for (const f of RELATIVE) note(f, relDiff(a[f], b[f]), p, a[f], b[f]);
    for (const f of SCALING_WITH_Z) note(a.zStar >= 1 ? f : `${f} (z* < 1 day)`, relDiff(a[f], b[f]), p, a[f], b[f]);
    for (const f of [...RELATIVE, ...SCALING_WITH_Z, "zStar"] as const) {
      expect(Number.isNaN(a[f]) || Number.isNaN(b[f]), `${f} NaN for ${JSON.stringify(p)}`).toBe(false);
    }
  }
  console.info(`parity over ${cases} cases${extended ? " with the extensions" : ""}, worst difference per output:\n${Object.entries(worst)
    .map(([f, w]) => `  ${f.padEnd(20)} ${w.d.toExponential(2)}`).join("\n")}`);
  for (const [field, w] of Object.entries(worst)) {
    const tol = field.endsWith("(z* < 1 day)") ? SMALL_Z_TOL : TOL;
    expect(w.d, `${field} at ${w.at}`).toBeLessThanOrEqual(tol);
  }
});
