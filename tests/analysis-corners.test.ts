/**
 * Analysis near the allowed bounds and at the corners (issue 14): derivatives as d -> 1, ranges
 * clamped to the dependent rule, the d = 1 corner flagged or excluded, Monte Carlo counts.
 */
import { describe, expect, it } from "vitest";
import { breakEven, defaultRange, elasticities, isParameterError, monteCarlo, resolveParams, solve, tornado, type Params } from "../src/index";
import { drawMonteCarlo } from "../src/analysis/montecarlo";
import { BACKENDS, randomParams, relDiff, rng } from "./helpers";

/**
 * d(z*)/d(theta) by re-solving (not the IFT path under test): Richardson extrapolation of central
 * differences with steps h and h/2, h = 1e-3 of the distance to the nearest bound.
 */
function referenceDerivative(p: Partial<Params>, name: keyof Params, value: number, h: number): number {
  const z = (x: number) => solve({ ...p, [name]: x }).zStar;
  const d1 = (z(value + h) - z(value - h)) / (2 * h);
  const d2 = (z(value + h / 2) - z(value - h / 2)) / h;
  return (4 * d2 - d1) / 3;
}

for (const backend of BACKENDS) {
  describe(`elasticities near the bounds, ${backend}`, () => {
    it.each([[0.99999, 331.3], [0.999999, 2960.8], [0.9999999, 29262]])(
      "dz*/dd at d = %s is about %s (steps scaled to 1 - d)", (d, published) => {
        const row = elasticities({ importDependence: d }, { backend }).rows.find((r) => r.name === "importDependence")!;
        expect(relDiff(row.derivative, published)).toBeLessThan(2e-4);
        const reference = referenceDerivative({}, "importDependence", d, (1 - d) * 1e-2);
        expect(relDiff(row.derivative, reference), `${row.derivative} vs ${reference}`).toBeLessThan(1e-6);
      });

    it("one-sided at a bound of the allowed range (lambda = 0.1, elasticity = -0.005, H = 3650) agrees with re-solving", () => {
      for (const [p, name, h] of [
        [{ meanDisruption: 0.1, horizon: 5 }, "meanDisruption", 1e-4], [{ elasticity: -0.005 }, "elasticity", -1e-7],
        [{ horizon: 3650 }, "horizon", -0.01],
      ] as const) {
        const e = elasticities(p, { backend });
        const row = e.rows.find((r) => r.name === name)!;
        // A one-sided reference, re-solving: second-order backward difference.
        const z = (x: number) => solve({ ...p, [name]: x }, { backend }).zStar;
        const v = row.value;
        const reference = (3 * z(v) - 4 * z(v + h) + z(v + 2 * h)) / (-2 * h);
        expect(relDiff(row.derivative, reference), `${name}: ${row.derivative} vs ${reference}`).toBeLessThan(1e-5);
      }
    });

    it("never throws for a valid base and gives finite numbers (300 random sets over the whole range)", () => {
      const next = rng(14);
      for (let k = 0; k < 300; k++) {
        const p = randomParams(next);
        if (p.importDependence === 1) continue; // kernel: evaluate at d = 1 is the kernel engineer's fix
        const e = elasticities(p, { backend });
        // -Infinity only at the horizon corner where MB'(H) = 0 (a vertical tangent).
        for (const row of e.rows) {
          const ok = Number.isFinite(row.derivative) || (e.status === "horizon" && row.derivative === -Infinity);
          expect(ok, `${row.name}: ${row.derivative} for ${JSON.stringify(p)}`).toBe(true);
        }
      }
    });
  });
}

describe("elasticities where MB'(z*) overflows (z* = 1e-303)", () => {
  // z* is a valid interior root so small that MB'(z*) is -Infinity in doubles; z MB' is finite.
  const p = {
    price: 4546.364203589777, priceFloor: 3978.8904098245503, elasticity: -0.8818260543813788, meanDisruption: 0.6497455786703563,
    importDependence: 0.9275787756693566, imports: 36997.68054353805, gdpElasticity: 0.4219261035323143, gdp: 4020069898.453941,
    fixedCost: 416.4236826741138, variableCost: 1.3279725606553257, interestRate: 0.0978727260720916, horizon: 66.07601598791824,
    includeGdp: true,
  };
  // The reference's own error: z* is re-solved to ~1e-13 relative, i.e. ~1e-13 in ln z*, over a 2e-6 step: ~5e-8 absolute.
  it.each(BACKENDS)("%s: every elasticity agrees with re-solving (central difference of ln z* in ln theta) to 1e-7 x max(1, |e|)", (backend) => {
    const e = elasticities(p, { backend });
    expect(e.zStar).toBeLessThan(1e-300);
    for (const row of e.rows) {
      if (row.name === "horizon" || row.name === "importDependence") continue; // tiny effect, checked elsewhere
      if (row.name === "eventProbability" || row.name === "chokePrice") continue; // at their defaults here; tests/extensions.test.ts
      const h = 1e-6;
      const at = (f: number) => Math.log(solve({ ...p, [row.name]: (p as unknown as Record<string, number>)[row.name]! * f }, { backend }).zStar);
      const resolved = (at(1 + h) - at(1 - h)) / (Math.log1p(h) - Math.log1p(-h));
      expect(Math.abs(row.elasticity - resolved), `${row.name}: ${row.elasticity} vs ${resolved}`).toBeLessThan(1e-7 * Math.max(1, Math.abs(resolved)));
    }
  });
});

