/**
 * The page's template picker (web/src/templates.ts) in Debian's Chromium: choosing a template
 * shows every field with its provenance and changes nothing until the user accepts the
 * assumptions; accepting puts the template in the form, and z* is the library's
 * solve(templateParams(...)), also shown in the template's unit. The page's worked example prints
 * exactly the README's output. Needs web/dist (npm run web:build).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  PARAM_NAMES, assumptionNames, monteCarlo, presets, solve, templateDistributions, templateParams, type ParameterTemplate,
} from "../src/index";
import { browserSession, openChecked } from "./browser";
import { MINERALS_HEADING, readmeBlocks } from "./readme";

const DIST = join(__dirname, "..", "web", "dist");
const SHOTS = join(__dirname, "..", "test-artifacts", "screenshots");
const chrome = browserSession(DIST);

beforeAll(() => {
  expect(existsSync(join(DIST, "index.html")), "web/dist (run npm run web:build)").toBe(true);
  mkdirSync(SHOTS, { recursive: true });
});

const open = (): Promise<Page> => openChecked(chrome.browser, `${chrome.url}/`);

/** The page with the gallium template chosen and its assumptions accepted (the form holds its price). */
async function openWithGallium(): Promise<Page> {
  const page = await open();
  await page.selectOption('[data-testid="template-select"]', "gallium");
  await page.click('[data-testid="template-accept"]');
  await page.waitForFunction(() => (document.querySelector('input[name="price"]') as HTMLInputElement).value === "670");
  return page;
}

const text = async (page: Page, testId: string) => (await page.textContent(`[data-testid="${testId}"]`))?.trim() ?? "";

