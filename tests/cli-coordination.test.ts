/** `optimal-reserve coordinate` and `release` (built CLI): every format, the chart, the Monte Carlo, usage errors. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coordinate } from "../src/coordination/coordinate";
import { jointRelease } from "../src/coordination/joint-release";
import { iea2022, SEED000_RELEASES } from "../src/coordination/presets";
import { runCli } from "./cli-run";

const dir = mkdtempSync(join(tmpdir(), "coordination-"));

describe("optimal-reserve coordinate", () => {
  const library = coordinate(iea2022, { randomStarts: 0, backend: "js" });

  it("json is the library's result; csv and ndjson hold one row per profile and country", () => {
    const json = runCli(["coordinate", "--preset", "iea2022", "--starts", "0", "--backend", "js", "--format", "json"]);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as typeof library & { rows: unknown[] };
    expect(parsed.nash.units).toEqual(library.nash.units);
    expect(parsed.cooperative.units).toEqual(library.cooperative.units);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(["nash", "cooperative", "rules", "meta", "rows"]));
    const profiles = 1 + (library.nash.equilibria.length - 1) + 1 + library.rules.length;
    const csv = runCli(["coordinate", "--preset", "iea2022", "--starts", "0", "--format", "csv"]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("profile,country,days,units,payoff,spillover,sidePayment");
    expect(lines).toHaveLength(1 + 5 * profiles);
    expect(lines[1]).toBe(`nash,US,,${library.nash.units[0]},${library.nash.payoffs[0]},${library.nash.spillover[0]},`);
    const nd = runCli(["coordinate", "--preset", "iea2022", "--starts", "0", "--format", "ndjson"]);
    expect(nd.stdout.trim().split("\n").map((l) => JSON.parse(l) as { profile: string })[5]!.profile).toBe(library.nash.equilibria.length > 1 ? "nash#2" : "cooperative");
  });

  it("table with footer, --plot writes an SVG with a bar per country and profile, --mc summarises", () => {
    const svg = join(dir, "stocks.svg");
    const r = runCli(["coordinate", "--preset", "iea2022", "--starts", "0", "--plot", svg, "--mc", "4"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^profile\s+country\s+days\s+units/);
    expect(r.stdout).toMatch(/closest rule to the cooperative optimum: \w+/);
    expect(r.stdout).toMatch(/Monte Carlo \(4 draws, seed 1\)/);
    const text = readFileSync(svg, "utf8");
    expect(text.startsWith("<svg")).toBe(true);
    expect(text.match(/role-mark (concat_0_)?marks"/g)).toHaveLength(1);
    expect(text.match(/aria-roledescription="bar"/g)).toHaveLength(5 * 5); // nash, cooperative, 3 rules
  });

  it("a market file works; bad input exits 2 with the field, the value and the range, no stack trace", () => {
    const file = join(dir, "market.json");
    const market = structuredClone(iea2022);
    market.countries[1]!.elasticity = 2;
    writeFileSync(file, JSON.stringify(market));
    const bad = runCli(["coordinate", "--market", file]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invalid countries\[1\] \(China\)\.elasticity: got 2; allowed: -10 <= elasticity <= -0\.005/);
    expect(bad.stderr).not.toMatch(/\bat \w+ \(/);
    market.countries[1]!.elasticity = -0.26;
    writeFileSync(file, JSON.stringify(market));
    expect(runCli(["coordinate", "--market", file, "--starts", "0"]).status).toBe(0);
    for (const args of [["coordinate"], ["coordinate", "--preset", "nope"], ["coordinate", "--market", join(dir, "missing.json")], ["coordinate", "--preset", "iea2022", "--format", "xml"]]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).not.toMatch(/\bat \w+ \(/);
    }
  });
});

describe("optimal-reserve release", () => {
  it("the seed-000 question: US only versus US plus China, every format matches the library", () => {
    const lib = jointRelease(iea2022, [...SEED000_RELEASES.usAndChina], { backend: "js" });
    const r = runCli(["release", "--preset", "iea2022", "--release", "US=50e6/120", "--release", "China=30e6/120", "--backend", "js", "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as typeof lib;
    expect(json.price).toEqual(lib.price);
    expect(json.countries).toEqual(lib.countries);
    const csv = runCli(["release", "--preset", "iea2022", "--release", "US=50e6/120", "--backend", "js", "--format", "csv"]).stdout.trim().split("\n");
    expect(csv[0]).toBe("country,released,lossWithout,lossWith,gain,spillover,ownGain");
    expect(csv).toHaveLength(6);
    const table = runCli(["release", "--preset", "iea2022", "--release", "US=50e6/120"]).stdout;
    expect(table).toMatch(/world price \(USD\/unit\): normal 80, without releases 86\.\d{4}, with them 85\.\d{4}/);
    expect(runCli(["release", "--preset", "iea2022", "--release", "US=50e6/120", "--format", "ndjson"]).stdout.trim().split("\n")).toHaveLength(5);
  });

  it("usage errors exit 2 without a stack trace", () => {
    for (const args of [
      ["release", "--preset", "iea2022"],
      ["release", "--preset", "iea2022", "--release", "US:50"],
      ["release", "--preset", "iea2022", "--release", "Mars=5"],
      ["release", "--preset", "iea2022", "--release", "India=50e6"],
      ["release", "--preset", "iea2022", "--release", "US=5e6", "--scenario", "7"],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/optimal-reserve release: /);
      expect(r.stderr).not.toMatch(/\bat \w+ \(/);
    }
  });
});
