/** Bad input: every error names the parameter, the value given and the allowed range. */
import { describe, expect, it } from "vitest";
import {
  BASE_PARAMS, PARAMETER_SPECS, ParameterError, breakEven, curve, evaluate, grid, gridChunks, gridIndex, isParameterError,
  monteCarlo, parseNumber, readBoolean, readNumber, resolveParams, sensitivity, solve, solveBatch, tornado, type Params,
} from "../src/index";

type Bad = [name: keyof Params, value: unknown, range: RegExp];

const outOfRange: Bad[] = [
  ["price", 0, /0 < price/],
  ["price", -1, /0 < price/],
  ["priceFloor", -0.1, /0 <= priceFloor <= price = 50.8/],
  ["priceFloor", 60, /0 <= priceFloor <= price = 50.8/],
  ["elasticity", 0, /-10 <= elasticity <= -0.005/],
  ["elasticity", -0.001, /-10 <= elasticity <= -0.005/],
  ["elasticity", -11, /-10 <= elasticity <= -0.005/],
  ["meanDisruption", 0.05, /0.1 <= meanDisruption <= 10000/],
  ["meanDisruption", 2e4, /0.1 <= meanDisruption <= 10000/],
  ["importDependence", 0, /0 < importDependence <= 1/],
  ["importDependence", 1.01, /0 < importDependence <= 1/],
  ["imports", 0, /0 < imports/],
  ["gdpElasticity", -0.1, /0 <= gdpElasticity/],
  ["gdp", -1, /0 <= gdp/],
  ["fixedCost", -1, /0 <= fixedCost/],
  ["variableCost", -1, /0 <= variableCost/],
  ["interestRate", -0.01, /0 <= interestRate/],
  ["horizon", 0.5, /1 <= horizon <= 3650/],
  ["horizon", 4000, /1 <= horizon <= 3650/],
];