describe("template picker (Chromium)", () => {
  it("choosing gallium lists every field with its provenance, assumptions marked, and leaves the form alone until accepted", async () => {
    const page = await open();
    const before = await text(page, "zstar");
    const gallium = presets.templates.gallium as ParameterTemplate;
    await page.selectOption('[data-testid="template-select"]', "gallium");
    const rows = await page.$$eval('[data-testid="template-fields"] tbody tr', (trs) =>
      trs.map((tr) => ({ field: tr.getAttribute("data-field"), cls: tr.className, cells: [...tr.children].map((td) => td.textContent ?? "") })));
    expect(rows.map((r) => r.field)).toEqual([...PARAM_NAMES]);
    for (const r of rows) {
      const f = gallium.fields[r.field as keyof typeof gallium.fields];
      expect(r.cls, r.field!).toBe(f.quality);
      expect(r.cells[3], r.field!).toBe(f.quality);
      expect(r.cells[4], r.field!).toBe(String(f.year));
      expect(r.cells[5]!.length, `${r.field}: source or reason`).toBeGreaterThan(10);
    }
    expect(await text(page, "template-summary")).toContain(assumptionNames(gallium).join(", "));
    // Not accepted yet: the form still shows the paper's case.
    expect(await text(page, "zstar")).toBe(before);
    expect(await page.inputValue('input[name="price"]')).toBe("50.8");

    await page.click('[data-testid="template-accept"]');
    await page.waitForFunction(() => (document.querySelector('input[name="price"]') as HTMLInputElement).value === "670");
    const lib = solve(templateParams("gallium", { confirm: true }));
    expect(await text(page, "zstar")).toBe(lib.zStar.toFixed(3));
    // Every field of the form is the template's, the GDP switches included.
    for (const name of PARAM_NAMES) {
      if (name === "includeGdp") expect(await page.isChecked('input[name="includeGdp"]')).toBe(gallium.fields.includeGdp.value);
      else if (name === "gdpLossForm") expect(await page.inputValue('select[name="gdpLossForm"]')).toBe(gallium.fields.gdpLossForm.value);
      else expect(Number(await page.inputValue(`input[name="${name}"]`)), name).toBe(gallium.fields[name].value);
    }
    expect(await text(page, "template-state")).toMatch(/^Gallium: assumptions accepted \(priceFloor, elasticity/);
    expect(await text(page, "template-zstar")).toBe(
      `Gallium: z* = ${lib.zStar.toFixed(3)} days = ${Math.round(lib.zStarUnits).toLocaleString("en-US")} kg of gallium metal (99.99999%) (161.6 kg/day of imports)`);
    await page.screenshot({ path: join(SHOTS, "template-gallium.png"), fullPage: true });
    // Editing imports away from the template's: the unit line goes (the unit is the user's again).
    await page.fill('input[name="imports"]', "200");
    await page.waitForFunction(() => document.querySelector('[data-testid="template-zstar"]')!.textContent === "");
    await page.close();
  });

  it("at phone width (390 px) the provenance table and the example stay inside the page; an assumed imports is said beside z* in kg", async () => {
    const page = await openChecked(chrome.browser, `${chrome.url}/`, { width: 390, height: 800 });
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    for (const id of ["gallium", "dysprosium-oxide"]) {
      await page.selectOption('[data-testid="template-select"]', id);
      expect(await pageWidth(), id).toBeLessThanOrEqual(390);
    }
    await page.click('[data-testid="template-accept"]');
    await page.waitForFunction(() => (document.querySelector('input[name="price"]') as HTMLInputElement).value === "258");
    expect(await text(page, "template-zstar")).toMatch(
      /^Dysprosium oxide: z\* = [\d.]+ days = [\d.]+ million kg of dysprosium oxide, 99\.5% minimum \([\d,.]+ kg\/day of imports\); the imports are an assumption of the template \(no published figure for dysprosium oxide, 99\.5% minimum alone\): z\* in kg rests on it, put your own in the imports field$/);
    // The results panel counts z* in the template's unit too, not in "units of the commodity (barrels for oil)".
    expect(await text(page, "zstar-units")).toMatch(/^≈ [\d.]+ million kg of dysprosium oxide, 99\.5% minimum: 87\.001 days × [\d,.]+ kg\/day of imports$/);
    await page.fill('input[name="imports"]', "200");
    await page.waitForFunction(() => document.querySelector('[data-testid="zstar-units"]')!.textContent!.includes("units of the commodity"));
    await page.click('[data-testid="template-example"] summary');
    await page.click('[data-testid="template-example-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="template-example-output"]')!.textContent !== "");
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "template-phone.png"), fullPage: true });
    await page.close();
  });

  it("accepting a template makes the Monte Carlo panel sample its assumptions' laws: the library's monteCarlo, bit for bit", async () => {
    const page = await openWithGallium();
    expect(await page.inputValue("#mc-samples")).toBe("20000");
    expect(await page.inputValue("#mc-seed")).toBe("1");
    const ticked = await page.$$eval("#mc-params .mc-law", (rows) => rows.filter((r) => r.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked)
      .map((r) => (r as HTMLElement).dataset.mcParam));
    const laws = templateDistributions("gallium");
    // gdp and gdpElasticity are "not sampled" (a one-value law): the panel leaves them out.
    expect(ticked).toEqual(Object.keys(laws).filter((name) => laws[name as keyof typeof laws]!.type !== "discrete"));
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="mc-summary"]')!.dataset.p50 !== undefined, null, { timeout: 30_000 });
    // The same laws less the constants (a one-value law draws a number all the same, so the
    // stream, not the uncertainty, differs from templateDistributions' with them).
    const shown = Object.fromEntries(Object.entries(laws).filter(([, d]) => d.type !== "discrete"));
    const lib = monteCarlo(templateParams("gallium", { confirm: true }), shown, { samples: 20000, seed: 1 });
    expect(Number(await page.getAttribute('[data-testid="mc-summary"]', "data-p50"))).toBe(lib.quantiles.p50);
    expect(Number(await page.getAttribute('[data-testid="mc-summary"]', "data-mean"))).toBe(lib.mean);
    await page.close();
  });

  it("a template's values (kg-scale imports, a price in USD/t) sit inside their sliders, which move them by small steps", async () => {
    const page = await open();
    await page.selectOption('[data-testid="template-select"]', "cobalt");
    await page.click('[data-testid="template-accept"]');
    const cobalt = presets.templates.cobalt as ParameterTemplate;
    await page.waitForFunction((v) => (document.querySelector('input[name="imports"]') as HTMLInputElement).value === v, String(cobalt.fields.imports.value));
    for (const name of ["price", "imports", "fixedCost", "variableCost", "priceFloor", "chokePrice"] as const) {
      const value = cobalt.fields[name].value;
      const [min, max, step] = (await page.$eval(`input[aria-label="${name} slider"]`, (e) => [(e as HTMLInputElement).min, (e as HTMLInputElement).max, (e as HTMLInputElement).step])).map(Number) as [number, number, number];
      expect(min <= value && value <= max, `${name} ${value} in [${min}, ${max}]`).toBe(true);
      expect(step, name).toBeLessThanOrEqual(value / 100);
    }
    // One slider step from the template's imports stays near it (it no longer jumps to the oil scale).
    await page.$eval('input[aria-label="imports slider"]', (e) => {
      (e as HTMLInputElement).stepUp();
      e.dispatchEvent(new Event("input", { bubbles: true }));
    });
    const moved = Number(await page.inputValue('input[name="imports"]'));
    expect(Math.abs(moved / cobalt.fields.imports.value - 1)).toBeLessThan(0.05);
    // Back to the paper's case: the oil sliders again.
    await page.selectOption(".preset select", "0");
    await page.waitForFunction(() => (document.querySelector('input[aria-label="price slider"]') as HTMLInputElement).max === "200");
    await page.close();
  });

  it("going back to a paper case leaves the template: the Monte Carlo panel's default law again, no template state", async () => {
    const page = await openWithGallium();
    const ticked = () => page.$$eval("#mc-params .mc-law", (rows) => rows
      .filter((r) => r.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked).map((r) => (r as HTMLElement).dataset.mcParam));
    expect((await ticked()).length).toBeGreaterThan(1);
    await page.selectOption(".preset select", "0");
    await page.waitForFunction(() => (document.querySelector('input[name="price"]') as HTMLInputElement).value === "50.8");
    expect(await ticked()).toEqual(["meanDisruption"]);
    expect(await page.inputValue('#mc-params [data-mc-param="meanDisruption"] input[aria-label="meanDisruption mean"]')).toBe("21");
    expect(await text(page, "template-state")).toBe("");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="mc-invalid"]')!.dataset.count !== undefined, null, { timeout: 30_000 });
    expect(await page.getAttribute('[data-testid="mc-invalid"]', "data-count")).toBe("0");
    await page.close();
  });

  it("the worked example prints exactly the README's output", async () => {
    const page = await open();
    await page.click('[data-testid="template-example"] summary');
    await page.click('[data-testid="template-example-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="template-example-output"]')!.textContent !== "");
    const [printed] = readmeBlocks(MINERALS_HEADING, "text");
    expect(`${await page.textContent('[data-testid="template-example-output"]')}\n`).toBe(printed);
    await page.close();
  });
});

