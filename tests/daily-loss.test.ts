/**
 * The per-day disruption loss (assembly/kernel/daily-loss.ts) on both backends: its shapes
 * against mpmath, the nesting identity (H x per-day loss integrated over the paper's disruption
 * law is the package's S(z), and its first-order condition gives the paper's z*), world-mode
 * identities, and WebAssembly/JavaScript parity.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_PARAMS, evaluate, solve, type Params } from "../src/index";
import { GDP_FORM, WORLD_LOSS_PART, dailyLoss, dailyLossKernel } from "../src/strategy/daily-loss";
import { BACKENDS, relDiff, rng } from "./helpers";
import { geometricEdges, integrate } from "./quadrature";

interface ShapeRef { m: number; s: number; w: number; wPrime: number }
interface PriceRef { m: number; u: number; J: number }
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "daily-loss.json"), "utf8")) as {
  shortfall: ShapeRef[];
  priceLoss: PriceRef[];
};

/**
 * The paper-equivalent set-up: one disruption of t days a year, t from the truncated exponential
 * on [0, H], spread over D = H days (severity t/H), released uniformly (z/H a day), refilled at P0.
 * Returns S(z) = E[H x daily loss] + MC z and MB(z) = E[release value] (USD/yr, USD/yr per day).
 */
function nested(p: Params, backend: "wasm" | "js") {
  const k = dailyLossKernel(backend);
  const H = p.horizon;
  const lambda = p.meanDisruption;
  const m = -1 / p.elasticity;
  const gdpRate = p.includeGdp ? (p.gdpElasticity * p.gdp) / H : 0;
  const density = (t: number) => Math.exp(-t / lambda) / (lambda * -Math.expm1(-H / lambda));
  const marginalCost = p.imports * (p.fixedCost + p.variableCost + p.interestRate * p.price);
  // Integrate in v = H - t + z in [z, H]: the price term ~ (v/H)^-m is steep near v = z, so the
  // panels are geometric there (64 panels x 20 nodes; the integrand varies by < 2x per panel).
  const over = (z: number, g: (t: number) => number) => integrate((v) => g(H - v + z), geometricEdges(z, H, 64));
  return {
    totalCost: (z: number) =>
      over(z, (t) => density(t) * H * k.domesticDailyLoss(p.imports, p.price, p.priceFloor, m, gdpRate, p.importDependence, t / H, z / H))
      + marginalCost * z,
    marginalBenefit: (z: number) =>
      over(z, (t) => density(t) * k.domesticReleaseValue(p.imports, p.price, p.priceFloor, m, gdpRate, p.importDependence, t / H, z / H)),
    marginalCost,
  };
}

