/**
 * Every method switch of the kernel (docs/numerics.md, "Regimes"), just either side of it, on
 * both backends: the values agree with their neighbours across the switch (no jump beyond what
 * the slope explains, relative 1e-12) and WASM agrees with JS (relative 1e-12) on each side.
 */
import { describe, expect, it } from "vitest";
import { evaluate, type Params } from "../src/index";
import { relDiff } from "./helpers";
import { expectSmoothSwitch } from "./switch-check";

const H = 365;
const lambda = 21;
const m = 10;

/** Points z(1 - r), z, z(1 + r) around a switch at z (r relative, tiny). */
const around = (z: number, r = 1e-13): number[] => [z * (1 - r), z, z * (1 + r)];

/** Across a switch MB, MB', S move only as their slopes say; and the backends agree. */
function checkAcross(zs: number[], p: Partial<Params>): void {
  const [a, b] = [zs[0]!, zs[zs.length - 1]!];
  const e = (z: number, backend: "wasm" | "js") => evaluate(z, p, { backend });
  for (const backend of ["wasm", "js"] as const) {
    const lo = e(a, backend);
    const hi = e(b, backend);
    // MB(b) - MB(a) = MB' (b - a) to first order; the second-order term is below 1e-24 here.
    // Where MB' overflows (MB ~ z^(1-m) at z ~ 1e-250), MB moves by at most |1 - m| (b - a)/a.
    if (Number.isFinite(lo.slope)) {
      const predicted = lo.marginalBenefit + lo.slope * (b - a);
      expect(relDiff(hi.marginalBenefit, predicted), `MB jump at ${a}..${b} ${JSON.stringify(p)}`).toBeLessThan(1e-12);
    } else {
      expect(relDiff(hi.marginalBenefit, lo.marginalBenefit), `MB jump at ${a}..${b}`).toBeLessThan(3 * (b - a) / a + 1e-12);
    }
    // S(b) - S(a) = (MC - MB)(b - a).
    const sPredicted = lo.totalCost + (lo.marginalCost - lo.marginalBenefit) * (b - a);
    expect(relDiff(hi.totalCost, sPredicted), `S jump at ${a}..${b}`).toBeLessThan(1e-12);
    // MB' ~ z^-(m+1) near 0: it moves by at most (m + 1) (b - a)/a (m <= 10 here).
    expect(relDiff(hi.slope, lo.slope), `MB' jump at ${a}..${b}`).toBeLessThan(11 * (b - a) / a + 1e-11);
  }
  for (const z of zs) {
    const w = e(z, "wasm");
    const j = e(z, "js");
    for (const f of ["marginalBenefit", "slope", "totalCost"] as const) {
      expect(relDiff(w[f], j[f]), `${f} parity at ${z}`).toBeLessThan(1e-12);
    }
  }
}

describe("regime switches of evaluate", () => {
  it("series / near-horizon quadrature: |ln(z/H)| max(m, H/lambda, 8) = 2", () => {
    checkAcross(around(H * Math.exp(-2 / Math.max(m, H / lambda, 8))), {});
    checkAcross(around(365 * Math.exp(-2 / 8), 1e-13), { meanDisruption: 200, elasticity: -0.2, includeGdp: false });
  });

  it("GDP: exponential integrals / Gauss-Legendre in ln y (H - z = lambda, or lambda y0 (e - 1))", () => {
    // Base case: y0 = H(1 - d)/(d lambda) = 7.5, so the switch is at H - z = lambda.
    checkAcross(around(H - lambda), { priceFloor: 50.8 });
    // d = 0.99: y0 = 0.176, switch where ln(1 + (H - z)/(lambda y0)) = 1.
    const y0 = (H * 0.01) / (0.99 * lambda);
    checkAcross(around(H - lambda * y0 * (Math.E - 1)), { priceFloor: 50.8, importDependence: 0.99 });
  });

  it("tiny reserves: z/H = 1e-250 (first-terms window) and z = 1e-290 (logs taken apart)", () => {
    for (const p of [{ elasticity: -1 / 1.5 }, { elasticity: -1 / 2.01, includeGdp: false }, { elasticity: -2 }]) {
      checkAcross(around(H * 1e-250, 1e-10), p);
      checkAcross(around(1e-290, 1e-10), p);
    }
  });
});

describe("per-case switches of solve (parameters either side), both backends agree and z* is continuous", () => {
  const cases: [string, (v: number) => Partial<Params>, number][] = [
    // The Poisson window starts at 0 up to H/lambda = 600, further in beyond.
    ["H/lambda = 600", (v) => ({ meanDisruption: v, includeGdp: false, fixedCost: 0.01 }), H / 600],
    // ln k! exact below 20, Stirling from 20: the near-integer index floor(m - 1/2) crosses 20 at m = 20.5.
    ["m = 20.5", (v) => ({ elasticity: -1 / v }), 20.5],
    // e^-y Ei(y): convergent series below y0 = 42, asymptotic from 42 (d where H(1-d)/(d lambda) = 42).
    ["y0 = 42", (v) => ({ importDependence: v }), H / (H + 42 * lambda)],
    // The initial estimate (guess.ts) uses the exponential form only while m lambda / H < 1/2
    // and the power-law form only for m > 1: z* must not depend on which start the solver took.
    ["estimate: m lambda/H = 1/2", (v) => ({ meanDisruption: v }), H / (2 * m)],
    ["estimate: m lambda/H = 1/2, no GDP", (v) => ({ meanDisruption: v, includeGdp: false }), H / (2 * m)],
    ["estimate: m = 1", (v) => ({ elasticity: -1 / v }), 1],
  ];
  it.each(cases)("%s", (_name, at, v) => {
    expectSmoothSwitch(at(v * (1 - 1e-12)), at(v), at(v * (1 + 1e-12)));
  });
});
