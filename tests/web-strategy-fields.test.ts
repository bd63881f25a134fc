/** The strategy panel's form reading (web/src/strategy-fields.ts), without a browser. */
import { describe, expect, it } from "vitest";
import { SHOCK_PRESETS, optimizeStrategy, simulateStrategy } from "../src/index";
import { ALL_FIELDS, CUSTOM_SHOCK, fieldOf, readStrategyForm, type StrategyForm } from "../web/src/strategy-fields";
import { provenanceLines } from "../web/src/strategy-sources";

const defaults = (): StrategyForm => ({ values: Object.fromEntries(ALL_FIELDS.map((f) => [f.name, f.initial])), shock: CUSTOM_SHOCK, startDisrupted: false });

describe("strategy panel fields", () => {
  it("the defaults read as the README's worked example, and the library accepts them", () => {
    const read = readStrategyForm(defaults());
    if (!("request" in read)) throw new Error(JSON.stringify(read.errors));
    const { shocks, rule, options, grid } = read.request;
    expect(shocks).toEqual({ onsetRate: 0.3836, classes: [{ name: "custom", weight: 1, severity: 0.3, meanDuration: 182.5 }] });
    expect(rule).toEqual({ maxDrawdownRate: 2, drawdownLag: 0, coverFraction: 1, reserveFloor: 0, maxFillRate: 0.1, refillDelay: 0, targetStock: 117 });
    expect(options).toEqual({ years: 10, step: 7, samples: 2000, seed: 1, initialRegime: 0 });
    expect(grid).toEqual({ stockLevels: 61, capacity: 117, step: 7 });
    expect(() => simulateStrategy({}, shocks, rule, { ...options, years: 1, samples: 10 })).not.toThrow();
    expect(() => optimizeStrategy({}, shocks, { ...grid, stockLevels: 11 }, { maxDrawdownRate: 2, maxFillRate: 0.1, rule })).not.toThrow();
  });

  it("a preset takes the library's shocks; optional fields left empty take the library's defaults; a typed capacity tops the grid", () => {
    const form = defaults();
    form.shock = "ornl-oip";
    form.startDisrupted = true;
    form.values.capacity = "150";
    form.values.buyBelowPrice = " ";
    const read = readStrategyForm(form);
    if (!("request" in read)) throw new Error(JSON.stringify(read.errors));
    expect(read.request.shocks).toBe(SHOCK_PRESETS["ornl-oip"]!.shocks);
    expect(read.request.rule.buyBelowPrice).toBeUndefined();
    expect(read.request.rule.capacity).toBe(150);
    expect(read.request.grid.capacity).toBe(150);
    expect(read.request.options.initialRegime).toBe(1);
  });

  it("text that is not a number is named with the field, the text and the allowed range", () => {
    const form = defaults();
    form.values.targetStock = "abc";
    form.values.samples = "2.5";
    form.values.maxFillRate = "0x10";
    form.values.years = "";
    const read = readStrategyForm(form);
    expect(read).toEqual({ errors: {
      targetStock: 'targetStock: got "abc", not a number; allowed: 0 <= targetStock <= 100000',
      samples: 'samples: got "2.5", not a whole number; allowed: an integer 2 <= samples <= 1000000',
      maxFillRate: 'maxFillRate: got "0x10", not a number; allowed: 0 <= maxFillRate <= 1e3',
      years: "years: empty; allowed: 0 < years <= 200",
    } });
  });

  it("a library error's parameter maps to the panel's field", () => {
    expect(fieldOf("coverFraction")).toBe("coverFraction");
    expect(fieldOf("classes[0].severity")).toBe("severity");
    expect(fieldOf("price")).toBeUndefined();
    expect(fieldOf(undefined)).toBeUndefined();
  });

  it("every sourced number of every preset is listed once, with value, unit, source and year", () => {
    for (const [name, preset] of Object.entries(SHOCK_PRESETS)) {
      const lines = provenanceLines(preset);
      // Counted independently: each sourced number has exactly one "source" key.
      expect(lines, name).toHaveLength(JSON.stringify(preset.provenance).split('"source":').length - 1);
      for (const l of lines) expect(l).toMatch(/^[\w -]+: -?[\d.e-]+ .+ \(.+, \d{4}(; .+)?\)$/);
      expect(lines.filter((l) => l.includes("; assumption")).length, name).toBe(JSON.stringify(preset.provenance).split('"assumption":true').length - 1);
    }
  });
});