describe("the printed parameters (Chromium)", () => {
  it("with a template applied, each printed value still the template's carries its unit and provenance; an edited one says it is the user's", async () => {
    const page = await openWithGallium();
    await page.fill('input[name="meanDisruption"]', "60");
    await page.waitForFunction(() => document.querySelector('[data-testid="print-params"] tr[data-param="meanDisruption"]')!.textContent!.includes("60"));
    const row = async (name: string) => (await page.$$eval(`[data-testid="print-params"] tr[data-param="${name}"] td`, (tds) => tds.map((td) => td.textContent ?? "")));
    const gallium = presets.templates.gallium as ParameterTemplate;
    const price = await row("price");
    expect(price.slice(1, 3)).toEqual(["670", "USD/kg"]);
    expect(price[3]).toContain(`Gallium template: sourced, 2010, ${gallium.fields.price.source}`);
    expect((await row("chokePrice"))[3]).toContain(`Gallium template: assumption (accepted), 2026, ${gallium.fields.chokePrice.why}`);
    expect((await row("gdpLossForm"))[3]).toContain("Gallium template: assumption (accepted)");
    const md = await row("meanDisruption");
    expect(md[3]).toContain("your value, not the Gallium template's (45)");
    // A downloaded chart says it too.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="download-cost-svg"]')]);
    const svg = readFileSync((await download.path())!, "utf8");
    expect(svg).toContain("template gallium (gallium metal (99.99999%); United States imports): price in USD/kg; imports in kg/day;");
    // Leaving the template (the paper's case): no row claims it any more.
    await page.selectOption(".preset select", "0");
    await page.waitForFunction(() => document.querySelector('[data-testid="print-params"] tr[data-param="price"]')!.textContent!.includes("50.8"));
    expect(await page.textContent('[data-testid="print-params"]')).not.toContain("Gallium");
    await page.close();
  });
});

describe("the extensions in the page's URL (Chromium)", () => {
  const load = async (query: string): Promise<Page> => {
    return openChecked(chrome.browser, `${chrome.url}/${query}`,
      { ready: () => document.querySelector('[data-testid="error-gdpLossForm"]') !== null });
  };

  it("a GDP loss form is read in any case, as the CLI does; an unknown one is quoted as given in its error", async () => {
    let page = await load("?gdpLossForm=LINEAR&importDependence=1");
    await page.waitForFunction(() => Number(document.body.dataset.updates) >= 1);
    expect(await text(page, "zstar")).toBe(solve({ gdpLossForm: "linear", importDependence: 1 }).zStar.toFixed(3));
    await page.close();
    page = await load("?gdpLossForm=cubic");
    await page.waitForFunction(() => document.querySelector('[data-testid="error-gdpLossForm"]')!.textContent !== "");
    expect(await text(page, "error-gdpLossForm")).toBe('invalid gdpLossForm: got "cubic"; allowed: "paper" or "linear"');
    // Choosing a real form clears it.
    await page.selectOption('select[name="gdpLossForm"]', "paper");
    await page.waitForFunction(() => document.querySelector('[data-testid="error-gdpLossForm"]')!.textContent === "");
    await page.close();
  });

  it("includeGdp takes the library's spellings (no, off, f, 0 are false), not 'anything but false is true'", async () => {
    for (const [spelling, on] of [["no", false], ["off", false], ["F", false], ["0", false], ["yes", true], ["true", true]] as const) {
      const page = await load(`?includeGdp=${spelling}`);
      expect(await page.isChecked('input[name="includeGdp"]'), spelling).toBe(on);
      await page.close();
    }
  });
});
