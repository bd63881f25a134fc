/** The analysis API of issue 3, on both backends where results depend on the kernel. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BASE_PARAMS, PARAMETER_SPECS, VERSION, breakEven, curve, elasticities, evaluate, grid, gridChunks,
  gridCoords, gridIndex, gridLayout, hashParams, monteCarlo, paperCases, sensitivity, solve, tornado,
} from "../src/index";
import { BACKENDS, relDiff } from "./helpers";

describe("grid layout", () => {
  it("flat index and coordinates round-trip (last axis fastest)", () => {
    const layout = gridLayout({ meanDisruption: [1, 2, 3], fixedCost: [1, 2], price: [10, 20, 30, 40] });
    expect(layout.shape).toEqual([3, 2, 4]);
    expect(layout.strides).toEqual([8, 4, 1]);
    for (let i = 0; i < layout.size; i++) expect(gridIndex(layout, gridCoords(layout, i))).toBe(i);
    expect(gridCoords(layout, 13)).toEqual([1, 1, 1]);
    expect(() => gridIndex(layout, [3, 0, 0])).toThrow(/invalid coords\[0\]: got 3; allowed: a whole number in \[0, 2\]/);
    expect(() => gridCoords(layout, 24)).toThrow(/invalid index: got 24; allowed: a whole number in \[0, 23\]/);
  });
});

for (const backend of BACKENDS) {
  describe(`analysis, ${backend}`, () => {
    it("the paper's sensitivity cases come out of sensitivity() and grid() unchanged", () => {
      const lambdaCase = sensitivity({}, "meanDisruption", [21, 31, 42], { backend });
      const priceCase = sensitivity({}, "price", [50.8, 76.2, 101.6], { backend });
      const byName = new Map(paperCases.map((c) => [c.name, solve(c.params, { backend }).zStar]));
      expect(Array.from(lambdaCase.zStar)).toEqual([byName.get("base"), byName.get("longer disruptions"), byName.get("much longer disruptions")]);
      expect(Array.from(priceCase.zStar)).toEqual([byName.get("base"), byName.get("higher price"), byName.get("much higher price")]);
      const g = grid({}, { fixedCost: [2.5, 3.75, 5], variableCost: [0.4, 0.6, 0.8], interestRate: [0.0435, 0.06525, 0.087] }, { backend });
      expect(g.zStar[gridIndex(g, [1, 1, 1])]).toBe(byName.get("costs +50%"));
      expect(g.zStar[gridIndex(g, [2, 2, 2])]).toBe(byName.get("costs +100%"));
      expect(lambdaCase.meta).toEqual({ version: VERSION, backend, paramsHash: hashParams(BASE_PARAMS) });
    });

    it("gridChunks streams the same points as grid(), in order, for any chunk size", () => {
      const real = { meanDisruption: [5, 10, 21, 31, 42], fixedCost: [1, 2.5, 4] };
      const whole = grid({ includeGdp: false }, real, { backend });
      for (const size of [1, 4, 7, 15, 100]) {
        const parts: number[] = [];
        for (const chunk of gridChunks({ includeGdp: false }, real, { backend, chunkSize: size })) {
          expect(chunk.start).toBe(parts.length);
          parts.push(...chunk.zStar);
        }
        expect(parts).toEqual(Array.from(whole.zStar));
      }
      const [i, j] = gridCoords(whole, 7);
      expect(whole.zStar[7]).toBe(solve({ includeGdp: false, meanDisruption: real.meanDisruption[i!], fixedCost: real.fixedCost[j!] }, { backend }).zStar);
    });

    it("gridChunks with first and step streams exactly the points first, first + step, ... (shards)", () => {
      const axes = { meanDisruption: [5, -1, 21, 31, 42], fixedCost: [1, 2.5, 4] };
      const whole = grid({}, axes, { backend });
      for (const [first, step, size] of [[0, 3, 2], [2, 3, 4], [4, 1, 5], [14, 7, 3], [15, 2, 1]] as const) {
        const seen: number[] = [];
        for (const chunk of gridChunks({}, axes, { backend, first, step, chunkSize: size })) {
          expect(chunk.step).toBe(step);
          chunk.zStar.forEach((z, i) => {
            const index = chunk.start + i * step;
            seen.push(index);
            expect(z).toBe(whole.zStar[index]);
            expect(chunk.status[i]).toBe(whole.status[index]);
          });
          // Errors carry flat indices, as in grid().
          expect(chunk.errors).toEqual(whole.errors.filter((e) => e.row >= chunk.start && e.row < chunk.start + chunk.count * step && (e.row - chunk.start) % step === 0));
        }
        expect(seen).toEqual(Array.from({ length: Math.max(0, Math.ceil((15 - first) / step)) }, (_, k) => first + k * step));
      }
      expect(() => gridChunks({}, axes, { step: 0 }).next()).toThrow(/invalid step: got 0; allowed: a whole number >= 1/);
      expect(() => gridChunks({}, axes, { first: -1 }).next()).toThrow(/invalid first: got -1; allowed: a whole number >= 0/);
    });

    it("tornado rows are sorted by swing and agree with sensitivity()", () => {
      const t = tornado({}, { meanDisruption: [10, 40] }, { backend });
      expect(t.rows).toHaveLength(PARAMETER_SPECS.length);
      for (let k = 1; k < t.rows.length; k++) expect(t.rows[k - 1]!.swing).toBeGreaterThanOrEqual(t.rows[k]!.swing);
      for (const row of t.rows) {
        const s = sensitivity({}, row.name, [row.low, row.high], { backend });
        expect([row.zLow, row.zHigh]).toEqual(Array.from(s.zStar));
        expect(row.swing).toBe(Math.abs(row.zHigh - row.zLow));
      }
      const lambdaRow = t.rows.find((r) => r.name === "meanDisruption")!;
      expect([lambdaRow.low, lambdaRow.high]).toEqual([10, 40]);
      const d = t.rows.find((r) => r.name === "importDependence")!;
      expect([d.low, d.high]).toEqual([0.349, 1]);
      expect(t.zStar).toBe(solve({}, { backend }).zStar);
    });

    it.each([{}, { includeGdp: false }, { elasticity: -1.5, meanDisruption: 40 }])(
      "elasticities match central finite differences of z* (relative 1e-6, or 1e-9 absolute in elasticity) for %j",
      (base) => {
        const e = elasticities(base, { backend });
        const p = { ...BASE_PARAMS, ...base };
        for (const row of e.rows) {
          const h = 1e-5 * Math.abs(row.value);
          if (row.value === 0 || ((row.name === "importDependence" || row.name === "eventProbability") && row.value + h > 1)) continue;
          if (row.value === Infinity) {
            // No choke price: nothing nearby moves z* (tests/extensions.test.ts checks finite ones).
            expect([row.derivative, row.elasticity]).toEqual([0, 0]);
            continue;
          }
          const fd = (solve({ ...p, [row.name]: row.value + h }, { backend }).zStar - solve({ ...p, [row.name]: row.value - h }, { backend }).zStar) / (2 * h);
          const fdElasticity = (row.value / e.zStar) * fd;
          // Dimensionless, so an absolute floor is meaningful: z* ignores imports without the GDP term.
          expect(Math.abs(row.elasticity - fdElasticity), `${row.name}: IFT ${row.elasticity} vs FD ${fdElasticity}`)
            .toBeLessThanOrEqual(1e-6 * Math.abs(fdElasticity) + 1e-9);
          expect(row.elasticity).toBe((row.value / e.zStar) * row.derivative);
        }
        expect(e.rows.find((r) => r.name === "meanDisruption")!.derivative).toBeGreaterThan(0);
        expect(e.rows.find((r) => r.name === "fixedCost")!.derivative).toBeLessThan(0);
      },
    );

    it("breakEven round-trips: solve at the value gives back the stock", () => {
      for (const [name, stock] of [["meanDisruption", 80], ["fixedCost", 100], ["gdp", 100], ["price", 116]] as const) {
        const b = breakEven({}, name, stock, { backend });
        const z = solve({ [name]: b.value }, { backend }).zStar;
        expect(relDiff(z, stock), `${name} = ${b.value} gives ${z}`).toBeLessThan(1e-9);
        expect(b.stock).toBe(stock);
      }
      expect(breakEven({}, "meanDisruption", 80, { backend }).value).toBeLessThan(21);
    });

    it("breakEven says clearly when no value works", () => {
      expect(() => breakEven({}, "horizon", 0.5, { backend })).toThrow(/no horizon in \[1, 3650\] makes 0.5 days optimal: z\* ranges over/);
      expect(() => breakEven({}, "fixedCost", 150, { backend })).toThrow(/no fixedCost in \[0, 2500000\] makes 150 days optimal: z\* ranges over \[16.68\d*, 131.82\d*\] days/);
      expect(() => breakEven({}, "meanDisruption", -3, { backend })).toThrow(/invalid stock: got -3/);
    });

    it("currentStock: gainOverCurrentStock = S(z0) - S(z*) >= 0, finite where netBenefit is Infinity", () => {
      const s = solve({}, { backend, currentStock: 80 });
      expect(s.netBenefitFinite).toBe(false);
      const direct = evaluate(80, {}, { backend }).totalCost - s.totalCost;
      expect(relDiff(s.gainOverCurrentStock!, direct)).toBeLessThan(1e-10);
      expect(solve({}, { backend, currentStock: s.zStar }).gainOverCurrentStock).toBe(0);
      // Close to z*, where the difference of two S values cancels, the quadrature path is used.
      const near = solve({}, { backend, currentStock: s.zStar * 1.01 }).gainOverCurrentStock!;
      const quadratic = 0.5 * -s.slope * (0.01 * s.zStar) ** 2;
      expect(near).toBeGreaterThan(0);
      expect(relDiff(near, quadratic)).toBeLessThan(0.02);
      expect(() => solve({}, { currentStock: 400 })).toThrow(/invalid currentStock: got 400; allowed: 0 <= currentStock <= horizon = 365/);
    });

    it("curve marks z* and S is smallest near it", () => {
      const c = curve({}, { backend, points: 365, from: 1, to: 365 });
      expect(c.z.length).toBe(365);
      const k = c.totalCost.indexOf(Math.min(...c.totalCost));
      expect(Math.abs(c.z[k]! - c.zStar)).toBeLessThanOrEqual(1);
      expect(c.marginalCost.every((v) => v === c.marginalCost[0])).toBe(true);
      expect(c.totalCost[116]).toBe(evaluate(117, {}, { backend }).totalCost);
    });
  });
}

describe("monteCarlo", () => {
  const dists = {
    meanDisruption: { type: "lognormal", mean: 21, sd: 10 },
    elasticity: { type: "triangular", min: -0.2, mode: -0.1, max: -0.05 },
    fixedCost: { type: "uniform", min: 1.5, max: 3.5 },
    price: { type: "normal", mean: 60, sd: 30 },
    importDependence: { type: "discrete", values: [0.6, 0.7, 0.8], weights: [1, 2, 1] },
  } as const;

  it("is reproducible by seed and the same on both backends", () => {
    const a = monteCarlo({}, dists, { samples: 4000, seed: 7, backend: "wasm", currentStock: 80 });
    const b = monteCarlo({}, dists, { samples: 4000, seed: 7, backend: "wasm", currentStock: 80 });
    const c = monteCarlo({}, dists, { samples: 4000, seed: 7, backend: "js", currentStock: 80 });
    expect(b).toEqual(a);
    expect(relDiff(a.mean, c.mean)).toBeLessThan(1e-12);
    expect(relDiff(a.quantiles.p95, c.quantiles.p95)).toBeLessThan(1e-12);
    expect(a.histogram.counts).toEqual(c.histogram.counts);
    expect(a.probAboveStock).toBe(c.probAboveStock);
    expect(a.meta.seed).toBe(7);
    expect(a.samples + a.invalidSamples).toBe(4000);
    const other = monteCarlo({}, dists, { samples: 4000, seed: 8 });
    expect(other.mean).not.toBe(a.mean);
  });

  it("a degenerate distribution gives the point solve in every quantile", () => {
    const r = monteCarlo({}, { meanDisruption: { type: "discrete", values: [31] } }, { samples: 50, seed: 1 });
    const z = solve({ meanDisruption: 31 }).zStar;
    expect(Object.values(r.quantiles)).toEqual([z, z, z, z, z]);
    expect(r.sd).toBe(0);
    expect(r.histogram).toEqual({ edges: [z, z], counts: [50] });
  });

  it("truncates normal and lognormal draws to the allowed range; counts invalid uniform draws", () => {
    const r = monteCarlo({}, { importDependence: { type: "normal", mean: 0.95, sd: 0.2 } }, { samples: 2000, seed: 3 });
    expect(r.invalidSamples).toBe(0);
    const u = monteCarlo({}, { meanDisruption: { type: "uniform", min: -10, max: 30 } }, { samples: 1000, seed: 3 });
    expect(u.invalidSamples).toBeGreaterThan(200);
    expect(u.samples + u.invalidSamples).toBe(1000);
  });

  it("rejects bad distributions and options with a clear message", () => {
    expect(() => monteCarlo({}, { meanDisruption: { type: "uniform", min: 5, max: 1 } }, { samples: 10, seed: 1 })).toThrow(/invalid distribution for meanDisruption: got \{"type":"uniform","min":5,"max":1\}; allowed: uniform with finite min <= max/);
    expect(() => monteCarlo({}, { meanDisruption: { type: "normal", mean: -50, sd: 1 } }, { samples: 10, seed: 1 })).toThrow(/allowed: a law with probability inside the allowed range \(0.1 <= meanDisruption <= 10000 \(days of imports\)\)/);
    expect(() => monteCarlo({}, {}, { samples: 0, seed: 1 })).toThrow(/invalid samples: got 0; allowed: a whole number in \[1, 50000000\]/);
    expect(() => monteCarlo({}, { bogus: { type: "uniform", min: 0, max: 1 } } as never, { samples: 1, seed: 1 })).toThrow(/invalid parameter name: got "bogus"; allowed: price, priceFloor/);
  });
});

it("VERSION matches package.json", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
