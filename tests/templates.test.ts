/**
 * Parameter templates (presets.templates): every field carries its provenance, sourced values
 * cite the pages of docs/minerals-data.md, assumptions carry a reason and a law centred on the
 * value; templateParams refuses unaccepted assumptions with one ParameterError listing them; a
 * raw template is refused by every entry point; accepted templates solve on both backends.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  PARAM_NAMES, PARAMETER_SPECS, assumptionNames, breakEven, curve, elasticities, evaluate, grid, gridChunks, isParameterError,
  monteCarlo, presets, sensitivity, solve, solveBatch, templateDistributions, templateParams, tornado, type ParameterTemplate,
  type TemplateField,
} from "../src/index";
import { checkDistribution } from "../src/analysis/distributions";

const TEMPLATES = Object.values(presets.templates) as ParameterTemplate[];
const MINERALS_DOC = readFileSync(join(__dirname, "..", "docs", "minerals-data.md"), "utf8");
/** Parameters whose value is a pure number (no unit). */
const DIMENSIONLESS = new Set(["elasticity", "gdpElasticity", "includeGdp", "gdpLossForm"]);

/** The error `fn` throws (fails if it throws none). */
function thrown(fn: () => unknown): Error & { parameter?: string; value?: unknown } {
  try {
    fn();
  } catch (error) {
    return error as Error & { parameter?: string; value?: unknown };
  }
  throw new Error("expected an error");
}

/** Whether `d`'s central value is `value` (so the sampled law and the confirmed value agree). */
function centredOn(field: TemplateField<unknown>): boolean {
  const d = field.distribution!;
  const v = field.value as number;
  switch (d.type) {
    case "uniform": return d.min <= v && v <= d.max;
    case "triangular": return d.mode === v;
    case "normal":
    case "lognormal": return d.mean === v;
    case "discrete": return d.values.includes(v);
  }
}

describe("every template field has provenance", () => {
  it("the six minerals of the issue are there", () => {
    expect(Object.keys(presets.templates).sort()).toEqual(
      ["cobalt", "dysprosium-oxide", "gallium", "lithium-carbonate", "natural-graphite", "ndpr-oxide"]);
    expect(presets.paper2017.price).toBe(50.8);
  });

  for (const t of TEMPLATES) {
    it(`${t.id}: every parameter, each with value, unit, source, year and quality; no other field`, () => {
      expect(t.id).toMatch(/^[a-z-]+$/);
      expect(["kg", "t"]).toContain(t.unit);
      expect(t.form.length).toBeGreaterThan(5);
      expect(Object.keys(t.fields)).toEqual([...PARAM_NAMES]);
      for (const name of PARAM_NAMES) {
        const f = t.fields[name] as TemplateField<unknown>;
        const where = `${t.id}.${name}`;
        expect(Object.keys(f).every((k) => ["value", "unit", "source", "year", "quality", "why", "distribution", "perPrice"].includes(k)), where).toBe(true);
        // A per-price assumption is exactly its multiple of the template's price.
        if (f.perPrice !== undefined) expect([f.quality, f.value], where).toEqual(["assumption", f.perPrice * t.fields.price.value]);
        expect(typeof f.value, where).toBe(name === "includeGdp" ? "boolean" : name === "gdpLossForm" ? "string" : "number");
        expect(typeof f.unit, where).toBe("string");
        if (!DIMENSIONLESS.has(name)) expect(f.unit.length, `${where} unit`).toBeGreaterThan(0);
        expect(f.source.trim().length, `${where} source`).toBeGreaterThan(10);
        expect(Number.isInteger(f.year) && f.year >= 1990 && f.year <= 2026, `${where} year ${f.year}`).toBe(true);
        expect(["sourced", "derived", "assumption"], where).toContain(f.quality);
        if (f.quality !== "sourced") expect(f.why?.trim().length ?? 0, `${where}: a ${f.quality} value says how or why`).toBeGreaterThan(10);
      }
    });

    it(`${t.id}: every numeric assumption has a valid law centred on its value; sourced and derived values are fixed`, () => {
      for (const name of PARAM_NAMES) {
        const f = t.fields[name] as TemplateField<unknown>;
        const where = `${t.id}.${name}`;
        if (f.quality === "assumption" && typeof f.value === "number") {
          expect(f.distribution, `${where} distribution`).toBeDefined();
          expect(() => checkDistribution(name, f.distribution!), where).not.toThrow();
          expect(centredOn(f), `${where}: law ${JSON.stringify(f.distribution)} around ${String(f.value)}`).toBe(true);
        } else {
          expect(f.distribution, `${where}: only assumptions are sampled`).toBeUndefined();
        }
      }
    });

    it(`${t.id}: sourced and derived values cite a page that docs/minerals-data.md lists (or the model's own paper)`, () => {
      for (const name of PARAM_NAMES) {
        const f = t.fields[name] as TemplateField<unknown>;
        if (f.quality === "assumption") continue;
        const url = /https?:\/\/\S+/.exec(f.source)?.[0];
        if (url === undefined) {
          expect(f.source, `${t.id}.${name}`).toMatch(/Xie, Lin, Su & Pang \(2019\)/);
        } else {
          expect(MINERALS_DOC, `${t.id}.${name}: ${url}`).toContain(url);
        }
      }
    });
  }

  it("derived values are the arithmetic their `why` states", () => {
    const g = presets.templates;
    expect(g.gallium.fields.imports.value).toBe(59_000 / 365);
    expect(g["natural-graphite"].fields.imports.value).toBe(58_000 / 365);
    expect(g.cobalt.fields.imports.value).toBe(13_600 / 365);
    expect(g["lithium-carbonate"].fields.imports.value).toBe((3_400 * 5.323) / 365);
    // 17.00 USD/lb x (1 / 0.45359237 lb/kg) x 1000 kg/t.
    expect(Math.abs(g.cobalt.fields.price.value - 37_478.6) / 37_478.6).toBeLessThan(1e-5);
  });

  it("templates are frozen: a caller cannot change a template's value", () => {
    const f = presets.templates.gallium.fields.price as { value: number };
    expect(() => { f.value = 1; }).toThrow(TypeError);
    expect(presets.templates.gallium.fields.price.value).toBe(670);
  });
});