/** The root of MB(z) = MC by bisection to |interval| < 1e-12 days (MB falls in z). */
function nestedZStar(p: Params, backend: "wasm" | "js"): number {
  const n = nested(p, backend);
  let lo = 1;
  let hi = p.horizon - 1;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (n.marginalBenefit(mid) > n.marginalCost) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

describe.each(BACKENDS)("per-day loss (%s)", (backend) => {
  const k = dailyLossKernel(backend);

  it("w(s) and w'(s) match mpmath (50 digits) from s = 1e-9 to 0.99, m = 0.1 to 200", () => {
    let worst = 0;
    for (const r of fixture.shortfall) {
      const w = k.shortfallLossShape(r.s, r.m);
      const wPrime = k.shortfallPriceShape(r.s, r.m);
      // Series region: a few ulps; closed form: cancellation bounded by 2/(m s) (kernel doc), and
      // e^a with a = (1 - m) ln(1 - s) carries |a| ulps of a's rounding (exp's condition number).
      const a = Math.abs((1 - r.m) * Math.log1p(-r.s));
      const tol = 1e-15 * Math.max(8, 4 / (r.m * r.s)) + 4.4e-16 * a;
      const tolPrime = 1e-15 * 8 + 4.4e-16 * r.m * Math.abs(Math.log1p(-r.s));
      expect(relDiff(w, r.w), `w(${r.s}; m=${r.m}) = ${w}, expected ${r.w}`).toBeLessThan(tol);
      expect(relDiff(wPrime, r.wPrime), `w'(${r.s}; m=${r.m}) = ${wPrime}, expected ${r.wPrime}`).toBeLessThan(tolPrime);
      worst = Math.max(worst, relDiff(w, r.w));
    }
    expect(worst).toBeGreaterThan(0); // the comparison really ran over values
  });

  it("J(u) matches mpmath", () => {
    for (const r of fixture.priceLoss) {
      const j = k.priceLossShape(r.u, r.m);
      expect(relDiff(j, r.J), `J(${r.u}; m=${r.m}) = ${j}, expected ${r.J}`).toBeLessThan(1e-14);
    }
  });

  it("edge values: no shortfall, full cover, total loss", () => {
    expect(k.shortfallLossShape(0, 10)).toBe(0);
    expect(k.shortfallLossShape(-0.1, 10)).toBe(0);
    expect(k.shortfallLossShape(1, 10)).toBe(Infinity);
    expect(relDiff(k.shortfallLossShape(1, 0.5), 1)).toBeLessThan(1e-15); // m/(1-m)
    expect(k.domesticDailyLoss(8.65e6, 50.8, 15, 10, 1e9, 0.698, 0.3, 0.3)).toBe(0);
    expect(k.domesticDailyLoss(8.65e6, 50.8, 15, 10, 1e9, 0.698, 0.3, 0.5)).toBe(0);
    expect(k.domesticReleaseValue(8.65e6, 50.8, 15, 10, 1e9, 0.698, 0.3, 0.5)).toBe(0);
  });

  // The paper's base case (and the no-GDP case): S(z) from the package's closed-form kernel versus
  // the per-day loss integrated over the disruption law.
  for (const includeGdp of [true, false]) {
    it(`nesting: H x per-day loss integrates to S(z) to 1e-12 (issue: 1e-9; measured 3e-14) (includeGdp ${includeGdp})`, () => {
      const p = { ...BASE_PARAMS, includeGdp };
      const n = nested(p, backend);
      for (const z of [3, 30, 79.5, 117.147, 200, 300, 360]) {
        const expected = evaluate(z, p, { backend }).totalCost;
        const got = n.totalCost(z);
        expect(relDiff(got, expected), `S(${z}) = ${got}, package ${expected}`).toBeLessThan(1e-12);
      }
    });
  }

  it("nesting: the first-order condition of the integrated loss gives z* = 117.1470521273 (79.5475634633 without GDP)", () => {
    const withGdp = nestedZStar(BASE_PARAMS, backend);
    const withoutGdp = nestedZStar({ ...BASE_PARAMS, includeGdp: false }, backend);
    expect(relDiff(withGdp, 117.1470521273)).toBeLessThan(1e-9);
    expect(relDiff(withoutGdp, 79.5475634633)).toBeLessThan(1e-9);
    expect(relDiff(withGdp, solve({}, { backend }).zStar)).toBeLessThan(1e-9);
    // and it is the minimum of the integrated S:
    const n = nested(BASE_PARAMS, backend);
    expect(n.totalCost(withGdp)).toBeLessThan(n.totalCost(withGdp - 0.01));
    expect(n.totalCost(withGdp)).toBeLessThan(n.totalCost(withGdp + 0.01));
  });

  it("dailyLoss: parts in USD/day, validation names the argument", () => {
    const d = dailyLoss({}, 0.3, 0.1, { backend });
    expect(d.backend).toBe(backend);
    expect(d.total).toBe(d.consumer + d.gdp);
    const gdpRate = (BASE_PARAMS.gdpElasticity * BASE_PARAMS.gdp) / BASE_PARAMS.horizon;
    expect(relDiff(d.gdp, (gdpRate * 0.698 * 0.2) / (1 - 0.698 * 0.3))).toBeLessThan(1e-15);
    expect(() => dailyLoss({}, 1.2, 0)).toThrow(/invalid severity: got 1.2; allowed: 0 <= severity < 1 \(share of normal imports lost\)/);
    expect(() => dailyLoss({}, 0.2, -1)).toThrow(/invalid release: got -1; allowed: 0 <= release <= 1/);
    expect(() => dailyLoss({ elasticity: 3 }, 0.2, 0)).toThrow(/elasticity/);
  });

  describe("world mode", () => {
    const P = 80;
    const P1 = 10;
    it("the world price: no shock, full cover and over-cover give the normal price; a 5% cut with m_w 10 raises it", () => {
      expect(k.worldPrice(P, P1, 10, 0, 0, 100)).toBe(P);
      expect(k.worldPrice(P, P1, 10, 0.05, 5, 100)).toBe(P);
      expect(k.worldPrice(P, P1, 10, 0.05, 50, 100)).toBe(P);
      expect(relDiff(k.worldPrice(P, P1, 10, 0.05, 0, 100), P1 + (P - P1) * 0.95 ** -10)).toBeLessThan(1e-14);
      expect(relDiff(k.worldPrice(P, P1, 10, 0.05, 2, 100), P1 + (P - P1) * 0.97 ** -10)).toBeLessThan(1e-14);
    });

    it("deadweight + extra bill = the consumer loss q (P̄ - P1) J(u), for importers; parts add to the total", () => {
      const next = rng(11);
      for (let i = 0; i < 200; i++) {
        const m = Math.exp(Math.log(0.1) + next() * Math.log(2000));
        const q = 1e3 + next() * 1e7;
        const worldP = P * (1 + 3 * next());
        const release = next() * 1e5;
        const gdpRate = next() * 1e9;
        const form = next() < 0.5 ? GDP_FORM.paper : GDP_FORM.price;
        const total = k.worldDailyLoss(q, P, P1, m, worldP, release, gdpRate, 0.7, form);
        const parts = {
          deadweight: k.worldLossPart(WORLD_LOSS_PART.deadweight),
          bill: k.worldLossPart(WORLD_LOSS_PART.importBill),
          revenue: k.worldLossPart(WORLD_LOSS_PART.releaseRevenue),
          gdp: k.worldLossPart(WORLD_LOSS_PART.gdp),
        };
        const consumer = q * (P - P1) * k.priceLossShape((worldP - P1) / (P - P1), m);
        expect(relDiff(parts.deadweight + parts.bill, consumer)).toBeLessThan(1e-12);
        expect(parts.revenue).toBe(worldP * release);
        expect(relDiff(total, parts.deadweight + parts.bill - parts.revenue + parts.gdp)).toBeLessThan(1e-15);
        if (form === GDP_FORM.price) expect(relDiff(parts.gdp, gdpRate * Math.log(worldP / P))).toBeLessThan(1e-15);
        else {
          const cut = 1 - ((worldP - P1) / (P - P1)) ** (-1 / m);
          expect(relDiff(parts.gdp, (gdpRate * 0.7 * cut) / (1 - 0.7 * cut))).toBeLessThan(1e-12);
        }
      }
    });

    it("a net exporter gains the extra revenue and has no deadweight; nothing happens at the normal price", () => {
      const total = k.worldDailyLoss(-2e6, P, P1, 4, 100, 0, 0, 0.5, GDP_FORM.paper);
      expect(k.worldLossPart(WORLD_LOSS_PART.deadweight)).toBe(0);
      expect(total).toBe(-(100 - P) * 2e6);
      expect(k.worldDailyLoss(3e6, P, P1, 4, P, 0, 1e9, 0.5, GDP_FORM.price)).toBe(0);
      expect(k.worldDailyLoss(3e6, P, P1, 4, P, 0, 1e9, 0.5, GDP_FORM.paper)).toBe(0);
    });
  });
});

describe("per-day loss parity, WebAssembly versus JavaScript", () => {
  it("seeded random inputs over the package's ranges agree to 1e-13 relative", () => {
    const wasm = dailyLossKernel("wasm");
    const js = dailyLossKernel("js");
    const next = rng(2026);
    let worst = 0;
    for (let i = 0; i < 5000; i++) {
      const m = Math.exp(Math.log(0.1) + next() * Math.log(2000));
      const sigma = next();
      const r = next() * sigma * 1.2;
      const args = [1e6 * next(), 80, 80 * next(), m, 1e9 * next(), next(), sigma, r] as const;
      const pairs: [number, number][] = [
        [wasm.shortfallLossShape(sigma, m), js.shortfallLossShape(sigma, m)],
        [wasm.domesticDailyLoss(...args), js.domesticDailyLoss(...args)],
        [wasm.domesticReleaseValue(...args), js.domesticReleaseValue(...args)],
        [wasm.worldPrice(80, 10, m, sigma * 0.3, r * 1e6, 1e8), js.worldPrice(80, 10, m, sigma * 0.3, r * 1e6, 1e8)],
        [wasm.worldDailyLoss(1e6, 80, 10, m, 80 + 100 * sigma, r * 1e5, 1e9, 0.6, i % 2),
          js.worldDailyLoss(1e6, 80, 10, m, 80 + 100 * sigma, r * 1e5, 1e9, 0.6, i % 2)],
      ];
      for (const [a, b] of pairs) worst = Math.max(worst, relDiff(a, b));
    }
    expect(worst).toBeLessThan(1e-13);
  });
});
