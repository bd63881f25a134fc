/**
 * Properties of the model (docs/model.md section 5), on both backends:
 * z* rises with lambda and with gdp and falls with each cost; S is minimised at z*;
 * MB is decreasing in z; E(z) = S(z) - MC z has derivative -MB (checked by finite differences).
 */
import { describe, expect, it } from "vitest";
import { evaluate, solve, type Params } from "../src/index";
import { BACKENDS } from "./helpers";

const increasingIn = (xs: number[]) => xs.every((x, k) => k === 0 || x > xs[k - 1]!);

for (const backend of BACKENDS) {
  describe(`properties, ${backend}`, () => {
    const zAt = (p: Partial<Params>) => solve(p, { backend }).zStar;

    it("z* rises with meanDisruption", () => {
      expect(increasingIn([2, 5, 10, 21, 31, 42, 80, 200].map((v) => zAt({ meanDisruption: v })))).toBe(true);
    });
    it("z* rises with gdp", () => {
      expect(increasingIn([0, 1e11, 1e12, 5e12, 12.2e12, 3e13].map((v) => zAt({ gdp: v })))).toBe(true);
    });
    it.each(["fixedCost", "variableCost", "interestRate"] as const)("z* falls with %s", (name) => {
      const values = [0.001, 0.01, 0.1, 0.5, 1, 3].map((f) => f * (name === "interestRate" ? 0.1 : 5));
      expect(increasingIn(values.map((v) => -zAt({ [name]: v })))).toBe(true);
    });
    it.each([{}, { includeGdp: false }, { elasticity: -1.5 }, { meanDisruption: 0.7 }, { elasticity: -0.01 }])(
      "S(z) is minimised at z* and MB decreases (%j)",
      (p) => {
        const s = solve(p, { backend });
        const sAt = (z: number) => evaluate(z, p, { backend }).totalCost;
        const atStar = sAt(s.zStar);
        expect(Math.abs(atStar - s.totalCost) / s.totalCost).toBeLessThan(1e-12);
        for (const f of [0.5, 0.9, 0.99, 1.01, 1.1, 1.5]) {
          const z = Math.min(365, s.zStar * f);
          expect(sAt(z)).toBeGreaterThan(atStar);
        }
        const grid = Array.from({ length: 60 }, (_, k) => 365 * ((k + 0.5) / 60) ** 2);
        // MB may exceed the double range near z = 0 (m = 100: (H/z)^99); it must decrease strictly where finite.
        const mb = grid.map((z) => evaluate(z, p, { backend }).marginalBenefit).filter((v) => v !== Infinity);
        expect(mb.length).toBeGreaterThan(50);
        expect(increasingIn(mb.map((v) => -v))).toBe(true);
      },
    );
    it("S'(z) = MC - MB(z) (central differences, relative 1e-6)", () => {
      for (const z of [3, 40, 117, 250, 360]) {
        const h = 1e-5 * Math.min(z, 365 - z);
        const dS = (evaluate(z + h, {}, { backend }).totalCost - evaluate(z - h, {}, { backend }).totalCost) / (2 * h);
        const e = evaluate(z, {}, { backend });
        const expected = e.marginalCost - e.marginalBenefit;
        expect(Math.abs(dS - expected) / Math.abs(expected)).toBeLessThan(1e-6);
      }
    });
    it("MB'(z) matches central differences of MB (relative 1e-6)", () => {
      for (const z of [0.5, 10, 117, 300, 364.9]) {
        const h = 1e-4 * Math.min(z, 365 - z);
        const d = (evaluate(z + h, {}, { backend }).marginalBenefit - evaluate(z - h, {}, { backend }).marginalBenefit) / (2 * h);
        const slope = evaluate(z, {}, { backend }).slope;
        expect(Math.abs(d - slope) / Math.abs(slope)).toBeLessThan(1e-6);
      }
    });
  });
}
