/**
 * solveBatch: row i equals solve(row i) bit for bit on the same backend (including rows around
 * the chunk boundaries 1, n-1, n, n+1 and broadcast scalars); invalid rows in the middle get
 * status `invalid` and a reason while every other row is solved; memory stays flat.
 */
import { describe, expect, it } from "vitest";
import { STATUS_NAMES, solve, solveBatch, type Params } from "../src/index";
import { CHUNK_ROWS } from "../src/backend/wasm";
import { getBackend } from "../src/backend/index";
import { BACKENDS, randomParams, rng } from "./helpers";

const NAMES = ["price", "priceFloor", "elasticity", "meanDisruption", "importDependence", "imports",
  "gdpElasticity", "gdp", "fixedCost", "variableCost", "interestRate", "horizon"] as const;

function columnsOf(rows: Params[]) {
  const cols: Record<string, Float64Array | number[] | boolean[]> = {};
  for (const n of NAMES) cols[n] = Float64Array.from(rows, (r) => r[n]);
  cols.includeGdp = rows.map((r) => r.includeGdp);
  return cols;
}

for (const backend of BACKENDS) {
  describe(`solveBatch, ${backend}`, () => {
    it("equals solve() bit for bit around the chunk boundaries", () => {
      const next = rng(7);
      const n = CHUNK_ROWS + 2;
      const rows = Array.from({ length: n }, () => randomParams(next));
      const r = solveBatch(columnsOf(rows), { backend });
      expect(r.backend).toBe(backend);
      expect(r.errors).toEqual([]);
      for (const i of [0, 1, CHUNK_ROWS - 2, CHUNK_ROWS - 1, CHUNK_ROWS, CHUNK_ROWS + 1]) {
        const s = solve(rows[i], { backend });
        expect(r.zStar[i], `row ${i}`).toBe(s.zStar);
        expect(r.marginalBenefit[i]).toBe(s.marginalBenefit);
        expect(r.marginalCost[i]).toBe(s.marginalCost);
        expect(r.totalCost[i]).toBe(s.totalCost);
        expect(STATUS_NAMES[r.status[i]!]).toBe(s.status);
      }
    });

    it.each([1, CHUNK_ROWS - 1, CHUNK_ROWS, CHUNK_ROWS + 1])("length %i: broadcast scalars and every row right", (n) => {
      const lambda = Float64Array.from({ length: n }, (_, i) => 5 + (i % 97));
      const r = solveBatch({ meanDisruption: lambda, includeGdp: false, fixedCost: 3 }, { backend });
      expect(r.zStar.length).toBe(n);
      for (const i of new Set([0, n - 1, Math.floor(n / 2)])) {
        expect(r.zStar[i]).toBe(solve({ meanDisruption: lambda[i], includeGdp: false, fixedCost: 3 }, { backend }).zStar);
      }
    });

    it("invalid rows in the middle: status invalid with a reason, every other row solved", () => {
      const lambda = [21, 31, -5, 42, 0.01, 21];
      const floor = [15, 15, 15, 15, 15, 99];
      const r = solveBatch({ meanDisruption: lambda, priceFloor: floor }, { backend });
      expect(Array.from(r.status, (s) => r.statusNames[s])).toEqual(["interior", "interior", "invalid", "interior", "invalid", "invalid"]);
      expect(r.errors.map((e) => e.row)).toEqual([2, 4, 5]);
      expect(r.errors[0]!.message).toMatch(/invalid meanDisruption: got -5; allowed: 0.1 <= meanDisruption <= 10000/);
      expect(r.errors[2]!.message).toMatch(/invalid priceFloor: got 99; allowed: 0 <= priceFloor <= price = 50.8/);
      expect(Number.isNaN(r.zStar[2])).toBe(true);
      expect(r.zStar[3]).toBe(solve({ meanDisruption: 42 }, { backend }).zStar);
      expect(r.zStar[0]).toBe(solve({}, { backend }).zStar);
    });

    it("strings and NaN in a column are invalid rows, not crashes", () => {
      const r = solveBatch({ meanDisruption: [21, Number.NaN, "x" as unknown as number] }, { backend });
      expect(Array.from(r.status)).toEqual([0, 4, 4]);
      expect(r.errors[0]!.message).toMatch(/invalid meanDisruption: got NaN/);
      // The original element is quoted, not the NaN it became.
      expect(r.errors[1]!.message).toMatch(/invalid meanDisruption: got "x"; allowed: 0.1 <= meanDisruption <= 10000 \(days of imports\)/);
    });
  });
}

describe("solveBatch input errors", () => {
  it("unknown names and mismatched lengths throw", () => {
    expect(() => solveBatch({ meanDisruptoin: [1] } as never)).toThrow(/unknown parameter "meanDisruptoin"/);
    expect(() => solveBatch({ meanDisruption: [1, 2], fixedCost: [1, 2, 3] })).toThrow(/invalid column fixedCost: got "3 rows"; allowed: 2 rows, as column meanDisruption/);
  });
});

describe("solveBatch at 10^6 rows", () => {
  it("keeps WebAssembly memory flat and matches single solves", () => {
    const n = 1_000_000;
    const lambda = Float64Array.from({ length: n }, (_, i) => 5 + (i % 1000) / 10);
    const wasm = getBackend("wasm");
    const small = solveBatch({ meanDisruption: lambda.subarray(0, 10) }, { backend: "wasm" });
    const before = wasm.memoryBytes();
    const r = solveBatch({ meanDisruption: lambda }, { backend: "wasm" });
    expect(wasm.memoryBytes()).toBe(before);
    expect(before).toBeLessThan(2 ** 20);
    expect(r.zStar.length).toBe(n);
    expect(r.zStar[999_999]).toBe(solve({ meanDisruption: lambda[999_999] }, { backend: "wasm" }).zStar);
    expect(r.zStar[5]).toBe(small.zStar[5]);
  });
});

describe("solveBatch zStarUnits", () => {
  it("is zStar x imports per row (units of the commodity), bit for bit solve()'s; NaN for invalid rows", () => {
    for (const backend of BACKENDS) {
      const imports = [8.65e6, 1e5, -1, 2.5e6];
      const r = solveBatch({ imports, meanDisruption: [21, 30, 21, 40] }, { backend });
      for (const i of [0, 1, 3]) {
        expect(r.zStarUnits[i]).toBe(solve({ imports: imports[i], meanDisruption: [21, 30, 21, 40][i] }, { backend }).zStarUnits);
      }
      expect(r.zStarUnits[2]).toBeNaN();
      expect(solveBatch({ meanDisruption: [21] }, { backend }).zStarUnits[0]).toBe(solve({}, { backend }).zStarUnits);
    }
  });
});
