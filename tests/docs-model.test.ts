/**
 * docs/model.md and the README's reference sections agree with the code: the parameter table with
 * PARAMETER_SPECS, the paper table with paperCases and solve(), the disruption-law table with the
 * truncated exponential, the status table and its example with solveBatch, the units table with
 * the base case; and every section anchor that the docs link to exists.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_PARAMS, PARAMETER_SPECS, STATUS_NAMES, paperCases, solve, solveBatch } from "../src/index";

const ROOT = join(__dirname, "..");
const model = readFileSync(join(ROOT, "docs", "model.md"), "utf8");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

const SUPERSCRIPTS: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5",
  "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-" };

/** A number as the docs print it: "−0.1", "8 650 000", "12.2 × 10¹²", "1.9 × 10⁻⁴". */
function docNumber(text: string): number {
  const plain = text.trim().replace(/−/g, "-").replace(/(\d) (?=\d{3}\b)/g, "$1");
  const power = /^(-?[\d.]+) × 10([⁻⁰-⁹¹²³]+)$/.exec(plain);
  if (power) return Number(power[1]) * 10 ** Number([...power[2]!].map((c) => SUPERSCRIPTS[c]).join(""));
  const value = Number(plain);
  expect(Number.isNaN(value), `a number: "${text}"`).toBe(false);
  return value;
}

/** Half a unit in the last printed place of `text` (decimals and any "× 10ⁿ"), the rounding allowed. */
function halfUlp(text: string): number {
  const plain = text.trim().replace(/(\d) (?=\d{3}\b)/g, "$1");
  const decimals = /\.(\d+)/.exec(plain.split("×")[0]!)?.[1]?.length ?? 0;
  const power = /× 10([⁻⁰-⁹¹²³]+)/.exec(plain);
  const exponent = power ? Number([...power[1]!].map((c) => SUPERSCRIPTS[c]).join("")) : 0;
  return 0.5 * 10 ** (exponent - decimals);
}

/** The cells of the markdown table rows of `text` whose first cell matches `first`. */
function tableRows(text: string, first: RegExp): string[][] {
  return text.split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.slice(1, -1).split("|").map((cell) => cell.trim()))
    .filter((cells) => first.test(cells[0]!));
}