describe("assumptions must be accepted or overridden", () => {
  const gallium = presets.templates.gallium as ParameterTemplate;
  const all = assumptionNames(gallium);

  it("without confirmation: one ParameterError listing every assumption with its value and reason", () => {
    const e = thrown(() => templateParams(gallium));
    expect(isParameterError(e)).toBe(true);
    expect(e.parameter).toBe("assumptions");
    expect(e.value).toEqual(all);
    expect(all).toContain("meanDisruption");
    expect(all).not.toContain("price");
    for (const name of all) expect(e.message).toContain(`\n  ${name} = ${String(gallium.fields[name].value)}`);
    expect(e.message).toMatch(/--accept-assumptions/);
  });

  it("a partial confirmation lists only the rest; overrides count as confirmed", () => {
    const e = thrown(() => templateParams(gallium, { confirm: ["elasticity", "interestRate"], overrides: { meanDisruption: 30 } }));
    const rest = all.filter((n) => !["elasticity", "interestRate", "meanDisruption"].includes(n));
    expect(e.value).toEqual(rest);
    expect(e.message).not.toContain("\n  elasticity =");
    const p = templateParams(gallium, { confirm: rest, overrides: { meanDisruption: 30, elasticity: -0.2, interestRate: 0.05 } });
    expect([p.meanDisruption, p.elasticity, p.interestRate, p.price]).toEqual([30, -0.2, 0.05, 670]);
  });

  it("confirm: true accepts every assumption; the values are the template's", () => {
    const p = templateParams("gallium", { confirm: true });
    for (const name of PARAM_NAMES) expect(p[name], name).toBe(gallium.fields[name].value);
  });

  it("bad choices are ParameterErrors naming what is wrong", () => {
    expect(() => templateParams(gallium, { confirm: ["price"] })).toThrow(/invalid confirm: got "price"; allowed: an assumption field of template gallium/);
    expect(() => templateParams(gallium, { confirm: "yes" as never })).toThrow(/invalid confirm: got "yes"/);
    expect(() => templateParams("silver", { confirm: true })).toThrow(/invalid template: got "silver"; allowed: one of ndpr-oxide, .*gallium/);
    expect(() => templateParams({ price: 1 } as never, { confirm: true })).toThrow(/invalid template/);
    expect(() => templateParams(gallium, { confirm: true, overrides: { meanDisruption: -1 } })).toThrow(/invalid meanDisruption: got -1/);
    expect(() => templateParams(gallium, { confirm: true, overrides: { colour: 1 } as never })).toThrow(/unknown parameter "colour"/);
    expect(() => templateParams(gallium, { confirm: true, accept: true } as never)).toThrow(/unknown option "accept"; known options: confirm, overrides/);
  });

  it("a raw template is refused by every entry point with the same list", () => {
    const raw = gallium as never;
    const calls: [string, () => unknown][] = [
      ["solve", () => solve(raw)],
      ["evaluate", () => evaluate(10, raw)],
      ["curve", () => curve(raw)],
      ["tornado", () => tornado(raw)],
      ["elasticities", () => elasticities(raw)],
      ["breakEven", () => breakEven(raw, "meanDisruption", 60)],
      ["monteCarlo", () => monteCarlo(raw, {}, { samples: 10, seed: 1 })],
      ["solveBatch", () => solveBatch(raw)],
      ["grid", () => grid(raw, { meanDisruption: [10, 20] })],
      ["gridChunks", () => gridChunks(raw, { meanDisruption: [10, 20] }).next()],
      ["sensitivity", () => sensitivity(raw, "meanDisruption", [10, 20])],
    ];
    for (const [name, call] of calls) {
      const e = thrown(call);
      expect(isParameterError(e), name).toBe(true);
      expect(e.value, name).toEqual(all);
    }
  });
});

