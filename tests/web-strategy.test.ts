/**
 * The page's strategy panel (web/dist, built by `npm test`) in Debian's Chromium: a run's numbers
 * are the library's for the same inputs, bit for bit (the page prints every number it shows into
 * a data attribute with String(), which reads back to the same double; the simulation runs on the
 * pool's Web Workers and equals simulateStrategy exactly, the optimum is the same deterministic
 * computation), a bad value is named beside its field with the allowed range, and the panel fits
 * a phone and prints.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SHOCK_PRESETS, optimizeStrategy, simulateStrategy, type Shocks } from "../src/index";
import { browserSession, openChecked } from "./browser";

const DIST = join(__dirname, "..", "web", "dist");
const chrome = browserSession(DIST);

const open = (width = 1300, prepare?: (page: Page) => Promise<unknown>): Promise<Page> =>
  openChecked(chrome.browser, `${chrome.url}/`, { width, prepare });

const field = (name: string) => `[data-strategy-field="${name}"]`;
const runs = (page: Page) => page.evaluate(() => Number(document.getElementById("strategy")!.dataset.runs ?? 0));

/** Click Run and wait for the run to finish (or for its failure message). */
async function runPanel(page: Page): Promise<void> {
  const before = await runs(page);
  await page.click('[data-testid="strategy-run"]');
  await page.waitForFunction((n) => Number(document.getElementById("strategy")!.dataset.runs ?? 0) > n, before, { timeout: 60_000 });
}

const data = (page: Page, selector: string, key: string) => page.$eval(selector, (el, k) => (el as HTMLElement).dataset[k], key);

// The custom shock's and the rule's defaults (the README's worked example), as the page reads them.
const customShocks: Shocks = { onsetRate: 0.3836, classes: [{ name: "custom", weight: 1, severity: 0.3, meanDuration: 182.5 }] };
const rule = { maxDrawdownRate: 2, drawdownLag: 0, coverFraction: 1, reserveFloor: 0, maxFillRate: 0.1, refillDelay: 0, targetStock: 117 };

/** The panel's numbers against simulateStrategy and optimizeStrategy for the same inputs. */
async function expectLibraryNumbers(page: Page, shocks: Shocks, options: { years: number; step: number; samples: number; seed: number; initialRegime: number }, testedRule: typeof rule & { drawdownLag: number }) {
  const library = simulateStrategy({}, shocks, testedRule, { ...options, backend: "wasm" });
  expect(Number(await data(page, '[data-testid="strategy-summary"]', "runOut"))).toBe(library.runOutProbability);
  expect(Number(await data(page, '[data-testid="strategy-summary"]', "runOutSe"))).toBe(library.standardErrors.runOutProbability);
  expect(Number(await data(page, '[data-testid="strategy-summary"]', "p50End"))).toBe(library.bands.p50.at(-1));
  for (const part of ["consumer", "gdp", "storage", "purchases", "total"] as const) {
    expect(Number(await data(page, `[data-part="${part}"] td[data-value]`, "value")), part).toBe(library.costs[part]);
  }
  expect(Number(await data(page, '[data-part="fiscalBalance"] td[data-value]', "value"))).toBe(library.fiscalBalance);
  // Not a vacuous comparison: there are disruption losses and purchases.
  expect(library.costs.consumer).toBeGreaterThan(0);
  expect(library.costs.purchases).toBeGreaterThan(0);
  const optimum = optimizeStrategy({}, shocks, { stockLevels: 31, capacity: testedRule.targetStock, step: options.step }, {
    maxDrawdownRate: testedRule.maxDrawdownRate, maxFillRate: testedRule.maxFillRate, allowSales: false,
    rule: { ...testedRule, drawdownLag: 0, refillDelay: 0 }, initialStock: testedRule.targetStock, initialRegime: options.initialRegime,
  });
  expect(Number(await data(page, '[data-testid="strategy-optimum"]', "gain"))).toBe(optimum.gain);
  expect(Number(await data(page, '[data-testid="strategy-optimum"]', "optimalCost"))).toBe(optimum.optimalCost);
  expect(Number(await data(page, '[data-testid="strategy-optimum"]', "refillTarget"))).toBe(optimum.refillTarget);
  // The optimum never costs more than the rule, up to the sparse solves' rounding (1e-12 relative).
  expect(optimum.gain!).toBeGreaterThanOrEqual(-1e-12 * optimum.ruleCost!);
  return optimum;
}