describe("elasticities where MB'(z*) overflows next to H", () => {
  it.each(BACKENDS)("%s: no room for a difference in ln z (z* e^1e-4 > H): beyond double precision, said so", (backend) => {
    const p = {
      price: 755.4137405411174, priceFloor: 614.630830333485, elasticity: -1.214848420703071, meanDisruption: 237.6177466151918,
      importDependence: 0.42322381865297665, imports: 60.71821224531083, gdpElasticity: Number.MAX_VALUE, gdp: 1960538532.0855072,
      fixedCost: 1e300, variableCost: 0.4598292033188045, interestRate: 0.14069229809101672, horizon: 2.2147412771225023, includeGdp: true,
    };
    let error: unknown;
    try {
      elasticities(p, { backend });
    } catch (e) {
      error = e;
    }
    expect(isParameterError(error) && (error as Error).message).toMatch(/is beyond double precision/);
  });
});

describe("elasticities where d is within a few ulps of 1", () => {
  it.each(BACKENDS)("%s: steps the doubles cannot represent are refused as beyond double precision, never a silent 0", (backend) => {
    for (const e of [50, 51, 53]) {
      let error: unknown;
      try {
        elasticities({ importDependence: 1 - 2 ** -e }, { backend });
      } catch (err) {
        error = err;
      }
      expect(isParameterError(error) && (error as Error).message, `1 - 2^-${e}`).toMatch(/beyond double precision \(the difference steps near importDependence/);
    }
    // 2^-40 still resolves: the derivative is large and finite (z* rises like -log(1 - d)).
    const row = elasticities({ importDependence: 1 - 2 ** -40 }, { backend }).rows.find((r) => r.name === "importDependence")!;
    expect(row.derivative).toBeGreaterThan(1e9);
  });
});

describe("elasticities: the two backends agree to 1e-12 relative", () => {
  it.each([{}, { includeGdp: false }, { elasticity: -1.5, meanDisruption: 40 }, { importDependence: 0.95 }, { meanDisruption: 0.1, horizon: 5 }, { horizon: 3650 }, { price: 200, priceFloor: 0 }])(
    "%j", (base) => {
      const a = elasticities(base, { backend: "wasm" });
      const b = elasticities(base, { backend: "js" });
      a.rows.forEach((row, k) => {
        const other = b.rows[k]!.derivative;
        expect(Math.abs(row.derivative - other), `${row.name}: ${row.derivative} vs ${other}`)
          .toBeLessThanOrEqual(1e-12 * Math.abs(row.derivative) + 1e-300);
      });
    });
});

describe("tornado", () => {
  it("clamps default ranges to priceFloor <= price: tornado({ price: 25 }) has no NaN row", () => {
    const t = tornado({ price: 25 });
    const price = t.rows.find((r) => r.name === "price")!;
    expect([price.low, price.high]).toEqual([15, 37.5]);
    const floor = tornado({ price: 25, priceFloor: 20 }).rows.find((r) => r.name === "priceFloor")!;
    expect([floor.low, floor.high]).toEqual([10, 25]);
    for (const row of t.rows) {
      expect(Number.isFinite(row.zLow) && Number.isFinite(row.zHigh) && Number.isFinite(row.swing), row.name).toBe(true);
    }
  });

  it("default ranges stay finite and off open bounds where 0.5 x base underflows or 1.5 x base overflows", () => {
    const MAX = Number.MAX_VALUE;
    expect(defaultRange("price", resolveParams({ price: 5e-324, priceFloor: 0 }))).toEqual([5e-324, 1e-323]);
    expect(defaultRange("imports", resolveParams({ imports: 5e-324 }))).toEqual([5e-324, 1e-323]);
    expect(defaultRange("imports", resolveParams({ imports: MAX }))).toEqual([MAX / 2, MAX]);
    expect(defaultRange("fixedCost", resolveParams({ fixedCost: MAX }))).toEqual([MAX / 2, MAX]);
    for (const backend of BACKENDS) {
      for (const base of [{ price: 5e-324, priceFloor: 0 }, { imports: 5e-324 }, { gdpElasticity: MAX }, { fixedCost: MAX }, { price: MAX }]) {
        for (const row of tornado(base, {}, { backend }).rows) {
          expect([row.zLow, row.zHigh, row.statusLow, row.statusHigh], `${JSON.stringify(base)} ${row.name}`).not.toContain(NaN);
          expect([row.statusLow, row.statusHigh]).not.toContain("invalid");
        }
      }
    }
  });

  it("flags the d = 1 corner (z* = H by definition) and only it", () => {
    const t = tornado({});
    const d = t.rows.find((r) => r.name === "importDependence")!;
    expect(d).toMatchObject({ high: 1, zHigh: 365, statusHigh: "unbounded", corner: true });
    expect(t.rows.filter((r) => r.corner).map((r) => r.name)).toEqual(["importDependence"]);
    // Without the GDP term d = 1 is no corner: the row is a plain sensitivity.
    expect(tornado({ includeGdp: false }).rows.some((r) => r.corner)).toBe(false);
  });

  it("the CLI's tornado chart labels the corner bar", async () => {
    const { tornadoSpec } = await import("../src/cli/plot");
    const t = tornado({});
    const ends = (tornadoSpec(t.rows, t.zStar, 365) as unknown as { data: { values: { row: string; text: string }[] } }).data.values;
    const corners = ends.filter((e) => e.text.endsWith(" (corner)")).map((e) => e.row);
    expect(corners).toHaveLength(1);
    expect(corners[0]).toMatch(/^importDependence /);
  });

  it("a user range outside the allowed values is a ParameterError naming it, not a NaN row", () => {
    expect(() => tornado({ price: 25 }, { price: [10, 30] })).toThrow(/invalid priceFloor: got 15; allowed: 0 <= priceFloor <= price = 10/);
  });
});

describe("monteCarlo", () => {
  it("truncates a sampled floor against each row's own sampled price (price U(30, 60), floor N(40, 10))", () => {
    const dists = { price: { type: "uniform", min: 30, max: 60 }, priceFloor: { type: "normal", mean: 40, sd: 10 } } as const;
    const r = monteCarlo({}, dists, { samples: 10_000, seed: 1 });
    expect(r.invalidSamples).toBe(0);
    expect(r.samples).toBe(10_000);
    const draw = drawMonteCarlo({}, dists, { samples: 10_000, seed: 1 });
    const prices = draw.columns.price as Float64Array;
    const floors = draw.columns.priceFloor as Float64Array;
    expect(floors.every((f, i) => f >= 0 && f <= prices[i]!)).toBe(true);
    // Truncated, not clipped: floors above 30 occur (only where the row's price allows).
    expect(floors.some((f) => f > 45)).toBe(true);
  });

  it("a sampled price stays above a fixed floor when its law is truncated; uniform draws below it are counted", () => {
    const n = monteCarlo({}, { price: { type: "normal", mean: 16, sd: 5 } }, { samples: 2000, seed: 2 });
    expect(n.invalidSamples).toBe(0);
    const u = monteCarlo({}, { price: { type: "uniform", min: 10, max: 20 } }, { samples: 2000, seed: 2 });
    expect(u.invalidSamples).toBeGreaterThan(800);
    expect(u.invalidSamples).toBeLessThan(1200);
    expect(u.samples + u.invalidSamples).toBe(2000);
  });

  it("with no distribution every sample is the base case: none invalid", () => {
    const r = monteCarlo({}, {}, { samples: 1000, seed: 1 });
    expect(r.samples).toBe(1000);
    expect(r.invalidSamples).toBe(0);
    expect(r.histogram.counts).toEqual([1000]);
    expect(r.mean).toBe(solve({}).zStar);
  });
});

describe("breakEven at the d = 1 corner", () => {
  it("no d gives 200 days: a ParameterError naming the reachable z* range, not d = 1", () => {
    let error: unknown;
    try {
      breakEven({}, "importDependence", 200);
    } catch (e) {
      error = e;
    }
    expect(isParameterError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^no importDependence in \[1e-9, 1\] makes 200 days optimal: z\* ranges over \[79.5476, 128.8\d*\] days there \(z\* = H = 365 only at the corner importDependence = 1, status unbounded/);
  });

  it("stocks at the corners (0 and H) are the edges of the corner regions", () => {
    // Without the GDP term and with m < 1 (elasticity -2), z* = 0 once the cost of capital is high
    // enough, and z* = H at no cost at all.
    const p = { includeGdp: false, elasticity: -2, fixedCost: 0, variableCost: 0 };
    const b = breakEven(p, "interestRate", 0);
    expect(solve({ ...p, interestRate: b.value * (1 + 1e-9) }).zStar).toBe(0);
    expect(solve({ ...p, interestRate: b.value * (1 - 1e-6) }).zStar).toBeGreaterThan(0);
    // z* = H holds at i = 0 and, in doubles, for i up to ~1e-39: the edge of that interval.
    const top = breakEven(p, "interestRate", 365);
    expect(top.value).toBeLessThan(1e-30);
    expect(solve({ ...p, interestRate: top.value }).zStar).toBe(365);
    expect(() => breakEven({ ...p, fixedCost: 1e4 }, "gdp", 0)).toThrow(/^no single gdp in \[0, .*\] makes 0 days optimal: every value there gives z\* = 0 days \(a corner\)/);
  });

  it("a stock inside the reachable range is found below the corner", () => {
    const b = breakEven({}, "importDependence", 125);
    expect(b.value).toBeLessThan(1);
    expect(relDiff(solve({ importDependence: b.value }).zStar, 125)).toBeLessThan(1e-9);
  });
});

describe("elasticities at the horizon corner (no holding cost: z* = H)", () => {
  it("cost derivatives are one-sided and match re-solving with a small cost; dz*/dH = 1; the rest are 0", () => {
    for (const backend of BACKENDS) {
      const base = { fixedCost: 0, variableCost: 0, interestRate: 0 };
      const e = elasticities(base, { backend });
      expect(e.status).toBe("horizon");
      expect(e.zStar).toBe(365);
      for (const row of e.rows) {
        if (row.name === "horizon") {
          // z* = H for every H here: re-solving at H + 10 gives z* = H + 10.
          expect(solve({ ...base, horizon: 375 }, { backend }).zStar).toBe(375);
          expect([row.derivative, row.elasticity]).toEqual([1, 1]);
          continue;
        }
        if (!["fixedCost", "variableCost", "interestRate"].includes(row.name)) {
          expect(row.derivative, row.name).toBe(0);
          continue;
        }
        const h = row.name === "interestRate" ? 1e-9 : 1e-8;
        expect(row.derivative).toBeLessThan(0);
        const moved = solve({ ...base, [row.name]: h }, { backend }).zStar;
        expect(relDiff(row.derivative, (moved - 365) / h), `${row.name}: ${row.derivative} vs ${(moved - 365) / h}`).toBeLessThan(1e-3);
      }
    }
  });

  it("without the GDP term MB'(H) = 0 and z* leaves H with a vertical tangent: -Infinity", () => {
    const e = elasticities({ fixedCost: 0, variableCost: 0, interestRate: 0, includeGdp: false });
    expect(e.rows.find((r) => r.name === "fixedCost")!.derivative).toBe(-Infinity);
    const drop = (h: number) => (365 - solve({ fixedCost: h, variableCost: 0, interestRate: 0, includeGdp: false }).zStar) / h;
    expect(drop(1e-6)).toBeGreaterThan(10 * drop(1e-4)); // the difference quotient grows without bound
  });
});

describe("elasticities at the other corners", () => {
  it("unbounded (d = 1 with the GDP term, z* = H): dz*/dH = 1 (elasticity 1), every other derivative 0", () => {
    for (const backend of BACKENDS) {
      const e = elasticities({ importDependence: 1 }, { backend });
      expect([e.status, e.zStar]).toEqual(["unbounded", 365]);
      expect(solve({ importDependence: 1, horizon: 300 }, { backend }).zStar).toBe(300);
      for (const row of e.rows) {
        const expected = row.name === "horizon" ? 1 : 0;
        expect([row.derivative, row.elasticity], row.name).toEqual([expected, expected]);
      }
    }
  });

  it("zero (MB(0+) <= MC, z* = 0): every derivative and elasticity is 0", () => {
    for (const backend of BACKENDS) {
      const e = elasticities({ includeGdp: false, priceFloor: 50.8 }, { backend }); // P1 = P0: no surplus gain
      expect([e.status, e.zStar]).toEqual(["zero", 0]);
      for (const row of e.rows) expect([row.derivative, row.elasticity], row.name).toEqual([0, 0]);
    }
  });
});
