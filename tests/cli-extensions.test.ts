/**
 * The extensions on the command line (docs/model.md section 11.4): --eventProbability,
 * --chokePrice (none for no choke price) and --gdpLossForm, also in kebab case; batch cells
 * (CSV and NDJSON, one bad row flagged, the others written) and sweep axes. Run against the
 * built CLI (dist/cli.js), answers equal to the library's.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breakEven, describeRange, solve } from "../src/index";
import { runCli } from "./cli-run";

const json = (args: string[]) => {
  const r = runCli([...args, "--json"]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe("CLI flags", () => {
  it("solve takes the three flags in camel and kebab case, and none for no choke price", () => {
    const lib = solve({ eventProbability: 0.3, chokePrice: 250, gdpLossForm: "linear", importDependence: 1 });
    const camel = json(["solve", "--eventProbability", "0.3", "--chokePrice", "250", "--gdpLossForm", "linear", "--importDependence", "1"]);
    const kebab = json(["solve", "--event-probability", "0.3", "--choke-price", "250", "--gdp-loss-form", "linear", "--importDependence", "1"]);
    expect(camel.zStar).toBe(lib.zStar);
    expect(kebab.zStar).toBe(lib.zStar);
    expect(camel.netBenefitFinite).toBe(true);
    expect(json(["solve", "--chokePrice", "none"]).zStar).toBe(solve({}).zStar);
  });
  it("a --params file writes no choke price as null or none (JSON has no Infinity)", () => {
    const dir = mkdtempSync(join(tmpdir(), "k13-params-"));
    for (const choke of ["null", '"none"']) {
      const file = join(dir, "p.json");
      writeFileSync(file, `{"chokePrice": ${choke}, "gdpLossForm": "linear", "importDependence": 1}`);
      expect(json(["solve", "--params", file]).zStar).toBe(solve({ gdpLossForm: "linear", importDependence: 1 }).zStar);
    }
  });
  it("a --params number beyond the doubles (1e999: JSON reads Infinity) is refused, never read as no choke price; forms in any case, as the flag", () => {
    const dir = mkdtempSync(join(tmpdir(), "k13-params-"));
    const file = join(dir, "p.json");
    for (const [body, name] of [['{"chokePrice": 1e999}', "chokePrice"], ['{"gdp": -1e999}', "gdp"]] as const) {
      writeFileSync(file, body);
      const r = runCli(["solve", "--params", file]);
      expect(r.status, body).toBe(2);
      expect(r.stderr).toContain(`--params ${file}: ${name} is a number beyond the range of a double (JSON reads it as ${body.includes("-1e999") ? "-" : ""}Infinity); allowed: `);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    writeFileSync(file, '{"gdpLossForm": " LINEAR", "importDependence": 1}');
    expect(json(["solve", "--params", file]).zStar).toBe(solve({ gdpLossForm: "linear", importDependence: 1 }).zStar);
  });
  it("bad values exit 2 with the library's message, no stack trace", () => {
    for (const [args, message] of [
      [["--eventProbability", "0"], "invalid eventProbability: got 0; allowed: 0 < eventProbability <= 1 (per year)"],
      [["--chokePrice", "50"], "invalid chokePrice: got 50; allowed: price = 50.8 < chokePrice (USD/unit), or Infinity (none)"],
      [["--chokePrice", "lots"], 'invalid --chokePrice: "lots" is not a number'],
      [["--gdpLossForm", "cubic"], 'invalid --gdpLossForm: "cubic"; allowed: "paper" or "linear"'],
      [["--choke-price", "100", "--chokePrice", "200"], "--choke-price and --chokePrice are the same flag"],
    ] as const) {
      const r = runCli(["solve", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it("breakeven solves for the event probability that makes 60 days optimal", () => {
    const out = json(["breakeven", "--param", "eventProbability", "--stock", "60", "--gdpLossForm", "linear", "--importDependence", "1"]);
    expect(out.value).toBe(breakEven({ gdpLossForm: "linear", importDependence: 1 }, "eventProbability", 60).value);
  });
});

describe("batch cells and sweep axes", () => {
  const dir = mkdtempSync(join(tmpdir(), "k13-"));
  it("CSV: none, forms and probabilities; bad rows flagged with the cell, the others solved", () => {
    const input = join(dir, "in.csv");
    writeFileSync(input, "chokePrice,eventProbability,gdpLossForm,importDependence\nnone,1,paper,0.698\n200,0.5,linear,1\n40,1,paper,0.5\n200,1,cubic,0.5\n");
    const r = runCli(["batch", "--in", input, "--out", "-"]);
    expect(r.status).toBe(3);
    const rows = r.stdout.trim().split("\n").map((line) => line.split(","));
    expect(Number(rows[1]![4])).toBe(solve({}).zStar);
    expect(Number(rows[2]![4])).toBe(solve({ chokePrice: 200, eventProbability: 0.5, gdpLossForm: "linear", importDependence: 1 }).zStar);
    expect(rows[3]!.join(",")).toContain("invalid chokePrice: got 40");
    expect(rows[4]!.join(",")).toContain('invalid gdpLossForm: ""cubic"" is not a GDP loss form');
  });
  it("NDJSON: null and none are no choke price", () => {
    const input = join(dir, "in.ndjson");
    writeFileSync(input, '{"chokePrice":null,"gdpLossForm":"linear","importDependence":1}\n{"chokePrice":"none","eventProbability":0.1}\n');
    const r = runCli(["batch", "--in", input, "--out", "-", "--format", "ndjson"]);
    expect(r.status, r.stderr).toBe(0);
    const [a, b] = r.stdout.trim().split("\n").map((line) => JSON.parse(line) as { zStar: number });
    expect(a!.zStar).toBe(solve({ gdpLossForm: "linear", importDependence: 1 }).zStar);
    expect(b!.zStar).toBe(solve({ eventProbability: 0.1 }).zStar);
  });
  it("NDJSON: a number beyond the doubles (1e999) flags its row, quoted as such (not as null); the other rows are written", () => {
    const input = join(dir, "big.ndjson");
    writeFileSync(input, '{"chokePrice":1e999}\n{"gdp":1e999}\n{"chokePrice":200}\n');
    const r = runCli(["batch", "--in", input, "--out", "-", "--format", "ndjson"]);
    expect(r.status).toBe(3);
    const rows = r.stdout.trim().split("\n").map((line) => JSON.parse(line) as { zStar: number | null; error: string });
    expect(rows[0]!.error).toBe(`invalid chokePrice: a number beyond the range of a double (JSON reads it as Infinity); allowed: ${describeRange("chokePrice")}`);
    expect(rows[1]!.error).toBe(`invalid gdp: a number beyond the range of a double (JSON reads it as Infinity); allowed: ${describeRange("gdp")}`);
    expect(rows.map((row) => row.zStar)).toEqual([null, null, solve({ chokePrice: 200 }).zStar]);
  });
  it("sweep: chokePrice axis with none, eventProbability axis", () => {
    const r = runCli(["sweep", "--vary", "eventProbability=0.1,1", "--vary", "chokePrice=100,none", "--format", "csv"]);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split("\n").slice(1).map((line) => line.split(","));
    expect(rows.map((row) => Number(row[2]))).toEqual([
      solve({ eventProbability: 0.1, chokePrice: 100 }).zStar, solve({ eventProbability: 0.1 }).zStar,
      solve({ chokePrice: 100 }).zStar, solve({}).zStar,
    ]);
  });
});
