import { describe, expect, it } from "vitest";
import reference from "./fixtures/normal.json";
import { erfc, normalCdf, normalMass, normalQuantileLower, normalUpper } from "../src/strategy/normal";
import { bivariateMass, cellExpMoment, priceCells, splitCells } from "../src/strategy/price-cells";
import { rouwenhorst } from "../src/strategy/chain";

// References: mpmath at 50 digits (scripts/normal-reference.py -> tests/fixtures/normal.json).
const relative = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a / b - 1));

describe("the normal distribution of the price cells (src/strategy/normal.ts)", () => {
  it("erfc matches mpmath to 1e-15 relative on every branch of Cody's approximation", () => {
    expect(reference.erfc.length).toBeGreaterThan(15);
    for (const { x, erfc: want } of reference.erfc) expect(relative(erfc(x), want), `erfc(${x})`).toBeLessThan(1e-15);
  });

  it("Φ and its upper tail match mpmath to 1e-15 x max(1, x²) relative, including deep tails", () => {
    // Rounding x/√2 costs a relative x² ε (erfc's log-derivative there): 1e-13 at x = -30.
    for (const { x, cdf } of reference.cdf) {
      const tolerance = 1e-15 * Math.max(1, x * x);
      expect(relative(normalCdf(x), cdf), `Φ(${x})`).toBeLessThan(tolerance);
      expect(relative(normalUpper(-x), cdf), `Q(${-x})`).toBeLessThan(tolerance);
    }
  });

  it("the lower quantile matches mpmath to 1e-14 relative down to p = 2^-200", () => {
    for (const { p, x } of reference.quantile) {
      if (x === 0) expect(normalQuantileLower(p)).toBe(0);
      else expect(relative(normalQuantileLower(p), x), `p = ${p}`).toBeLessThan(1e-14);
    }
    expect(() => normalQuantileLower(0.7)).toThrow(RangeError);
  });

  it("an interval's mass comes from the tail that keeps its digits", () => {
    expect(normalMass(-Infinity, Infinity)).toBe(1);
    expect(normalMass(1, 1)).toBe(0);
    expect(relative(normalMass(9, Infinity), reference.cdf.find((c) => c.x === -8)!.cdf)).toBeGreaterThan(0.5); // Q(9) << Φ(-8)
    expect(relative(normalMass(8, Infinity), reference.cdf.find((c) => c.x === -8)!.cdf)).toBeLessThan(64e-15);
  });
});

describe("price cells (src/strategy/price-cells.ts)", () => {
  it("partition the stationary normal into the Rouwenhorst grid's binomial masses, symmetrically", () => {
    const { points } = rouwenhorst(5, 0.97, 0.04);
    const spread = 0.04 / Math.sqrt(1 - 0.97 ** 2);
    const cells = priceCells(points, spread);
    const binomial = [1, 4, 6, 4, 1].map((c) => c / 16);
    binomial.forEach((w, j) => expect(relative(normalMass(cells.bounds[j]!, cells.bounds[j + 1]!), w)).toBeLessThan(1e-14));
    expect(relative(cells.bounds[1]!, reference.fiveStateBounds[0]!)).toBeLessThan(1e-14);
    expect(relative(cells.bounds[2]!, reference.fiveStateBounds[1]!)).toBeLessThan(1e-14);
    expect(cells.bounds[3]).toBe(-cells.bounds[2]!);
    // Each cell's price P0 c_j e^χ has mean P0 e^(χ_j), the state's price.
    points.forEach((chi, j) => {
      const mean = Math.exp(cells.logScale[j]!) * cellExpMoment(spread, cells.bounds[j]!, cells.bounds[j + 1]!, 1) / binomial[j]!;
      expect(relative(mean, Math.exp(chi))).toBeLessThan(1e-14);
    });
  });

  it("a 201-state grid's outer cells keep their 2^-200 masses", () => {
    const { points } = rouwenhorst(201, 0.99, 0.01);
    const cells = priceCells(points, 0.01 / Math.sqrt(1 - 0.99 ** 2));
    expect(relative(normalMass(-Infinity, cells.bounds[1]!), 2 ** -200)).toBeLessThan(1e-13);
    expect(relative(normalMass(cells.bounds[200]!, Infinity), 2 ** -200)).toBeLessThan(1e-13);
    expect(cells.logScale.every(Number.isFinite)).toBe(true);
  });

  it("the bivariate normal mass of a rectangle matches mpmath within 1e-9 relative or 1e-12 absolute (Simpson, steps <= sqrt(1 - ρ²)/40)", () => {
    for (const r of reference.bivariate) {
      const got = bivariateMass(Number(r.a), Number(r.b), Number(r.c), Number(r.d), r.rho);
      expect(Math.abs(got - r.mass), JSON.stringify(r)).toBeLessThan(1e-9 * r.mass + 1e-12);
    }
  });

  it("splitting at a threshold: one more state, rows of probabilities, the parts' prices average to the cell's, other rows kept", () => {
    const rho = Math.exp(-1.49 * 7 / 365);
    const shock = 0.286 * Math.sqrt(-Math.expm1(-2 * 1.49 * 7 / 365) / (2 * 1.49));
    const { points, transition } = rouwenhorst(5, rho, shock);
    const cells = priceCells(points, 0.286 / Math.sqrt(2 * 1.49));
    const price0 = 50.8;
    const none = splitCells(price0, points, transition, cells, [1e6], rho);
    expect(none.logPrices).toBe(points);
    const split = splitCells(price0, points, transition, cells, [60], rho);
    const m = split.logPrices.length;
    expect(m).toBe(6);
    for (let u = 0; u < m; u++) {
      let sum = 0;
      for (let v = 0; v < m; v++) sum += split.transition[u * m + v]!;
      expect(sum).toBeCloseTo(1, 12);
    }
    // 60 USD/unit is χ = 0.166 inside cell 3: parts 3 and 4 of the split grid, meeting at the threshold.
    const z = (Math.log(60 / price0) - cells.logScale[3]!) / cells.spread;
    expect(split.cells.bounds[4]).toBe(z);
    const masses = [3, 4].map((u) => normalMass(split.cells.bounds[u]!, split.cells.bounds[u + 1]!));
    const mean = (masses[0]! * Math.exp(split.logPrices[3]!) + masses[1]! * Math.exp(split.logPrices[4]!)) / (masses[0]! + masses[1]!);
    expect(relative(mean, Math.exp(points[3]!))).toBeLessThan(1e-13);
    // A row from an unsplit cell keeps its Rouwenhorst probabilities, the split cell's shared between its parts.
    for (let k = 0; k < 5; k++) {
      const parts = k < 3 ? [k] : k === 3 ? [3, 4] : [5];
      const total = parts.reduce((acc, v) => acc + split.transition[1 * m + v]!, 0);
      expect(total).toBeCloseTo(transition[1 * 5 + k]!, 14);
    }
    // The part above the threshold stays above more often than the part below crosses up.
    expect(split.transition[4 * m + 4]!).toBeGreaterThan(split.transition[3 * m + 4]!);
  });
});

