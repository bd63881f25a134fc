/** Bad input: every error names the parameter, the value given and the allowed range. */
import { describe, expect, it } from "vitest";
import { PARAMETER_SPECS, ParameterError, evaluate, solve, type Params } from "../src/index";

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
    for (const bad of [NaN, Infinity, -Infinity, "5", null]) {
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