const message = (p: Record<string, unknown>): string => {
  try {
    solve(p as Partial<Params>);
  } catch (error) {
    expect(error).toBeInstanceOf(ParameterError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${JSON.stringify(p)}`);
};

describe("validation", () => {
  it.each(outOfRange)("%s = %s is out of range", (name, value, range) => {
    const text = message({ [name]: value });
    expect(text).toContain(name);
    expect(text).toContain(String(value));
    expect(text).toMatch(range);
  });

  it.each(PARAMETER_SPECS.map((s) => s.name))("%s rejects NaN, Infinity, a string, null", (name) => {
    // chokePrice = Infinity is allowed: no choke price (its default).
    for (const bad of [NaN, ...(name === "chokePrice" ? [] : [Infinity]), -Infinity, "5", null]) {
      const text = message({ [name]: bad });
      expect(text).toContain(`invalid ${name}`);
      expect(text).toContain(typeof bad === "string" ? '"5"' : String(bad));
      expect(text).toContain("allowed:");
    }
  });

  it("includeGdp must be a boolean", () => {
    expect(message({ includeGdp: "yes" })).toMatch(/invalid includeGdp: got "yes"; allowed: true or false/);
    expect(message({ includeGdp: 1 })).toMatch(/invalid includeGdp: got 1/);
  });

  it("an unknown key is an error, never a silent default", () => {
    const text = message({ meanDisruptoin: 31 });
    expect(text).toContain('unknown parameter "meanDisruptoin"');
    expect(text).toContain("meanDisruption");
  });

  it("the boundaries themselves are accepted", () => {
    for (const p of [
      { elasticity: -10 }, { elasticity: -0.005 }, { meanDisruption: 0.1 }, { meanDisruption: 1e4 },
      { importDependence: 1 }, { horizon: 1, meanDisruption: 0.5 }, { horizon: 3650 }, { priceFloor: 50.8 },
      { priceFloor: 0 }, { fixedCost: 0, variableCost: 0, interestRate: 0 }, { gdp: 0 }, { gdpElasticity: 0 },
    ]) {
      expect(Number.isNaN(solve(p).zStar)).toBe(false);
    }
  });

  it("evaluate checks z against the horizon", () => {
    expect(() => evaluate(400)).toThrow(/invalid z: got 400; allowed: 0 <= z <= horizon = 365/);
    expect(() => evaluate(NaN)).toThrow(/invalid z: got NaN/);
    expect(() => evaluate(-1)).toThrow(ParameterError);
  });

  it("an unknown backend is an error", () => {
    expect(() => solve({}, { backend: "gpu" as never })).toThrow(/invalid backend: got "gpu"/);
  });
});

describe("the rules module (issue 14)", () => {
  it("readNumber takes decimal and exponent forms only, and refuses what would silently change", () => {
    for (const [text, value] of [["12", 12], [" -0.5 ", -0.5], ["+1.25e-3", 1.25e-3], [".5", 0.5], ["5.", 5], ["8.65E6", 8.65e6], ["0e5", 0], ["5e-324", 5e-324]] as const) {
      expect(readNumber(text)).toBe(value);
    }
    expect(Object.is(readNumber("-0"), -0)).toBe(true);
    for (const text of ["0x10", "0b11", "0o7", "12abc", "", " ", "Infinity", "-Infinity", "NaN", "1,5", "1_000", "1e", "e5", "--1", "1e400", "1e-400", "2e-324"]) {
      expect(readNumber(text), text).toBeNaN();
    }
  });

  it("readBoolean takes the common spellings (Excel's TRUE/FALSE among them) and nothing else", () => {
    for (const t of ["true", "TRUE", " True ", "1", "yes", "YES", "y", "t", "on"]) expect(readBoolean(t), t).toBe(true);
    for (const t of ["false", "FALSE", "0", "no", "No", "n", "f", "off"]) expect(readBoolean(t), t).toBe(false);
    for (const t of ["", "2", "ja", "0x0", "maybe"]) expect(readBoolean(t), t).toBeUndefined();
  });

  it("parseNumber and every message quote what was given, never the number it became", () => {
    expect(() => parseNumber("price", "0x10")).toThrow(/^invalid price: got "0x10"; allowed: a number in decimal or exponent form/);
    expect(() => parseNumber("gdp", "1e-400")).toThrow(/^invalid gdp: got "1e-400"; allowed: .*between 5e-324 and 1.8e308/);
    expect(message({ price: "12abc" })).toBe('invalid price: got "12abc"; allowed: 0 < price (USD/unit), finite');
    expect(message({ price: -0 })).toBe("invalid price: got -0; allowed: 0 < price (USD/unit), finite");
    // eslint-disable-next-line no-loss-of-precision -- on purpose: the literal 1e-400 is already 0 in JS
    expect(message({ price: 1e-400 })).toMatch(/^invalid price: got 0;/); // a number literal: JS already made it 0
    const batch = solveBatch({ price: [50, -0, "12abc" as never, Number.NaN] });
    expect(batch.errors.map((e) => e.message)).toEqual([
      "invalid price: got -0; allowed: 0 < price (USD/unit), finite",
      'invalid price: got "12abc"; allowed: 0 < price (USD/unit), finite',
      "invalid price: got NaN; allowed: 0 < price (USD/unit), finite",
    ]);
  });

  it("a batch row's message is exactly what resolveParams says for that row alone (first bad parameter, kernel order)", () => {
    const rows: Record<string, unknown>[] = [
      { price: 20, priceFloor: 30 }, { price: -1, priceFloor: 30 }, { meanDisruption: 0, horizon: 0 },
      { importDependence: 1.5, elasticity: 2 }, { includeGdp: 2 as never }, { priceFloor: 50.8 }, {},
    ];
    const columns: Record<string, unknown[]> = {};
    for (const name of ["price", "priceFloor", "elasticity", "meanDisruption", "importDependence", "horizon", "includeGdp"]) {
      columns[name] = rows.map((r) => r[name] ?? (BASE_PARAMS as unknown as Record<string, unknown>)[name]);
    }
    columns.includeGdp = columns.includeGdp!.map((g) => (g === true ? 1 : g === false ? 0 : g));
    const batch = solveBatch(columns as never);
    rows.forEach((row, k) => {
      const error = batch.errors.find((e) => e.row === k);
      let expected: string | undefined;
      try {
        resolveParams(row as never);
      } catch (e) {
        expected = (e as Error).message.replace("allowed: true or false", "allowed: true or false (1 or 0)");
      }
      expect(error?.message, JSON.stringify(row)).toBe(expected);
    });
  });

  it("priceFloor <= price is one rule, read against each row's own price in a batch", () => {
    expect(message({ price: 20, priceFloor: 30 })).toBe("invalid priceFloor: got 30; allowed: 0 <= priceFloor <= price = 20 (USD/unit)");
    const r = solveBatch({ price: [20, 40, 30], priceFloor: [30, 30, 30] });
    expect(Array.from(r.status)).toEqual([4, 0, 0]);
    expect(r.errors).toEqual([{ row: 0, message: "invalid priceFloor: got 30; allowed: 0 <= priceFloor <= price = 20 (USD/unit)" }]);
  });

  it("one stock rule, 0 <= stock <= H (days), for solve, evaluate, monteCarlo and breakEven", () => {
    for (const call of [
      (x: number) => solve({}, { currentStock: x }),
      (x: number) => evaluate(x),
      (x: number) => monteCarlo({}, {}, { samples: 2, seed: 1, currentStock: x }),
      (x: number) => breakEven({}, "meanDisruption", x),
    ]) {
      for (const bad of [-1, 366, Number.NaN, Infinity]) expect(() => call(bad)).toThrow(/got .*; allowed: 0 <= \w+ <= horizon = 365 \(days\)/);
      expect(() => call(0)).not.toThrow(/allowed/);
    }
    expect(solve({}, { currentStock: 365 }).gainOverCurrentStock).toBeGreaterThan(0);
    expect(monteCarlo({}, {}, { samples: 2, seed: 1, currentStock: 365 }).probAboveStock).toBe(0);
    // With a varied horizon, the largest allowed horizon bounds the stock.
    expect(() => breakEven({}, "horizon", 3651)).toThrow(/allowed: 0 <= stock <= the largest horizon = 3650 \(days\)/);
  });

  it("bad arguments are ParameterErrors (checked by brand), never TypeError or plain Error", () => {
    const bad: [string, () => unknown][] = [
      ["solve({}, null)", () => solve({}, null as never)],
      ["solve(null)", () => solve(null as never)],
      ["solve([])", () => solve([] as never)],
      ["evaluate(1, {}, 5)", () => evaluate(1, {}, 5 as never)],
      ["solveBatch(null)", () => solveBatch(null as never)],
      ["solveBatch({}, null)", () => solveBatch({}, null as never)],
      ["backend gpu", () => solve({}, { backend: "gpu" as never })],
      ["grid price abc", () => grid({}, { price: "abc" as never })],
      ["grid axis of strings", () => grid({}, { price: ["1", "2"] as never })],
      ["grid null axes", () => grid({}, null as never)],
      ["sensitivity string", () => sensitivity({}, "price", "abc" as never)],
      ["monteCarlo discrete without values", () => monteCarlo({}, { price: { type: "discrete" } as never }, { samples: 10, seed: 1 })],
      ["monteCarlo null law", () => monteCarlo({}, { price: null as never }, { samples: 10, seed: 1 })],
      ["monteCarlo no options", () => monteCarlo({}, {}, undefined as never)],
      ["monteCarlo weights not array", () => monteCarlo({}, { price: { type: "discrete", values: [1], weights: 5 as never } }, { samples: 10, seed: 1 })],
      ["tornado range string", () => tornado({}, { price: "ab" as never })],
      ["tornado range out of bounds", () => tornado({}, { price: [-1, 10] })],
      ["curve points 1.5", () => curve({}, { points: 1.5 })],
      ["breakEven unknown name", () => breakEven({}, "nope" as never, 10)],
      ["gridChunks bad step (at the call, not at next())", () => gridChunks({}, { price: [1] }, { step: 0 })],
      ["gridIndex", () => gridIndex({ shape: [2], strides: [1] }, [5])],
    ];
    for (const [label, call] of bad) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(isParameterError(error), `${label}: ${String(error)}`).toBe(true);
      expect((error as Error).message, label).toMatch(/^(invalid|unknown|no )/);
    }
  });
});

describe("every text path uses the strict parser (flags, CSV and NDJSON cells, the page)", () => {
  it('"0x10" is no number anywhere; "1e1" and "-0.2" are', async () => {
    const { paramsFromFlags, numberOption } = await import("../src/cli/args");
    const { numbersIn } = await import("../src/cli/analysis-flags");
    const { cellValue } = await import("../src/cli/records");
    const { defaultState, readInputs } = await import("../web/src/inputs");
    expect(() => paramsFromFlags({ price: "0x10" })).toThrow(/invalid --price: "0x10"/);
    expect(paramsFromFlags({ price: "1e1", elasticity: "-0.2" })).toEqual({ price: 10, elasticity: -0.2 });
    expect(() => numberOption("samples", "0x10", { integer: true })).toThrow(/invalid --samples: "0x10"/);
    expect(() => numbersIn("--vary", "price=0x10", ["0x10"])).toThrow(/"0x10" is not a number/);
    expect(cellValue("price", "0x10")).toMatch(/^invalid price: "0x10" is not a number/);
    expect(cellValue("gdp", "12abc")).toMatch(/^invalid gdp: "12abc" is not a number/);
    expect(cellValue("fixedCost", "1e1")).toBe(10);
    expect(cellValue("includeGdp", "TRUE")).toBe(1);
    expect(cellValue("includeGdp", "FALSE")).toBe(0);
    expect(cellValue("includeGdp", "maybe")).toMatch(/^invalid includeGdp: "maybe" is not a boolean/);
    const state = defaultState();
    state.values.price = "0x10";
    expect(readInputs(state).errors.get("price")).toMatch(/"0x10" is not a number/);
  });
});

describe("options objects: a misspelt option is refused, never ignored", () => {
  it("solve and evaluate name the unknown option and the known ones", () => {
    expect(() => solve({}, { currentStok: 80 } as never)).toThrow(/^unknown option "currentStok"; known options: backend, currentStock$/);
    expect(() => evaluate(80, {}, { backnd: "js" } as never)).toThrow(/^unknown option "backnd"; known options: backend$/);
    expect(solve({}, { currentStock: 80, backend: "js" }).gainOverCurrentStock).toBeGreaterThan(0);
  });
});
