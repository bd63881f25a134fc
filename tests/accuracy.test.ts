/**
 * z* and its companions against the independent high-precision reference (scripts/reference.py:
 * mpmath tanh-sinh quadrature of the literal integrals at 40 digits), per regime, per backend,
 * within the tolerances of tests/reference-check.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { solve } from "../src/index";
import { BACKENDS, loadFixture, type SolveFixture } from "./helpers";
import { expectReference } from "./reference-check";

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
        const key = `${regime}/${backend}`;
        worst[key] = Math.max(worst[key] ?? 0, expectReference(s, c).zStar!);
      });
    });
  }
}
