/**
 * The CLI's templates: `--template name` on the parameter commands stops with exit 2 and lists
 * the assumption fields (values and reasons) until --accept-assumptions; flags override fields
 * and need no acceptance; z* is shown in the template's unit; mc samples the template's laws;
 * `templates` lists every field with its provenance.
 */
import { describe, expect, it } from "vitest";
import {
  breakEven, monteCarlo, presets, solve, templateDistributions, templateParams, type ParameterTemplate,
} from "../src/index";
import { UsageError } from "../src/cli/args";
import { findCommand } from "../src/cli/registry";
import { CLI, runCli } from "./cli-run";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A command's whole stdout, in-process through the registry. */
async function run(name: string, ...argv: string[]): Promise<string> {
  const out = await findCommand(name)!.run(argv);
  if (typeof out !== "string") throw new Error(`${name} did not return text`);
  return out;
}

const gallium = presets.templates.gallium as ParameterTemplate;

describe("--template and --accept-assumptions", () => {
  it("without --accept-assumptions the built CLI exits 2 and lists every assumption with its value and reason", () => {
    expect(existsSync(CLI), "dist/cli.js (run npm run build)").toBe(true);
    const r = runCli(["solve", "--template", "gallium"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^optimal-reserve solve: invalid assumptions: template gallium has 12 assumption fields neither confirmed nor overridden/);
    expect(r.stderr).toContain(`meanDisruption = 45 days of imports: ${gallium.fields.meanDisruption.why}`);
    expect(r.stderr).toContain("--accept-assumptions");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("solve with --accept-assumptions is the library's templateParams + solve; z* in days and in kg of gallium", async () => {
    const lib = solve(templateParams("gallium", { confirm: true }));
    const json = JSON.parse(await run("solve", "--template", "gallium", "--accept-assumptions", "--json"));
    expect(json.zStar).toBe(lib.zStar);
    expect(json.zStarUnits).toBe(lib.zStarUnits);
    expect([json.template, json.zStarUnit]).toEqual(["gallium", "kg"]);
    const table = await run("solve", "--template", "gallium", "--accept-assumptions");
    expect(table).toMatch(/z\* += \d+\.\d{4} days of imports/);
    expect(table).toMatch(/z\* x q0 += [\d,.]+ kg of gallium metal \(99\.99999%\)/);
    const csv = (await run("solve", "--template", "gallium", "--accept-assumptions", "--format", "csv")).split("\n");
    expect(csv[0]).toMatch(/,template,zStarUnit$/);
  });

  it("flags override template fields and count as accepted: with a flag for every assumption no --accept-assumptions is needed", async () => {
    const flags = ["--priceFloor", "100", "--elasticity", "-0.2", "--meanDisruption", "30", "--gdpElasticity", "0", "--gdp", "0",
      "--fixedCost", "5", "--variableCost", "2", "--interestRate", "0.05", "--includeGdp", "false", "--eventProbability", "0.2",
      "--chokePrice", "5000", "--gdpLossForm", "paper"];
    const json = JSON.parse(await run("solve", "--template", "gallium", ...flags, "--json"));
    const lib = solve(templateParams("gallium", {
      overrides: { priceFloor: 100, elasticity: -0.2, meanDisruption: 30, gdpElasticity: 0, gdp: 0, fixedCost: 5, variableCost: 2, interestRate: 0.05, includeGdp: false, eventProbability: 0.2, chokePrice: 5000, gdpLossForm: "paper" },
    }));
    expect(json.zStar).toBe(lib.zStar);
    expect(json.zStar).not.toBe(solve(templateParams("gallium", { confirm: true })).zStar);
    // Fields given by no flag are the ones listed, and only they.
    await expect(run("solve", "--template", "gallium", ...flags.slice(2, -2))).rejects.toThrow(/has 2 assumption fields neither confirmed nor overridden[^]*\n {2}priceFloor = 201 USD\/kg: [^]*\n {2}gdpLossForm = linear: /);
  });

  it("--price carries the per-price assumptions along (floor, storage costs, choke price), in solve and in mc's laws", async () => {
    const json = JSON.parse(await run("solve", "--template", "gallium", "--accept-assumptions", "--price", "100", "--json"));
    expect(json.zStar).toBe(solve(templateParams("gallium", { confirm: true, overrides: { price: 100 } })).zStar);
    const mc = JSON.parse(await run("mc", "--template", "gallium", "--accept-assumptions", "--price", "300", "--samples", "400", "--seed", "2", "--json"));
    expect(mc.invalidSamples).toBe(0);
    const base = templateParams("gallium", { confirm: true, overrides: { price: 300 } });
    expect(mc.mean).toBe(monteCarlo(base, templateDistributions("gallium", { price: 300 }), { samples: 400, seed: 2 }).mean);
  });

  it("z* x q0 on assumed imports (rare-earth oxides: all rare-earth compounds) says so; a published or given imports does not", async () => {
    for (const id of ["dysprosium-oxide", "ndpr-oxide"]) {
      const table = await run("solve", "--template", id, "--accept-assumptions");
      expect(table, id).toMatch(/z\* x q0 += [\d,.]+ kg of [^\n]+\n +caveat += z\* x q0 rests on assumed imports \(18,356\.16 kg\/day, template [a-z-]+: no published figure for [^\n]+; give your own with --imports\n/);
      const json = JSON.parse(await run("solve", "--template", id, "--accept-assumptions", "--json"));
      expect(json.zStarUnitsCaveat, id).toMatch(/^z\* x q0 rests on assumed imports/);
      const own = await run("solve", "--template", id, "--accept-assumptions", "--imports", "50");
      expect(own, id).not.toContain("caveat");
    }
    expect(await run("solve", "--template", "gallium", "--accept-assumptions")).not.toContain("caveat");
    expect(await run("solve")).not.toContain("caveat");
  });

  it("batch --template says what its zStarUnits column counts (the template's unit and form)", () => {
    const dir = mkdtempSync(join(tmpdir(), "t13-batch-"));
    const input = join(dir, "in.csv");
    writeFileSync(input, "meanDisruption\n45\n60\n");
    const r = runCli(["batch", "--in", input, "--out", "-", "--template", "gallium", "--accept-assumptions"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 rows solved, 0 invalid, [\d.]+ s; zStarUnits in kg of gallium metal \(99\.99999%\)/);
    const row = r.stdout.trim().split("\n")[1]!.split(",");
    expect(Number(row[2])).toBe(solve(templateParams("gallium", { confirm: true, overrides: { meanDisruption: 45 } })).zStarUnits);
  });

  it("a --plot chart of a template run says which template and units in its caption", () => {
    const dir = mkdtempSync(join(tmpdir(), "t13-plot-"));
    for (const command of [["curve", "--points", "20"], ["tornado"], ["mc", "--samples", "200"], ["breakeven", "--param", "meanDisruption", "--stock", "60"]]) {
      const out = join(dir, `${command[0]}.svg`);
      const r = runCli([...command, "--template", "gallium", "--accept-assumptions", "--plot", out, "--json"]);
      expect(r.status, r.stderr).toBe(0);
      const svg = readFileSync(out, "utf8");
      expect(svg, command[0]).toContain("Template gallium (gallium metal (99.99999%), United States imports): price in USD/kg, imports in kg/day;");
      expect(svg, command[0]).toContain("its assumptions accepted or given as flags (optimal-reserve templates --template gallium: every source).");
    }
  });

  it("strategy refuses each of the templates' extensions (event probability, choke price, linear GDP form), as the README says", () => {
    const shocks = ["--onsetRate", "0.3836", "--severity", "0.3", "--meanDuration", "182.5", "--maxDrawdownRate", "2", "--maxFillRate", "0.1",
      "--targetStock", "60", "--years", "1", "--step", "1", "--samples", "10", "--seed", "1"];
    const base = ["strategy", "simulate", ...shocks, "--template", "gallium", "--accept-assumptions"];
    for (const [defaults, refused] of [
      [[], "eventProbability"],
      [["--eventProbability", "1"], "chokePrice"],
      [["--eventProbability", "1", "--chokePrice", "none"], "gdpLossForm"],
    ] as const) {
      const r = runCli([...base, ...defaults]);
      expect(r.status, refused).toBe(2);
      expect(r.stderr).toContain(`invalid ${refused}: got `);
    }
    expect(readFileSync(join(__dirname, "..", "README.md"), "utf8")).toContain(
      "`strategy` refuses the\ntemplates' event probability, choke price and linear GDP loss form");
  });

  it("an unknown template and a stray --accept-assumptions are usage errors", async () => {
    await expect(run("solve", "--template", "silver")).rejects.toThrow(UsageError);
    await expect(run("solve", "--template", "silver")).rejects.toThrow(/invalid --template: got "silver"; allowed: one of ndpr-oxide, dysprosium-oxide, gallium/);
    await expect(run("solve", "--accept-assumptions")).rejects.toThrow(/--accept-assumptions needs --template name/);
  });

  it("breakeven and mc take the template: the library's numbers", async () => {
    const base = templateParams("gallium", { confirm: true });
    const b = JSON.parse(await run("breakeven", "--template", "gallium", "--accept-assumptions", "--param", "meanDisruption", "--stock", "60", "--json"));
    expect(b.value).toBe(breakEven(base, "meanDisruption", 60).value);
    const mc = JSON.parse(await run("mc", "--template", "gallium", "--accept-assumptions", "--samples", "300", "--seed", "3", "--stock", "60", "--json"));
    const lib = monteCarlo(base, templateDistributions("gallium"), { samples: 300, seed: 3, currentStock: 60 });
    expect(mc.quantiles).toEqual(lib.quantiles);
    expect(mc.probAboveStock).toBe(lib.probAboveStock);
    // A flag fixes a field (not sampled); --dist replaces one law.
    const fixed = JSON.parse(await run("mc", "--template", "gallium", "--accept-assumptions", "--meanDisruption", "30",
      "--dist", "elasticity=uniform:-0.3:-0.1", "--samples", "300", "--seed", "3", "--json"));
    const given = { meanDisruption: 30 };
    const fixedLib = monteCarlo({ ...base, ...given }, { ...templateDistributions("gallium", given), elasticity: { type: "uniform", min: -0.3, max: -0.1 } },
      { samples: 300, seed: 3 });
    expect(fixed.mean).toBe(fixedLib.mean);
    await expect(run("mc", "--template", "gallium", "--samples", "10")).rejects.toThrow(/neither confirmed nor overridden/);
  });
});

describe("optimal-reserve templates", () => {
  it("lists every template, every field with value, unit, quality, year and source or reason", async () => {
    const out = await run("templates");
    for (const t of Object.values(presets.templates) as ParameterTemplate[]) {
      expect(out).toContain(`${t.id}: ${t.name}, ${t.form}`);
    }
    expect(out).toMatch(/^price +670 +USD\/kg +sourced +2010 +USGS Mineral Commodity Summaries 2011, gallium data sheet/m);
    expect(out).toMatch(/^meanDisruption +45 +days of imports +assumption +2026 +no published distribution of days lost/m);
  });

  it("csv has one row per field of each template; json is the templates themselves", async () => {
    const csv = (await run("templates", "--format", "csv")).split("\n");
    expect(csv[0]).toBe("template,parameter,value,unit,quality,year,source,why,distribution");
    expect(csv.length - 1).toBe(6 * Object.keys(gallium.fields).length);
    expect(JSON.parse(await run("templates", "--template", "gallium", "--json"))).toEqual(JSON.parse(JSON.stringify(gallium)));
  });
});
