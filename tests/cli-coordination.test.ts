/** `optimal-reserve coordinate` and `release` (built CLI): every format, the chart, the Monte Carlo, usage errors. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coordinate } from "../src/coordination/coordinate";
import { jointRelease } from "../src/coordination/joint-release";
import { iea2022, SEED000_RELEASES } from "../src/coordination/presets";
import { runCli } from "./cli-run";
import { COORDINATION_HEADING, readmeCommands } from "./readme";

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

describe("optimal-reserve coordinate: notes and refusals", () => {
  it("a sub-coalition below its Nash total says so; --uncertainty without --mc is refused; a missing consumption is noted", () => {
    const sub = runCli(["coordinate", "--preset", "iea2022", "--starts", "0", "--coalition", "China,India"]);
    expect(sub.status).toBe(0);
    expect(sub.stdout).toMatch(/note: the coalition \(China, India\) does worse at its cooperative optimum than at Nash \(gain -\d+\.\d{3} bn USD\/yr\).*no side payments can leave every member as well off as at Nash/);
    const unc = join(dir, "unc.json");
    writeFileSync(unc, JSON.stringify({ elasticity: { low: -0.3, high: -0.2 } }));
    const lone = runCli(["coordinate", "--preset", "iea2022", "--uncertainty", unc]);
    expect(lone.status).toBe(2);
    expect(lone.stderr).toMatch(/--uncertainty is what --mc draws: give --mc n with it/);
    const file = join(dir, "no-consumption.json");
    const market = structuredClone(iea2022) as unknown as { countries: Record<string, unknown>[] };
    delete market.countries[3]!.consumption;
    writeFileSync(file, JSON.stringify(market));
    expect(runCli(["coordinate", "--market", file, "--starts", "0"]).stdout).toMatch(/note: countries\[3\] \(India\)\.consumption not given: taken as max\(imports, 0\)/);
  });

  it("rules at the cooperative total say so in words, not as rounding noise", () => {
    const r = runCli(["coordinate", "--preset", "iea2022", "--starts", "0"]);
    expect(r.stdout).toMatch(/rule equalDays \(.*\): total -?\d+\.\d{3} bn USD\/yr, the cooperative total \(to within one part in a billion\)/);
    expect(r.stdout).toMatch(/rule iea90 \(.*\): total -?\d+\.\d{3} bn USD\/yr, \d+\.\d{3} bn USD\/yr below cooperative/);
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
    const table = runCli(["release", "--preset", "iea2022", "--release", "US=50e6/120"]).stdout;
    expect(table).toMatch(/world price \(USD\/unit\): normal 80, without releases 86\.\d{4}, with them 85\.\d{4}/);
  });

  it("csv and ndjson carry the headline (scenario, prices without/with and after, total gain, over-shortfall note); rows have country, not name", () => {
    const lib = jointRelease(iea2022, [{ country: "US", rate: 50e6 / 30, days: 30 }], { backend: "js" });
    expect(lib.pieces).toHaveLength(2);
    const args = ["release", "--preset", "iea2022", "--release", "US=50e6/30", "--backend", "js", "--format"];
    const csv = runCli([...args, "csv"]).stdout.trim().split("\n");
    expect(csv[0]).toBe("country,released,lossWithout,lossWith,gain,spillover,ownGain,scenario,severity,duration,priceNormal,priceWithout,priceWith,totalGain,note,pricePieces");
    expect(csv).toHaveLength(6);
    const us = lib.countries[0]!;
    expect(csv[1]).toBe([
      "US", us.released, us.lossWithout, us.lossWith, us.gain, us.spillover, us.ownGain, 0, 0.02, 120, 80, lib.price.without, lib.price.with, lib.totalGain, "",
      `0-30:${lib.pieces[0]!.price};30-120:${lib.pieces[1]!.price}`,
    ].join(","));
    const nd = runCli([...args, "ndjson"]).stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(nd).toHaveLength(6);
    expect(nd[0]).toEqual({
      record: "headline", scenario: 0, severity: 0.02, duration: 120, priceNormal: 80, priceWithout: lib.price.without,
      priceWith: lib.price.with, totalGain: lib.totalGain, note: null, pieces: lib.pieces,
    });
    expect(nd[1]).toEqual({ record: "country", country: "US", released: us.released, lossWithout: us.lossWithout, lossWith: us.lossWith, gain: us.gain, spillover: us.spillover, ownGain: us.ownGain });
    for (const row of nd.slice(1)) expect(row).not.toHaveProperty("name");
    // Releases past the shortfall: the note is in both.
    const over = ["release", "--preset", "iea2022", "--release", "US=400e6/120", "--backend", "js", "--format"];
    const overLib = jointRelease(iea2022, [{ country: "US", rate: 400e6 / 120, days: 120 }], { backend: "js" });
    expect(overLib.note).toMatch(/exceed the shortfall/);
    expect(runCli([...over, "csv"]).stdout).toContain(overLib.note!);
    expect((JSON.parse(runCli([...over, "ndjson"]).stdout.split("\n")[0]!) as { note: string }).note).toBe(overLib.note);
  });

  it("--release reads decimal numbers only and refuses days past the scenario's duration, as the page does", () => {
    for (const [flag, message] of [
      ["US=0x10", /invalid --release "US=0x10": volume "0x10"; allowed: a number >= 0 \(units\) in decimal or exponent form/],
      ["US=50e6/0x10", /days "0x10"; allowed: 0 < days <= 120/],
      ["US=50e6/400", /invalid --release "US=50e6\/400": days "400"; allowed: 0 < days <= 120 \(days, scenario 0's duration\)/],
      ["US=Infinity", /volume "Infinity"/],
    ] as const) {
      const r = runCli(["release", "--preset", "iea2022", "--release", flag]);
      expect(r.status, flag).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(runCli(["release", "--preset", "iea2022", "--release", "US=50e6/120"]).status).toBe(0);
  });

  it("a market file with a UTF-8 byte-order mark is read (as every other CLI input)", () => {
    const file = join(dir, "bom.json");
    writeFileSync(file, `\uFEFF${JSON.stringify(iea2022)}`);
    const r = runCli(["release", "--market", file, "--release", "US=50e6/120", "--backend", "js", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { price: unknown }).price).toEqual(jointRelease(iea2022, [{ country: "US", rate: 50e6 / 120, days: 120 }], { backend: "js" }).price);
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

describe("README: the release examples", () => {
  it("print exactly what the CLI prints", () => {
    const examples = readmeCommands(COORDINATION_HEADING, "release");
    expect(examples.length).toBe(2);
    for (const { args, printed } of examples) {
      const r = runCli(args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout, args.join(" ")).toBe(printed);
    }
  });
});
