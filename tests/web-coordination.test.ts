/**
 * The page's coordination panel (web/src/coordination-*.ts, web/dist built by `npm test`) in
 * Debian's Chromium: its numbers are the library's. The page runs the WASM backend and so do the
 * references here, on the same inputs, so full-precision values (each cell's data-value) must
 * agree to 1e-12 relative; the shown text is checked against the library to its rounding (the
 * 3 decimals of a price, the 5 significant digits of an amount: 5e-5 relative).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  IEA2022_SOURCES, coordinate, coordinationPresets, jointRelease, type CoordinationProfile, type ProposedRelease,
} from "../src/index";
import { browserSession, openChecked } from "./browser";

const DIST = join(__dirname, "..", "web", "dist");
const SHOTS = join(__dirname, "..", "test-artifacts", "screenshots");
const MARKET = coordinationPresets.iea2022;
const MBBL = 1e6;
/** Full-precision agreement: the same backend (WASM) and the same inputs on both sides. */
const EXACT = 1e-12;
/** The shown text's rounding: 5 significant digits. */
const SHOWN = 5e-5;
const chrome = browserSession(DIST);

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const updatesOf = (page: Page, testId: string) =>
  page.evaluate((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-updates") ?? 0), testId);

/** Open the page (from `address`, default the server; after `prepare`, e.g. an init script) and wait for both halves of the panel to show their first results; fail on any page error. */
async function open(width = 1300, height = 1000, prepare?: (page: Page) => Promise<unknown>, address = `${chrome.url}/`): Promise<Page> {
  return openChecked(chrome.browser, address, {
    width, height, prepare,
    ready: () => ["coord-release-results", "coord-equilibria-results"]
      .every((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-updates")) >= 1),
  });
}

/** Run `action` and wait until the release results have been recomputed. */
async function andRelease(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await updatesOf(page, "coord-release-results");
  await action();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="coord-release-results"]')!.getAttribute("data-updates")) > n, before);
}

const value = async (page: Page, selector: string) => Number(await page.getAttribute(selector, "data-value"));
const text = async (page: Page, selector: string) => (await page.textContent(selector))?.trim() ?? "";

function close(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** A shown amount "4.8336 bn USD" (or mn, tn, none) as a number. */
function shownUsd(s: string): number {
  const m = /^(-?[\d,.]+)\s*(tn|bn|mn)?\s*USD/.exec(s);
  if (!m) throw new Error(`not an amount: ${s}`);
  const scale = { tn: 1e12, bn: 1e9, mn: 1e6 }[m[2] as "tn" | "bn" | "mn"] ?? 1;
  return Number(m[1]!.replaceAll(",", "")) * scale;
}

/** The page's release results against jointRelease for `releases` (volumes in Mbbl over `days`). */
async function checkRelease(page: Page, volumes: Record<string, number>, days: number): Promise<void> {
  const releases: ProposedRelease[] = Object.entries(volumes).filter(([, v]) => v > 0).map(([country, v]) => ({ country, rate: (v * MBBL) / days, days }));
  const r = jointRelease(MARKET, releases, { backend: "wasm" });
  close(await value(page, '[data-testid="coord-price-without"]'), r.price.without, EXACT, "price without");
  close(await value(page, '[data-testid="coord-price-with"]'), r.price.with, EXACT, "price with");
  // Releases shorter than the disruption: the price with them holds for the first days, then the page says what follows, as the CLI does.
  const firstDays = r.pieces.length > 1 ? ` for days 0 to ${r.pieces[0]!.to}` : "";
  const later = r.pieces.length > 1 ? ` (then ${r.pieces.slice(1).map((p) => `${p.price.toFixed(3)} USD/bbl from day ${p.from}`).join(", ")})` : "";
  expect(await text(page, '[data-testid="coord-price-with"]')).toBe(`${r.price.with.toFixed(3)} USD/bbl${firstDays}${later}`);
  expect(await text(page, '[data-testid="coord-price-without"]')).toBe(`${r.price.without.toFixed(3)} USD/bbl`);
  for (const c of r.countries) {
    for (const field of ["released", "lossWithout", "lossWith", "gain", "ownGain", "spillover"] as const) {
      const cell = `[data-testid="coord-release-table"] tr[data-country="${c.name}"] td[data-field="${field}"]`;
      const expected = c[field];
      if (expected === 0) {
        expect(await value(page, cell), `${c.name} ${field}`).toBe(0);
        continue;
      }
      close(await value(page, cell), expected, EXACT, `${c.name} ${field}`);
      if (field !== "released") close(shownUsd(await text(page, cell)), expected, SHOWN, `${c.name} ${field} as shown`);
    }
  }
  close(await value(page, '[data-testid="coord-release-table"] td[data-field="totalGain"]'), r.totalGain, EXACT, "total gain");
  const drop = (r.price.without - r.price.with).toFixed(3);
  expect(await text(page, '[data-testid="coord-release-summary"]')).toContain(`takes ${drop} USD/bbl off the disruption price${firstDays}${later}; the 5 countries gain ${await text(page, 'td[data-field="totalGain"]')} together`);
}

describe("coordination panel (Chromium)", () => {
  it("answers seed 000 live: moving China's slider gives jointRelease's price and gains", async () => {
    const page = await open();
    // The page opens on the releases as announced in November 2021: US 50, India 5 Mbbl over 120 days.
    await checkRelease(page, { US: 50, India: 5 }, 120);
    const slider = '[data-testid="coord-slider-China"]';
    await andRelease(page, () => page.$eval(slider, (s: HTMLInputElement) => {
      s.value = "29.5";
      s.dispatchEvent(new Event("input", { bubbles: true }));
    }));
    // One keyboard step (0.5 Mbbl) moves it to 30, the hypothetical of the question.
    await andRelease(page, async () => {
      await page.focus(slider);
      await page.keyboard.press("ArrowRight");
    });
    expect(await page.inputValue('[data-testid="coord-volume-China"]')).toBe("30");
    await checkRelease(page, { US: 50, India: 5, China: 30 }, 120);
    // China joining: its own gain is positive, and the US gains from China's barrels (spillover).
    expect(await value(page, '[data-testid="coord-release-table"] tr[data-country="China"] td[data-field="ownGain"]')).toBeGreaterThan(0);
    expect(await value(page, '[data-testid="coord-release-table"] tr[data-country="US"] td[data-field="spillover"]')).toBeGreaterThan(0);
    // A shorter release: every rate is volume / days.
    await andRelease(page, () => page.fill('[data-testid="coord-days"]', "60"));
    await checkRelease(page, { US: 50, India: 5, China: 30 }, 60);
    // After day 60 no release runs: the price goes back to the no-release price, and the page says so.
    const without = (await text(page, '[data-testid="coord-price-without"]'));
    expect(await text(page, '[data-testid="coord-price-with"]')).toMatch(new RegExp(`for days 0 to 60 \\(then ${without.replace(".", "\\.")} from day 60\\)$`));
    expect(await text(page, '[data-testid="coord-release-summary"]')).toContain(`(then ${without} from day 60)`);
    // A quick choice: the US alone, 50 Mbbl over 120 days.
    await andRelease(page, () => page.click('button:text("US alone: 50")'));
    await checkRelease(page, { US: 50 }, 120);
    // Another scenario: its duration becomes the release days.
    await andRelease(page, () => page.selectOption('[data-testid="coord-scenario"]', "1"));
    expect(await page.inputValue('[data-testid="coord-days"]')).toBe("180");
    const r = jointRelease(MARKET, [{ country: "US", rate: (50 * MBBL) / 180, days: 180 }], { scenario: 1, backend: "wasm" });
    close(await value(page, '[data-testid="coord-price-with"]'), r.price.with, EXACT, "scenario 2 price with");
    close(await value(page, '[data-testid="coord-release-table"] tr[data-country="China"] td[data-field="spillover"]'), r.countries[1]!.spillover, EXACT, "scenario 2 China spillover");
    await page.close();
  });

  it("shows every Nash equilibrium, the cooperative optimum and the rules as coordinate() gives them, with the corners said", async () => {
    const page = await open();
    const r = coordinate(MARKET, { backend: "wasm" });
    const columns: [string, CoordinationProfile][] = [
      ...r.nash.equilibria.map((e, k): [string, CoordinationProfile] => [`nash-${k}`, e]),
      ["cooperative", r.cooperative],
      ...r.rules.map((rule): [string, CoordinationProfile] => [`rule-${rule.name}`, rule]),
    ];
    // One column per profile: several Nash equilibria, each its own column.
    const heads = await page.$$eval('[data-testid="coord-stocks-table"] thead th[data-profile]', (ths) => ths.map((th) => th.getAttribute("data-profile")));
    expect(heads).toEqual(columns.map(([key]) => key));
    expect(r.nash.equilibria.length).toBeGreaterThan(1);
    for (const [key, p] of columns) {
      for (const [j, name] of r.countries.entries()) {
        for (const [table, expected] of [["coord-stocks-table", p.units[j]!], ["coord-payoffs-table", p.payoffs[j]!]] as const) {
          const got = await value(page, `[data-testid="${table}"] tr[data-country="${name}"] td[data-profile="${key}"]`);
          // A stock at zero is exactly zero on both sides.
          if (expected === 0) expect(got, `${table} ${key} ${name}`).toBe(0);
          else close(got, expected, EXACT, `${table} ${key} ${name}`);
        }
      }
      close(await value(page, `[data-testid="coord-payoffs-table"] tr[data-country="total"] td[data-profile="${key}"]`), p.total, EXACT, `${key} total`);
    }
    for (const [j, name] of r.countries.entries()) {
      close(await value(page, `[data-testid="coord-side-table"] tr[data-country="${name}"] td[data-field="sidePayment"]`), r.cooperative.sidePayments[j]!, EXACT, `${name} side payment`);
    }
    // The corners: Nash 1 covers scenario 1's whole shortfall (2% of 100 Mbbl/day for 120 days = 240 Mbbl) with every other stock at zero;
    // the cooperative US stock sits at its drawdown limit in scenario 2 (4.4 Mbbl/day x 180 days = 792 Mbbl).
    expect(await text(page, '[data-testid="coord-bounds"] li[data-profile="nash-0"]')).toMatch(/China at zero.*exactly cover scenario 1's whole shortfall/);
    expect(await text(page, '[data-testid="coord-bounds"] li[data-profile="cooperative"]')).toMatch(/US at the drawdown limit of scenario 2/);
    const notes = await text(page, '[data-testid="coord-notes"]');
    expect(notes).toContain("same total payoff");
    expect(notes).toContain("cooperative split is not determined");
    const equalDays = r.rules.find((x) => x.name === "equalDays")!;
    expect(notes).toContain(`equal days, ${equalDays.description}: ${equalDays.level.toFixed(2)} days`);
    expect(await text(page, '[data-testid="coord-summary"]')).toMatch(new RegExp(`^${r.nash.equilibria.length} distinct Nash equilibria found`));
    expect(await page.$$eval('[data-testid="coord-chart"] svg', (s) => s.length)).toBe(1);
    // Rules at the cooperative total say so in words, never as rounding noise in USD/yr.
    expect(await text(page, '[data-testid="coord-summary"]')).toContain("Rules with the largest total payoff (their totals agree to within one part in a billion): equal days (reaches the cooperative total, to within one part in a billion)");
    expect(await text(page, '[data-testid="coord-summary"]')).not.toMatch(/\d USD\/yr below the cooperative total/);
    // The chart's data as CSV: every stock in barrels, as coordinate() gives it, to 12 significant digits (no 239999999.99975985).
    const [file] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="download-coordination-csv"]')]);
    const csv = readFileSync((await file.path())!, "utf8").trim().split("\n").map((line) => line.split(","));
    expect(csv[0]).toEqual(["country", ...r.nash.equilibria.map((_, k) => `Nash ${k + 1} (bbl)`), "cooperative (bbl)", "IEA 90 days (bbl)", "equal days (bbl)", "consumption share (bbl)"]);
    expect(csv.slice(1).map((row) => row[0])).toEqual(r.countries);
    csv.slice(1).forEach((row, j) => columns.forEach(([key, p], k) => {
      expect(row[k + 1], `CSV ${key} ${r.countries[j]}`).toBe(String(Number(p.units[j]!.toPrecision(12))));
      close(Number(row[k + 1]), p.units[j]!, 1e-11, `CSV ${key} ${r.countries[j]}`);
    }));
    // A smaller coalition: Korea stays out and best-responds.
    const runs = await updatesOf(page, "coord-equilibria-results");
    await page.uncheck('[data-testid="coord-coalition-Korea"]');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="coord-equilibria-results"]')!.getAttribute("data-updates")) > n, runs);
    const four = coordinate(MARKET, { backend: "wasm", coalition: ["US", "China", "Japan", "India"] });
    for (const [j, name] of four.countries.entries()) {
      const got = await value(page, `[data-testid="coord-stocks-table"] tr[data-country="${name}"] td[data-profile="cooperative"]`);
      if (four.cooperative.units[j] === 0) expect(got).toBe(0);
      else close(got, four.cooperative.units[j]!, EXACT, `coalition of four: ${name}`);
      close(await value(page, `[data-testid="coord-side-table"] tr[data-country="${name}"] td[data-field="sidePayment"]`), four.cooperative.sidePayments[j]!, EXACT, `coalition of four: ${name} side payment`);
    }
    expect(await text(page, '[data-testid="coord-stocks-table"] th[data-profile="cooperative"]')).toBe("cooperative (coalition)");
    // A sub-coalition below its Nash total: the summary says side payments cannot make every member whole.
    expect(await text(page, '[data-testid="coord-summary"]')).not.toContain("does worse together than at Nash");
    const before = await updatesOf(page, "coord-equilibria-results");
    for (const name of ["US", "Japan"]) await page.uncheck(`[data-testid="coord-coalition-${name}"]`);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="coord-equilibria-results"]')!.getAttribute("data-updates")) > n, before);
    const pair = coordinate(MARKET, { backend: "wasm", coalition: ["China", "India"] });
    expect(pair.cooperative.belowNash).toBe(true);
    await page.waitForFunction(() => (document.querySelector('[data-testid="coord-summary"]')?.textContent ?? "").includes("China, India:"));
    expect(await text(page, '[data-testid="coord-summary"]')).toContain("The coalition does worse together than at Nash: the outsiders best-respond and hold less when it holds more, so no side payments can leave every member as well off as at Nash.");
    // Provenance: every number of the preset, its assumption flag shown.
    const status = await page.$$eval('[data-testid="coord-provenance"] tbody tr td:last-child', (tds) => tds.map((td) => td.textContent));
    expect(status).toEqual(IEA2022_SOURCES.map((p) => (p.assumption ? "assumption" : "sourced")));
    await page.close();
  });

  it("names the parameter, the value and the allowed range for bad input, and keeps the last valid results, dimmed", async () => {
    const page = await open();
    const before = await value(page, '[data-testid="coord-price-with"]');
    await page.fill('[data-testid="coord-volume-US"]', "900");
    expect(await text(page, '[data-testid="coord-error-US"]')).toBe(
      'invalid US release: got "900"; allowed: 0 <= release <= 528 (Mbbl; stock 727 Mbbl; drawdown 4.4 Mbbl/day × 120 days = 528 Mbbl)');
    expect(await page.getAttribute('[data-testid="coord-release-results"]', "class")).toContain("stale");
    expect(await value(page, '[data-testid="coord-price-with"]')).toBe(before);
    await page.fill('[data-testid="coord-volume-India"]', "abc");
    expect(await text(page, '[data-testid="coord-error-India"]')).toBe('invalid India release: got "abc"; allowed: 0 <= release <= 36.9 (Mbbl; stock 36.9 Mbbl)');
    await page.fill('[data-testid="coord-days"]', "0");
    expect(await text(page, '[data-testid="coord-error-days"]')).toBe('invalid release days: got "0"; allowed: 0 < days <= 120 (days, the scenario\'s duration)');
    // The Nash search's options: the library's own message, beside the field.
    await page.fill('[data-testid="coord-random-starts"]', "-1");
    await page.dispatchEvent('[data-testid="coord-random-starts"]', "change");
    await page.waitForFunction(() => document.querySelector('[data-testid="coord-error-randomStarts"]')!.textContent !== "");
    expect(await text(page, '[data-testid="coord-error-randomStarts"]')).toBe("invalid randomStarts: got -1; allowed: an integer 0..1000");
    expect(await page.getAttribute('[data-testid="coord-equilibria-results"]', "class")).toContain("stale");
    await page.fill('[data-testid="coord-random-starts"]', "4");
    for (const name of ["US", "China", "Japan", "India", "Korea"]) await page.uncheck(`[data-testid="coord-coalition-${name}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="coord-error-coalition"]')!.textContent !== "");
    expect(await text(page, '[data-testid="coord-error-coalition"]')).toBe("invalid coalition: got []; allowed: a non-empty list of country names");
    await page.close();
  });

  it("runs coordinate() in its Web Worker, also opened from the file (file://)", async () => {
    const page = await open(1300, 1000, undefined, `${pathToFileURL(DIST).href}/index.html`);
    expect(await text(page, '[data-testid="coord-status"]')).toMatch(/^done in \d+ ms in a Web Worker \(backend wasm\)$/);
    await page.close();
  });

  it("where Web Workers cannot start, runs coordinate() on the main thread and says so", async () => {
    const page = await open(1300, 1000, (p) => p.addInitScript(() => {
      (globalThis as { Worker: unknown }).Worker = class {
        constructor() {
          throw new Error("workers are disabled here");
        }
      };
    }));
    expect(await text(page, '[data-testid="coord-status"]')).toMatch(/on the main thread \(Web Workers are not available here: workers are disabled here\) \(backend wasm\)$/);
    const r = coordinate(MARKET, { backend: "wasm" });
    for (const [j, name] of r.countries.entries()) {
      const got = await value(page, `[data-testid="coord-stocks-table"] tr[data-country="${name}"] td[data-profile="cooperative"]`);
      if (r.cooperative.units[j] === 0) expect(got).toBe(0);
      else close(got, r.cooperative.units[j]!, EXACT, `cooperative ${name}`);
    }
    await page.close();
  });

  it("fits a phone (390 px wide) and prints the results without the controls", async () => {
    const page = await open(390, 844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Wide tables and the chart scroll in their own boxes, which fit.
    const outside = await page.$$eval("#coordination .scroll, #coordination .chart, #coordination .coord-release", (els) =>
      els.map((e) => e.getBoundingClientRect()).filter((b) => b.left < 0 || b.right > 390).length);
    expect(outside).toBe(0);
    // Each coalition checkbox stays on its name's line.
    const wrapped = await page.$$eval('[data-testid^="coord-coalition-"]', (boxes) =>
      boxes.filter((b) => b.parentElement!.getClientRects().length !== 1 || Math.abs(b.getBoundingClientRect().top - b.parentElement!.getBoundingClientRect().top) > 8).length);
    expect(wrapped).toBe(0);
    // Every scenario's label fits its closed select (its text width in the select's own font, with
    // room for the padding and the drop-down arrow: 32 px).
    const clipped = await page.$eval('[data-testid="coord-scenario"]', (select) => {
      const s = select as HTMLSelectElement;
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = getComputedStyle(s).font;
      return [...s.options].filter((o) => context.measureText(o.text).width > s.clientWidth - 32).map((o) => o.text);
    });
    expect(clipped).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "coordination-phone-390.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    expect(await page.$eval("#coordination .coord-controls", (e) => getComputedStyle(e).display)).toBe("none");
    expect(await page.$eval('[data-testid="coord-stocks-table"]', (e) => e.getBoundingClientRect().height)).toBeGreaterThan(0);
    // A heading never ends a printed page alone.
    expect(await page.$$eval("#coordination h3, #coordination h4", (hs) => hs.map((h) => getComputedStyle(h).breakAfter))).toEqual(expect.arrayContaining(["avoid"]));
    expect(await page.$$eval("#coordination h3, #coordination h4", (hs) => hs.filter((h) => getComputedStyle(h).breakAfter !== "avoid").length)).toBe(0);
    await page.close();
  });
});
