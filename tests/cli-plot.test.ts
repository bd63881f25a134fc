/**
 * The built CLI's charts and I/O errors, end to end: --plot by extension (.svg, .png, anything
 * else refused), captions, the histogram's baseline, the tornado's colours and labels, the curve's
 * legend and log axes, unwritable paths, --version.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breakEven, monteCarlo, tornado } from "../src/index";
import { logTicks } from "../src/cli/plot";
import { runCli } from "./cli-run";

const dir = mkdtempSync(join(tmpdir(), "or-plot-"));
const version = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).version as string;

/** Run the CLI with --plot into `dir`; the chart file's text (or bytes for .png). */
function plot(file: string, ...args: string[]) {
  const path = join(dir, file);
  const r = runCli([...args, "--plot", path]);
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(path);
}

/** The text of every element with the given class (e.g. the labels of all axes). */
const texts = (svg: string, role: string) =>
  [...svg.matchAll(new RegExp(`class="mark-text role-${role}[^"]*"[^>]*>(.*?)</g>`, "gs"))]
    .flatMap((m) => [...m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!));

const caption = (svg: string) => {
  expect(svg).toContain(`optimal-reserve ${version}; model of Xie, Lin, Su &amp; Pang (2019). Parameters:`);
  expect(svg).toMatch(/meanDisruption 21, importDependence 0\.698/);
};