describe("strategy panel (Chromium)", () => {
  it("a run shows the library's numbers: run-out probability, cost split, fan chart, optimal versus the rule", async () => {
    const page = await open();
    const run = { years: "2", step: "7", samples: "1500", seed: "3", stockLevels: "31" };
    for (const [name, value] of Object.entries(run)) await page.fill(field(name), value);
    await page.check('[data-testid="strategy-disrupted"]');
    await runPanel(page);
    expect(await page.textContent('[data-testid="strategy-status"]')).toMatch(/^done in .* s on \d+ workers \(WASM\)$/);
    expect(await page.$$('[data-testid="strategy-fan"] svg')).toHaveLength(1);
    expect(await page.textContent('[data-testid="strategy-summary"]')).toMatch(/^P\(the stock runs out at least once in 728 days\) = \d+\.\d\d% ± /); // 2 years as 104 whole weeks
    const options = { years: 2, step: 7, samples: 1500, seed: 3, initialRegime: 1 };
    const optimum = await expectLibraryNumbers(page, customShocks, options, rule);
    // The stock runs out on some paths and not on others (0 < P < 1): the probability is compared, not a constant.
    const runOut = Number(await data(page, '[data-testid="strategy-summary"]', "runOut"));
    expect(runOut).toBeGreaterThan(0);
    expect(runOut).toBeLessThan(1);
    // On this 31-level grid the rule (refill to the top, release the shortfall) is beaten only by rationing a
    // small stock (a partial release, an action of the optimum): the page gives the saving.
    expect(optimum.gain!).toBeGreaterThan(1e-9 * optimum.ruleCost!);
    expect(await page.textContent('[data-testid="strategy-optimum"]')).toMatch(/the optimum saves [\d.]+ \w* ?USD \(\d+\.\d\d% of the rule's cost\)/);

    // A sourced preset and a rule with a lag (the comparison drops the lag, and says so).
    await page.selectOption('[data-testid="strategy-shock"]', "iea-historical");
    expect(await page.textContent('[data-testid="strategy-shock-note"]')).toBe(SHOCK_PRESETS["iea-historical"]!.description);
    // Every sourced number of the preset is listed with its source and year; assumptions say so.
    const sources = await page.$$eval('[data-testid="strategy-sources"] li', (items) => items.map((li) => li.textContent));
    expect(sources).toContain("disruptions 1973-74 size: 4.3 MMbbl/d (IEA, via GovExec 2006, 2006)");
    expect(sources).toContain("disruptions 1980-81 months: 3 months (assumption (not in the source), 2006; assumption)");
    expect(sources.find((l) => l!.startsWith("worldSupply: 100 MMbbl/d"))).toMatch(/; assumption: severity = size \/ world supply/);
    await page.fill(field("drawdownLag"), "13");
    await page.fill(field("samples"), "800");
    await runPanel(page);
    await expectLibraryNumbers(page, SHOCK_PRESETS["iea-historical"]!.shocks, { ...options, samples: 800 }, { ...rule, drawdownLag: 13 });
    expect(await page.textContent('[data-testid="strategy-optimum"]')).toContain("without its drawdown lag and refill delay");
    expect(await page.textContent('[data-testid="strategy-optimum"]')).toMatch(/your rule is optimal on this grid\.|the optimum saves [\d.]+ \w* ?USD \(\d+\.\d\d% of the rule's cost\)/);
    await page.close();
  }, 120_000);

  it("bad input is named beside its field with the value and the allowed range; the last results stay, dimmed", async () => {
    const page = await open();
    await page.fill(field("years"), "1");
    await page.fill(field("samples"), "300");
    await runPanel(page);
    const status = '[data-testid="strategy-status"]';
    // Out of range: the library's ParameterError, beside the field.
    await page.fill(field("coverFraction"), "12");
    await page.click('[data-testid="strategy-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="strategy-error-coverFraction"]')!.textContent !== "");
    expect(await page.textContent('[data-testid="strategy-error-coverFraction"]')).toBe("invalid coverFraction: got 12; allowed: 0 <= coverFraction <= 10");
    expect(await page.textContent(status)).toBe("invalid coverFraction: got 12; allowed: 0 <= coverFraction <= 10");
    expect(await page.getAttribute("#strategy-results", "class")).toContain("stale");
    // Not a number: refused on the page before any work, naming field, text and range.
    await page.fill(field("coverFraction"), "1");
    await page.fill(field("targetStock"), "abc");
    await page.click('[data-testid="strategy-run"]');
    expect(await page.textContent('[data-testid="strategy-error-targetStock"]')).toBe('targetStock: got "abc", not a number; allowed: 0 <= targetStock <= 100000');
    expect(await page.textContent('[data-testid="strategy-error-coverFraction"]')).toBe("");
    // A custom class's field named by the library as classes[0].severity lands beside "severity".
    await page.fill(field("targetStock"), "117");
    await page.fill(field("severity"), "1.5");
    await page.click('[data-testid="strategy-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="strategy-error-severity"]')!.textContent !== "");
    expect(await page.textContent('[data-testid="strategy-error-severity"]')).toMatch(/^invalid classes\[0\]\.severity: got 1\.5; allowed: 0 < severity < 1/);
    // A field only the optimum reads: the simulation runs, the comparison says why not, and the field is marked.
    await page.fill(field("severity"), "0.3");
    await page.fill(field("stockLevels"), "1");
    await runPanel(page);
    expect(await page.textContent('[data-testid="strategy-optimum"]')).toBe("Optimal versus your rule: not computed: invalid stockLevels: got 1; allowed: an integer 2 <= stockLevels <= 20000");
    expect(await page.textContent('[data-testid="strategy-error-stockLevels"]')).toBe("invalid stockLevels: got 1; allowed: an integer 2 <= stockLevels <= 20000");
    // Fixed: the next run succeeds and the results are current again.
    await page.fill(field("stockLevels"), "61");
    await runPanel(page);
    expect(await page.getAttribute("#strategy-results", "class")).not.toContain("stale");
    await page.close();
  }, 60_000);

  it("where Web Workers cannot start, the run goes on the main thread, says so, and gives the same numbers", async () => {
    const page = await open(1300, (p) => p.addInitScript(() => {
      (globalThis as { Worker: unknown }).Worker = class {
        constructor() {
          throw new Error("workers are disabled here");
        }
      };
    }));
    await page.fill(field("years"), "2");
    await page.fill(field("samples"), "400");
    await page.fill(field("stockLevels"), "31");
    await page.check('[data-testid="strategy-disrupted"]');
    await runPanel(page);
    expect(await page.textContent('[data-testid="strategy-status"]')).toMatch(/on the main thread \(WASM\)$/);
    expect(await page.textContent('[data-testid="strategy-note"]')).toMatch(/^Web Workers are not available here \(.*workers are disabled here\): running on the main thread/);
    await expectLibraryNumbers(page, customShocks, { years: 2, step: 7, samples: 400, seed: 1, initialRegime: 1 }, rule);
    await page.close();
  }, 60_000);

  it("Cancel stops a long run: the status says so and the Run button is back", async () => {
    const page = await open();
    await page.fill(field("samples"), "200000");
    await page.click('[data-testid="strategy-run"]');
    await page.waitForFunction(() => !(document.querySelector('[data-testid="strategy-cancel"]') as HTMLButtonElement).disabled);
    await page.click('[data-testid="strategy-cancel"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="strategy-status"]')!.textContent === "cancelled");
    expect(await page.isEnabled('[data-testid="strategy-run"]')).toBe(true);
    expect(await runs(page)).toBe(0);
    await page.close();
  }, 60_000);

  it("fits a phone (no sideways scroll of the page) and prints the results without the controls", async () => {
    const page = await open(390);
    await page.fill(field("years"), "1");
    await page.fill(field("samples"), "300");
    await runPanel(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.$eval('[data-testid="strategy-run"]', (el) => el.getBoundingClientRect().right);
    expect(box).toBeLessThanOrEqual(390);
    expect(await page.isVisible('[data-testid="strategy-inputs"]')).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible('[data-testid="strategy-run"]')).toBe(false);
    expect(await page.isVisible('[data-testid="strategy-fan"] svg')).toBe(true);
    expect(await page.isVisible('[data-testid="strategy-costs"]')).toBe(true);
    // On paper the shocks and the rule of the results are written out.
    expect(await page.isVisible('[data-testid="strategy-inputs"]')).toBe(true);
    expect(await page.textContent('[data-testid="strategy-inputs"]')).toMatch(/^Shocks: custom \(onsetRate 0\.3836\/yr; custom: weight 1\.0000, severity 0\.3, meanDuration 182\.5 days; .*\)\. Rule: maxDrawdownRate 2, .*targetStock 117, .*capacity 117\. Start: normal times, stock 117 days\.$/);
    await page.close();
  }, 60_000);
});