describe("accepted templates solve", () => {
  for (const t of TEMPLATES) {
    it(`${t.id}: z* (interior, or zero where no reserve pays) on both backends (to 1e-13 relative: the backends' Math differs in the last bits); zStarUnits = z* x imports in ${t.unit}`, () => {
      const p = templateParams(t, { confirm: true });
      const wasm = solve(p, { backend: "wasm" });
      const js = solve(p, { backend: "js" });
      expect(["interior", "zero"]).toContain(wasm.status);
      expect(js.status).toBe(wasm.status);
      expect(wasm.zStar).toBeGreaterThanOrEqual(0);
      expect(wasm.zStar).toBeLessThan(p.horizon);
      expect(Math.abs(js.zStar - wasm.zStar)).toBeLessThanOrEqual(1e-13 * wasm.zStar);
      expect(wasm.zStarUnits).toBe(wasm.zStar * t.fields.imports.value);
    });
  }

  it("templateDistributions: the numeric assumptions not overridden; monteCarlo samples them all as valid rows", () => {
    const d = templateDistributions("gallium", { meanDisruption: 30 });
    const numeric = assumptionNames(presets.templates.gallium as ParameterTemplate)
      .filter((n) => typeof presets.templates.gallium.fields[n].value === "number" && n !== "meanDisruption");
    expect(Object.keys(d).sort()).toEqual([...numeric].sort());
    const base = templateParams("gallium", { confirm: true, overrides: { meanDisruption: 30 } });
    const r = monteCarlo(base, d, { samples: 400, seed: 7 });
    expect(r.invalidSamples).toBe(0);
    expect(r.samples).toBe(400);
    expect(r.sd).toBeGreaterThan(0);
  });

  it("an overridden price carries the assumptions stated per price (floor, storage costs, choke price) and their laws along", () => {
    for (const t of TEMPLATES) {
      const old = t.fields.price.value;
      for (const price of [old / 7, old * 3]) {
        const p = templateParams(t, { confirm: true, overrides: { price } });
        // The ratios the user accepted (docs/minerals-data.md, "Templates"): 0.3, 1%, 0.5% and 10 times P0.
        expect([p.priceFloor, p.fixedCost, p.variableCost, p.chokePrice], t.id).toEqual([0.3 * price, 0.01 * price, 0.005 * price, 10 * price]);
        // z* depends on the price only through those ratios while the GDP term is off.
        expect(Math.abs(solve(p).zStar - solve(templateParams(t, { confirm: true })).zStar)).toBeLessThanOrEqual(1e-9 * (1 + solve(p).zStar));
        const d = templateDistributions(t, { price });
        expect(d.priceFloor, t.id).toEqual({ type: "uniform", min: 0, max: (0.6 * old) * (price / old) });
        expect(d.chokePrice, t.id).toEqual({ type: "lognormal", mean: (10 * old) * (price / old), sd: (5 * old) * (price / old) });
        expect(d.elasticity, t.id).toEqual(t.fields.elasticity.distribution);
        expect(monteCarlo(p, d, { samples: 300, seed: 5 }).invalidSamples, t.id).toBe(0);
      }
      // A per-price field the caller gives stays the caller's; the template's own price changes nothing.
      expect(templateParams(t, { confirm: true, overrides: { price: 2 * old, priceFloor: 0.1 * old } }).priceFloor).toBe(0.1 * old);
      expect(templateParams(t, { confirm: true, overrides: { price: old } })).toEqual(templateParams(t, { confirm: true }));
    }
  });

  it("every parameter spec is a template field (a new parameter needs provenance in every template)", () => {
    for (const t of TEMPLATES) for (const s of PARAMETER_SPECS) expect(t.fields[s.name], `${t.id}.${s.name}`).toBeDefined();
  });
});