describe("--plot", () => {
  it("breakeven --plot x.svg draws z* against the parameter with the stock and the break-even value", () => {
    const svg = plot("b.svg", "breakeven", "--param", "meanDisruption", "--stock", "80").toString("utf8");
    const value = breakEven({}, "meanDisruption", 80).value;
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).toContain(`Break-even: meanDisruption = ${Number(value.toPrecision(4))} makes 80 days the optimal reserve`);
    expect((svg.match(/class="mark-rule role-mark/g) ?? []).length).toBe(2);
    caption(svg);
  });

  it("x.png is a real PNG of the chart (resvg), twice the SVG's pixel size", () => {
    const png = plot("b.png", "breakeven", "--param", "meanDisruption", "--stock", "80");
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = readFileSync(join(dir, "b.svg"), "utf8");
    const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(png.readUInt32BE(16)).toBe(2 * width); // IHDR width
  });

  it.each([
    [["curve", "--plot", "c.pdf"], /invalid --plot "c\.pdf": the extension must be \.svg or \.png/],
    [["curve", "--plot", "/nonexistent-dir/c.svg"], /cannot write --plot \/nonexistent-dir\/c\.svg: directory \/nonexistent-dir: no such file or directory \(ENOENT\)/],
    [["breakeven", "--param", "meanDisruption", "--stock", "80", "--plot", "/proc/version/x.svg"], /cannot write --plot \/proc\/version\/x\.svg: \/proc\/version is not a directory/],
    [["curve", "--points", "3", "--plot", "/sys/c.svg"], /cannot write --plot \/sys\/c\.svg: permission denied \(EACCES\)/],
    [["solve", "--params", "/nonexistent-dir/p.json"], /cannot read --params \/nonexistent-dir\/p\.json: no such file or directory \(ENOENT\)/],
  ])("%j: exit 2, the path and the reason, no stack trace", (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("mc histogram: bars stand on zero, heights proportional to the counts, no negative y axis", () => {
    const args = ["--dist", "meanDisruption=lognormal:21:5", "--samples", "2000", "--seed", "3", "--bins", "20", "--stock", "80"];
    const svg = plot("m.svg", "mc", ...args).toString("utf8");
    caption(svg);
    expect(svg).toContain("Sampled (2000 samples, seed 3): meanDisruption=lognormal:21:5");
    const counts = monteCarlo({}, { meanDisruption: { type: "lognormal", mean: 21, sd: 5 } }, { samples: 2000, seed: 3, bins: 20 }).histogram.counts;
    const bars = [...svg.matchAll(/aria-roledescription="rect mark" d="M[-\d.e]+,([-\d.e]+)h[-\d.e]+v([-\d.e]+)h/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(bars).toHaveLength(counts.length);
    const perSample = Math.max(...bars.map(([, h]) => h!)) / Math.max(...counts);
    bars.forEach(([y, h], k) => {
      expect(y! + h!).toBeCloseTo(260, 6); // the bottom of every bar is the zero line
      expect(h!).toBeCloseTo(counts[k]! * perSample, 6);
    });
    expect(texts(svg, "axis-label").every((t) => !t.startsWith("-") && !t.startsWith("−"))).toBe(true);
  });

  it("tornado: low and high in two colours, every bar end labelled with its z*, corners marked", () => {
    const svg = plot("t.svg", "tornado").toString("utf8");
    caption(svg);
    const fills = new Set([...svg.matchAll(/aria-roledescription="bar" d="[^"]*" fill="([^"]+)"/g)].map((m) => m[1]));
    expect(fills).toEqual(new Set(["#1f77b4", "#ff7f0e"]));
    const labels = texts(svg, "mark");
    const rows = tornado().rows;
    const corner = (z: number, r: (typeof rows)[number], value: number) => z === 0 || z === (r.name === "horizon" ? value : 365);
    for (const r of rows) {
      expect(labels).toContain(`${Number(r.zLow.toPrecision(4))}${corner(r.zLow, r, r.low) ? " (corner)" : ""}`);
      expect(labels).toContain(`${Number(r.zHigh.toPrecision(4))}${corner(r.zHigh, r, r.high) ? " (corner)" : ""}`);
    }
    // Where a default range reaches a corner (today importDependence = 1, z* = H), it is marked and explained.
    const corners = labels.filter((t) => t.endsWith(" (corner)")).length;
    expect(corners).toBe(rows.flatMap((r) => [corner(r.zLow, r, r.low), corner(r.zHigh, r, r.high)]).filter(Boolean).length);
    expect(svg.includes("(corner): z* at 0 or at the horizon there")).toBe(corners > 0);
  });

  it("curve: the MB/MC legend sits on the lower panel; each log axis labels in one format", () => {
    const svg = plot("c.svg", "curve", "--points", "60").toString("utf8");
    caption(svg);
    expect(svg.indexOf("role-legend")).toBeGreaterThan(svg.indexOf("concat_0_concat_1_group"));
    const labels = texts(svg, "axis-label").filter((t) => /[a-z+]/.test(t)); // the money axes
    expect(labels.length).toBeGreaterThan(6);
    expect(labels.every((t) => /^\d(\.\d)?e\+\d+$/.test(t))).toBe(true); // S spans 1e10..1e21 here
    const zoomed = plot("c2.svg", "curve", "--from", "80", "--to", "200").toString("utf8");
    const words = texts(zoomed, "axis-label").filter((t) => /[a-z]/.test(t));
    expect(words.length).toBeGreaterThan(6);
    expect(words.every((t) => /^\d+(\.\d+)? (mn|bn|tn)$/.test(t))).toBe(true);
  });

  it("log ticks: powers of ten, with 2 and 5 over short spans, thinned over long ones", () => {
    expect(logTicks(3e6, 2.7e8)).toEqual([5e6, 1e7, 2e7, 5e7, 1e8, 2e8]);
    expect(logTicks(1e2, 1e21)).toEqual(Array.from({ length: 10 }, (_, k) => 10 ** (2 + 2 * k)));
    expect(logTicks(2e9, 3e21)).toEqual([1e10, 1e12, 1e14, 1e16, 1e18, 1e20]);
  });
});

describe("--version and --help", () => {
  it("--version, globally and after any command, prints the package version", () => {
    for (const args of [["--version"], ["solve", "--version"], ["batch", "--version"]]) {
      const r = runCli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`optimal-reserve ${version}\n`);
    }
  });

  it("help <command> prints that command's help; an unknown one is an error", () => {
    expect(runCli(["help", "elasticities"]).stdout).toMatch(/^Usage: optimal-reserve elasticities/);
    const unknown = runCli(["help", "frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
