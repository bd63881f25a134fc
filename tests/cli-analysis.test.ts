/** The analysis commands of the built CLI (curve, sweep, tornado, mc, breakeven), end to end. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION, breakEven, curve, grid, monteCarlo, solve, tornado } from "../src/index";

const CLI = join(__dirname, "..", "dist", "cli.js");
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
const parseCsv = (text: string) => text.trim().split("\n").map((line) => line.split(","));

describe("CLI analysis commands", () => {
  it("curve: every format, numbers equal the library's", () => {
    const c = curve({}, { points: 5 });
    const csv = parseCsv(run("curve", "--points", "5", "--format", "csv").stdout);
    expect(csv[0]).toEqual(["z", "marginalBenefit", "marginalCost", "totalCost"]);
    expect(csv.slice(1).map((r) => Number(r[3]))).toEqual(Array.from(c.totalCost));
    const json = JSON.parse(run("curve", "--points", "5", "--format", "json").stdout);
    expect(json.zStar).toBe(c.zStar);
    expect(json.rows).toHaveLength(5);
    const nd = run("curve", "--points", "5", "--format", "ndjson").stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(nd.map((r) => r.z)).toEqual(Array.from(c.z));
    expect(run("curve", "--points", "5").stdout).toMatch(/z\* = 117\.147\d+ days \(interior\)/);
  });

  it("sweep: ranges and lists, last axis fastest, equal to grid()", () => {
    const r = run("sweep", "--vary", "meanDisruption=10:60:3", "--vary", "fixedCost=2,6", "--format", "csv");
    expect(r.status).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(["meanDisruption", "fixedCost", "zStar", "status", "totalCost", "error"]);
    const g = grid({}, { meanDisruption: [10, 35, 60], fixedCost: [2, 6] });
    expect(rows.slice(1).map((x) => [Number(x[0]), Number(x[1]), Number(x[2])])).toEqual(
      Array.from(g.zStar, (z, i) => [[10, 35, 60][Math.floor(i / 2)], [2, 6][i % 2], z]));
  });

  it("sweep: invalid rows are flagged in place, counted on stderr, exit 3", () => {
    const r = run("sweep", "--vary", "meanDisruption=21,-1,31", "--format", "ndjson");
    expect(r.status).toBe(3);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((x) => x.status)).toEqual(["interior", "invalid", "interior"]);
    expect(rows[1].error).toMatch(/invalid meanDisruption: got -1; allowed: 0.1 <= meanDisruption <= 10000/);
    expect(rows[2].zStar).toBe(solve({ meanDisruption: 31 }).zStar);
    expect(r.stderr).toMatch(/1 of 3 rows invalid/);
  });

  it("tornado and breakeven equal the library's", () => {
    const t = JSON.parse(run("tornado", "--range", "meanDisruption=10:40", "--format", "json").stdout);
    expect(t.rows).toEqual(JSON.parse(JSON.stringify(tornado({}, { meanDisruption: [10, 40] }).rows)));
    const b = JSON.parse(run("breakeven", "--param", "meanDisruption", "--stock", "80", "--format", "json").stdout);
    expect(b.value).toBe(breakEven({}, "meanDisruption", 80).value);
  });

  it("mc is reproducible by seed and equals monteCarlo()", () => {
    const args = ["mc", "--dist", "meanDisruption=lognormal:21:5", "--dist", "importDependence=discrete:0.6,0.7@1,3",
      "--samples", "3000", "--seed", "7", "--stock", "80", "--format", "json"];
    const a = JSON.parse(run(...args).stdout);
    expect(JSON.parse(run(...args).stdout)).toEqual(a);
    const lib = monteCarlo({}, {
      meanDisruption: { type: "lognormal", mean: 21, sd: 5 }, importDependence: { type: "discrete", values: [0.6, 0.7], weights: [1, 3] },
    }, { samples: 3000, seed: 7, currentStock: 80 });
    expect(a.mean).toBe(lib.mean);
    expect(a.probAboveStock).toBe(lib.probAboveStock);
  });

  it("--params file.json sets the base; flags override it", () => {
    const dir = mkdtempSync(join(tmpdir(), "or-params-"));
    const file = join(dir, "p.json");
    writeFileSync(file, JSON.stringify({ meanDisruption: 31, includeGdp: false }));
    const s = JSON.parse(run("solve", "--params", file, "--json").stdout);
    expect(s.zStar).toBe(solve({ meanDisruption: 31, includeGdp: false }).zStar);
    const t = JSON.parse(run("solve", "--params", file, "--meanDisruption", "42", "--json").stdout);
    expect(t.zStar).toBe(solve({ meanDisruption: 42, includeGdp: false }).zStar);
    writeFileSync(file, "{ not json");
    expect(run("solve", "--params", file).stderr).toMatch(/is not JSON \(line 1, column 3: InvalidSymbol\)/);
  });

  it("--plot writes captioned SVG charts with the expected marks (curve, sweep, tornado, mc)", () => {
    const dir = mkdtempSync(join(tmpdir(), "or-plot-"));
    const svg = (name: string, ...args: string[]) => {
      const file = join(dir, `${name}.svg`);
      const r = run(...args, "--plot", file);
      expect(r.status, r.stderr).toBe(0);
      const text = readFileSync(file, "utf8");
      expect(text.startsWith("<svg ")).toBe(true);
      expect(text.trimEnd().endsWith("</svg>")).toBe(true);
      expect(text).toContain(`optimal-reserve ${VERSION}; model of Xie, Lin, Su &amp; Pang (2019). Parameters:`); // the caption
      const count = (mark: string) => (text.match(new RegExp(`class="mark-${mark} role-mark`, "g")) ?? []).length;
      return { text, count };
    };
    const c = svg("curve", "curve", "--points", "40");
    expect(c.count("line")).toBeGreaterThanOrEqual(2); // S(z), and MB/MC
    expect(c.count("rule")).toBeGreaterThanOrEqual(2); // z* on both panels
    expect(c.text).toMatch(/z\* = 117\.15 days/);
    const s = svg("sweep", "sweep", "--vary", "meanDisruption=5:60:12", "--format", "csv");
    expect(s.count("line")).toBe(1);
    expect(s.count("symbol")).toBe(1);
    const tor = svg("tornado", "tornado");
    expect(tor.count("rect")).toBe(1);
    expect(tor.text).toMatch(/meanDisruption/);
    const h = svg("mc", "mc", "--dist", "meanDisruption=lognormal:21:5", "--samples", "500", "--stock", "80");
    expect(h.count("rect")).toBe(1);
    expect(h.count("rule")).toBe(1); // the current stock
    expect(run("sweep", "--vary", "meanDisruption=5,6", "--vary", "fixedCost=1,2", "--plot", join(dir, "x.svg")).stderr)
      .toMatch(/sweep --plot needs exactly one --vary axis/);
  });

  it.each([
    [["sweep"], /sweep needs at least one --vary/],
    [["sweep", "--vary", "meanDisruption=1:2"], /a range is start:stop:count/],
    [["sweep", "--vary", "meanDisruptoin=1,2"], /unknown parameter "meanDisruptoin"/],
    [["curve", "--format", "xml"], /invalid --format: "xml"; allowed: csv, json, ndjson, table/],
    [["curve", "--points", "1"], /invalid --points: "1"; allowed: a whole number >= 2/],
    [["mc", "--dist", "meanDisruption=gamma:1:2"], /type must be uniform, triangular, normal, lognormal or discrete/],
    [["mc", "--dist", "meanDisruption=normal:1"], /normal takes 2 numbers/],
    [["breakeven", "--param", "meanDisruption"], /breakeven needs --stock days/],
    [["breakeven", "--param", "fixedCost", "--stock", "150"], /no fixedCost in \[0, 2500000\] makes 150 days optimal/],
  ])("%j exits 2 with a clear message", (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