/** The text of the README section titled `heading`, up to the next "## ". */
function readmeSection(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** `x` as the docs print a power of ten, e.g. "6.6 × 10⁻¹⁷⁴" for (6.55e-174, 2 digits). */
function powerOfTen(x: number, digits: number): string {
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  const superscript = [...String(Number(exponent))].map((c) => (c === "-" ? "⁻" : "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(c)])).join("");
  return `${mantissa} × 10${superscript}`;
}

const GREEK: Record<string, string> = { "ε": "eps", "λ": "lambda", "δ": "delta" };

describe("docs/model.md", () => {
  it("lists every parameter with PARAMETER_SPECS' symbol, unit, base value and range", () => {
    const section = model.slice(model.indexOf('<a id="parameters">'), model.indexOf('<a id="units">'));
    const rows = tableRows(section, /^`\w+`$/);
    const names = PARAMETER_SPECS.map((s) => `\`${s.name}\``);
    // The kernel order: the paper's twelve, the extensions' eventProbability and chokePrice, includeGdp, gdpLossForm.
    expect(rows.map((r) => r[0])).toEqual([...names, "`includeGdp`", "`gdpLossForm`"]);
    for (const spec of PARAMETER_SPECS) {
      const [, symbol, , unit, base, range] = rows.find((r) => r[0] === `\`${spec.name}\``)!;
      expect(GREEK[symbol!] ?? symbol, spec.name).toBe(spec.symbol);
      expect(unit!.startsWith(spec.unit === "" ? "dimensionless" : spec.unit), `${spec.name} unit`).toBe(true);
      if (spec.name === "chokePrice") {
        // No choke price by default (Infinity), and the dependent bound P0 < Pc.
        expect([base, range, spec.base]).toEqual(["none (∞)", "P0 < Pc", Infinity]);
        continue;
      }
      expect(docNumber(base!), `${spec.name} base`).toBe(spec.base);
      // "lower (< or ≤) symbol [≤ upper]"
      const parts = range!.split(/ (<|≤) /);
      expect(docNumber(parts[0]!), `${spec.name} lower bound`).toBe(spec.min);
      expect(parts[1], `${spec.name} lower bound inclusive`).toBe(spec.minInclusive ? "≤" : "<");
      const upper = parts[4];
      if (spec.name === "priceFloor") expect(upper).toBe("P0");
      else expect(upper === undefined ? Infinity : docNumber(upper), `${spec.name} upper bound`).toBe(spec.max);
    }
    expect(BASE_PARAMS.includeGdp).toBe(true);
  });

  it("prints the paper's cases with this model's z* and the differences", () => {
    const rows = tableRows(model.slice(model.indexOf('<a id="paper-results">')), /./).slice(2, 10);
    expect(rows).toHaveLength(paperCases.length);
    paperCases.forEach((c, k) => {
      const [name, , paper, zStar, difference] = rows[k]!;
      const z = solve(c.params).zStar;
      expect(name).toBe(c.name);
      expect(Number(paper)).toBe(c.paper);
      expect(zStar).toBe(z.toFixed(4));
      expect(docNumber(difference!.replace("+", ""))).toBe(Number((z - c.paper).toFixed(2)));
    });
  });

  it("gives the disruption-size probabilities of the truncated exponential to the digits shown", () => {
    const H = BASE_PARAMS.horizon;
    const survival = (x: number, lambda: number) => (Math.exp(-x / lambda) - Math.exp(-H / lambda)) / -Math.expm1(-H / lambda);
    const section = model.slice(model.indexOf('<a id="disruption-law">'), model.indexOf('<a id="equations">'));
    const rows = tableRows(section, /days/).filter((r) => /^[\d.]+ days/.test(r[0]!));
    expect(rows.map((r) => r[0]!.split(" ")[0])).toEqual(["30", "60", "90", "117.147", "180"]);
    for (const row of rows) {
      const x = Number(row[0]!.split(" ")[0]);
      [21, 31, 42].forEach((lambda, k) => {
        const [, p, odds] = /^(.+?) \((?:1 year in|1 in) ([\d. ]+)\)$/.exec(row[k + 1]!)!;
        const exact = survival(x, lambda);
        expect(Math.abs(docNumber(p!) - exact), `P(T > ${x}) at lambda ${lambda}`).toBeLessThanOrEqual(halfUlp(p!));
        expect(Math.abs(docNumber(odds!) - 1 / exact), `1 in ... at ${x}, ${lambda}`).toBeLessThanOrEqual(halfUlp(odds!));
      });
    }
    expect(section).toContain(`${(21 * Math.LN10).toFixed(1)} days at λ = 21`);
    expect(section).toContain(`λ ln 2 ≈ ${(21 * Math.LN2).toFixed(1)} days`);
  });

  it("states the numbers of its reading choices, traps and results as solve() and double arithmetic give them", () => {
    const reading = model.slice(model.indexOf('<a id="reading-choices">'), model.indexOf('<a id="numerical-traps">'));
    const z = (p: Parameters<typeof solve>[0]) => solve(p).zStar;
    expect(reading).toContain(`13.9 × 10¹³ gives ${z({ gdp: 13.9e13 }).toFixed(1)} days`);
    expect(reading).toContain(`13.9 × 10¹² gives ${z({ gdp: 13.9e12 }).toFixed(2)} days`);
    expect(reading).toContain(`no-GDP case comes out at ${z({ includeGdp: false, fixedCost: 0 }).toFixed(1)} days`);
    expect(reading).toContain(`the base case at ${z({ fixedCost: 0 }).toFixed(1)}`);
    expect(reading).toContain(`come out at ${z({ includeGdp: false }).toFixed(2)} and ${z({}).toFixed(2)}`);
    const traps = model.slice(model.indexOf('<a id="numerical-traps">'), model.indexOf('<a id="paper-results">'));
    const noGdp = z({ includeGdp: false });
    expect(traps).toContain(`(z* = ${noGdp.toFixed(2)})`);
    expect(traps).toContain(`t > ${Math.round(noGdp + 0.75 * (365 - noGdp))} days`);
    expect(traps).toContain(`it is ${powerOfTen(z({ meanDisruption: 0.1, includeGdp: false }), 2)} days`);
    const lnMax = Math.log(Number.MAX_VALUE);
    expect(365 / Math.exp(lnMax / 50)).toBeCloseTo(2.5e-4, 5); // (H/z)^m overflows below this z at eps = -0.02
    expect((lnMax - Math.log(50.8 - 15)) / Math.log(365)).toBeCloseTo(120, -1); // r = (P0 - P1) H^m overflows
    expect(365 / -Math.log(2.2250738585072014e-308)).toBeCloseTo(0.52, 2); // exp(-H/lambda) subnormal
    expect(365 ** 20).toBeGreaterThan(1e51); // the spike's peak at z = 1, m = 20
    const results = model.slice(model.indexOf('<a id="results">'), model.indexOf('<a id="reading-choices">'));
    const gain = solve({}, { currentStock: 80 }).gainOverCurrentStock!;
    expect(results).toContain(`saves\n${(gain / 1e9).toFixed(2)} × 10⁹ USD/yr`);
  });

  it("has every section anchor that the docs and the README link to, sections numbered in order", () => {
    const anchors = [...model.matchAll(/<a id="([\w-]+)"><\/a>\n## (\d+)\. /g)];
    expect(anchors.map((a) => Number(a[2]))).toEqual(anchors.map((_, k) => k + 1));
    const ids = new Set([...model.matchAll(/<a id="([\w-]+)">/g)].map((a) => a[1]));
    const links = [...model.matchAll(/\]\(#([\w-]+)\)/g), ...readme.matchAll(/docs\/model\.md#([\w-]+)/g)];
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(ids, `anchor #${link[1]}`).toContain(link[1]);
    expect(model).toContain("](./numerics.md)");
  });

  it("points at nothing outside the repository", () => {
    for (const text of [model, readme]) expect(text).not.toMatch(/\.\.\/shared|shared\/model/);
    expect(model).not.toContain("MODEL.md");
  });
});

describe("README reference sections", () => {
  it("status table and example agree with STATUS_NAMES and solveBatch", () => {
    const section = readmeSection("Status codes");
    const rows = tableRows(section, /^\d+$/);
    expect(rows.map((r) => [Number(r[0]), r[1]])).toEqual(STATUS_NAMES.map((name, code) => [code, `\`${name}\``]));
    // The example's argument is a plain object literal: evaluate it as printed.
    const literal = /solveBatch\((\{[\s\S]*?\})\);/.exec(section)![1]!;
    const b = solveBatch(new Function(`return ${literal}`)());
    const printedCodes = /b\.status;\s+\/\/ Uint8Array \[([\d, ]+)\]/.exec(section)![1]!.split(", ").map(Number);
    expect(Array.from(b.status)).toEqual(printedCodes);
    const printedNames = JSON.parse(/\/\/ (\["interior".*\])/.exec(section)![1]!);
    expect(Array.from(b.status, (k) => b.statusNames[k])).toEqual(printedNames);
    expect(printedCodes).toEqual(STATUS_NAMES.map((_, code) => code)); // every status shown once
  });

  it("units table is the base case converted", () => {
    const section = readmeSection("Units conversion");
    const { imports, fixedCost, variableCost, interestRate, price, meanDisruption } = BASE_PARAMS;
    const z = solve().zStar;
    const rows = tableRows(section, /./).slice(2);
    const cell = (k: number, column: number) => docNumber(rows[k]![column]!.replace(/ (barrels|USD\/yr)$/, ""));
    expect(cell(0, 1)).toBe(Number(z.toFixed(3)));
    expect(Math.abs(cell(0, 2) - z * imports)).toBeLessThanOrEqual(halfUlp("1.013 × 10⁹"));
    expect(cell(1, 1)).toBe(Number((cell(1, 2) / imports).toFixed(2)));
    expect(cell(2, 1)).toBe(meanDisruption);
    expect(cell(2, 2)).toBeCloseTo(meanDisruption * imports, 0);
    const mc = imports * (fixedCost + variableCost + interestRate * price);
    expect(Math.abs(cell(3, 2) - mc)).toBeLessThanOrEqual(halfUlp("44.2 × 10⁶"));
    expect(solve().marginalCost).toBeCloseTo(mc, 3);
  });
});

describe("docs/minerals-data.md", () => {
  const minerals = readFileSync(join(ROOT, "docs", "minerals-data.md"), "utf8");

  it("gives every sourced value a URL and the year it refers to", () => {
    const perMineral = minerals.slice(minerals.indexOf("## Per mineral"), minerals.indexOf("## What this means"));
    const rows = tableRows(perMineral, /^(price|importDependence|imports|consumption)/);
    expect(rows.length).toBeGreaterThanOrEqual(18);
    for (const [field, value, , source, year] of rows) {
      if (/^none/.test(value!)) continue;
      expect(source, `${field} = ${value}: a URL`).toMatch(/https?:\/\/\S+/);
      expect(year, `${field} = ${value}: the year`).toMatch(/\b(19|20)\d\d\b/);
    }
    expect(minerals).not.toMatch(/\.\.\/shared|MODEL\.md|EXTENSIONS\.md/);
  });
});
