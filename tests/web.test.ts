/**
 * The in-browser app (web/dist, built by `npm test`) in Debian's Chromium, driven through its
 * stable hooks: the fields named after the API parameters, the `includeGdp` checkbox, and
 * data-testid="zstar" / "backend". Screenshots and the update-time figure go to test-artifacts/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_PARAMS, PARAMETER_SPECS, VERSION, curve, monteCarlo, paperCases, solve, tornado } from "../src/index";
import { CORNER_LABEL } from "../web/src/charts";
import { CURVE_POINTS, chartEnd } from "../web/src/view";
import { browserSession, openChecked, serveStatic } from "./browser";

const ARTIFACTS = join(__dirname, "..", "test-artifacts");
const DIST = join(__dirname, "..", "web", "dist");
const SHOTS = join(ARTIFACTS, "screenshots");
const chrome = browserSession(DIST);

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/**
 * Open the page (with a query; from `base`, default the main server; after `prepare`, e.g. an
 * init script) and wait for its first update; fail on any page error.
 */
async function open(query = "", base = chrome.url, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  return openChecked(chrome.browser, `${base}/${query}`, { prepare });
}

const updates = (page: Page) => page.evaluate(() => Number(document.body.dataset.updates));

/** Run `action` and wait until the page has drawn the update it causes. */
async function andUpdate(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await updates(page);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.updates) > n, before);
}

/** Click a download button and read the file it gives. */
async function downloaded(page: Page, testId: string): Promise<Buffer> {
  const noFile = async (error: Error) => {
    // The button's title says why the page could not make the file.
    throw new Error(`${testId}: no download (button title: ${await page.getAttribute(`[data-testid="${testId}"]`, "title")}): ${error.message}`);
  };
  const [file] = await Promise.all([page.waitForEvent("download").catch(noFile), page.click(`[data-testid="${testId}"]`)]);
  return readFileSync((await file.path())!);
}

const text = async (page: Page, testId: string) => (await page.textContent(`[data-testid="${testId}"]`))?.trim() ?? "";
const zStar = async (page: Page) => Number(await text(page, "zstar"));

describe("in-browser app (Chromium)", () => {
  it("shows z* = 117.147 for the base case, the backend (WASM), and the paper's table with our column", async () => {
    const page = await open();
    expect(await text(page, "zstar")).toBe("117.147");
    expect(Math.abs((await zStar(page)) - solve({}).zStar)).toBeLessThan(5e-4);
    expect(await text(page, "backend")).toBe("WASM");
    expect(await text(page, "status")).toMatch(/^interior/);
    // The base case's net benefit diverges (m = 10 >= 2): said in words, with the reason.
    expect(await text(page, "net-benefit")).toMatch(/^diverges: with elasticity >= -0.5/);
    const rows = await page.$$eval('[data-testid="paper-table"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(rows).toHaveLength(8);
    rows.forEach((row, k) => {
      expect(row[2]).toBe(String(paperCases[k]!.paper));
      expect(row[3]).toBe(solve(paperCases[k]!.params).zStar.toFixed(3));
    });
    for (const chart of ["chart-cost", "chart-marginal", "chart-tornado"]) {
      expect(await page.locator(`[data-testid="${chart}"] svg`).count(), chart).toBeGreaterThan(0);
    }
    expect(await page.locator('[data-testid="chart-tornado"] g[aria-label="bar"] rect').count()).toBe(2 * PARAMETER_SPECS.length);
    // The preset box names the base case; big numbers fit their field, with the unit beside it.
    expect(await page.$eval('select[name="preset"]', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe(`paper: base (${paperCases[0]!.description})`);
    expect(await page.inputValue('input[name="gdp"]')).toBe("1.22e13");
    expect(await text(page, "words-gdp")).toBe("= 12.2 trillion");
    expect(await page.textContent('.param[data-param="gdp"] .field-unit')).toBe("USD/yr");
    const field = await page.$eval('input[name="gdp"]', (i) => ({ scroll: i.scrollWidth, client: i.clientWidth }));
    expect(field.scroll).toBeLessThanOrEqual(field.client);
    // z* also in units of the commodity: 117.147 days x 8.65 million/day = 1.013 billion.
    expect(await text(page, "zstar-units")).toMatch(/^≈ 1\.013 billion units of the commodity \(barrels for oil\): 117\.147 days × 8\.65 million units\/day/);
    // MB and MC in one scale on the chart and in the text (mn for the base case).
    expect(await text(page, "marginal-cost")).toMatch(/ mn USD\/yr per day$/);
    expect(await page.locator('[data-testid="chart-marginal"] svg').textContent()).toContain("mn USD/yr per day");
    expect(await page.locator('[data-testid="chart-cost"] svg').textContent()).toContain("(bn USD/yr)");
    expect(await text(page, "total-cost")).toMatch(/ bn USD\/yr$/);
    // Tornado: two colours (low, high) and a value label at every bar's end.
    const fills = await page.$$eval('[data-testid="chart-tornado"] g[aria-label="bar"]', (gs) => gs.map((g) => g.getAttribute("fill")));
    expect(new Set(fills).size).toBe(2);
    const labels = await page.$$eval('[data-testid="chart-tornado"] g[aria-label="text"] text', (ts) => ts.map((t) => t.textContent));
    const t = tornado({});
    // A bar at the d = 1 corner (where the library flags one) is labelled as such.
    const corner = (r: (typeof t.rows)[number], z: number) => ((r as { corner?: boolean }).corner === true && z === 365 ? CORNER_LABEL : "");
    for (const r of t.rows) {
      expect(labels).toContain(r.zLow.toFixed(1) + corner(r, r.zLow));
      expect(labels).toContain(r.zHigh.toFixed(1) + corner(r, r.zHigh));
    }
    await page.screenshot({ path: join(SHOTS, "base.png"), fullPage: true });
    await page.close();
  });

  it("mean disruption 31 shows 181.38; the URL keeps the state and a link reproduces the view", async () => {
    const page = await open();
    // The numbers are current as soon as the edit's event returns (the charts follow a frame later).
    await page.fill('input[name="meanDisruption"]', "31");
    expect(Math.abs((await zStar(page)) - 181.38)).toBeLessThan(5e-3);
    expect(await zStar(page)).toBe(Number(solve({ meanDisruption: 31 }).zStar.toFixed(3)));
    expect(new URL(page.url()).searchParams.get("meanDisruption")).toBe("31");
    await andUpdate(page, () => page.fill('input[name="currentStock"]', "80"));
    const link = page.url();
    const again = await open(link.slice(chrome.url.length + 1));
    expect(await zStar(again)).toBe(await zStar(page));
    expect(await again.inputValue('input[name="meanDisruption"]')).toBe("31");
    expect(await again.inputValue('input[name="currentStock"]')).toBe("80");
    const gain = solve({ meanDisruption: 31 }, { currentStock: 80 }).gainOverCurrentStock!;
    expect(await text(again, "gain")).toContain(`${(gain / 1e9).toLocaleString("en-US", { maximumSignificantDigits: 5 })} bn USD/yr`);
    await page.close();
    await again.close();
  });

  it("unticking the GDP term shows 79.55", async () => {
    const page = await open();
    await andUpdate(page, () => page.uncheck('input[name="includeGdp"]'));
    expect(Math.abs((await zStar(page)) - 79.55)).toBeLessThan(5e-3);
    expect(new URL(page.url()).searchParams.get("includeGdp")).toBe("false");
    await page.close();
  });

  it("shows an invalid value beside its field, keeps the last results, never NaN; fixing it recovers", async () => {
    const page = await open();
    await andUpdate(page, () => page.fill('input[name="meanDisruption"]', "31"));
    const before = await text(page, "zstar");
    await page.fill('input[name="meanDisruption"]', "-5");
    const error = page.locator('.param[data-param="meanDisruption"] [data-testid="error-meanDisruption"]');
    await expect.poll(() => error.textContent()).toMatch(/invalid meanDisruption: got -5; allowed: 0.1 <= meanDisruption <= 10000/);
    expect(await page.getAttribute('input[name="meanDisruption"]', "aria-invalid")).toBe("true");
    expect(await text(page, "zstar")).toBe(before);
    expect(await page.locator("#results.stale").count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "invalid.png"), fullPage: true });
    // Several bad fields at once each get their own message, including one relative to another.
    await page.fill('input[name="fixedCost"]', "abc");
    await page.fill('input[name="priceFloor"]', "60");
    await page.fill('input[name="currentStock"]', "400");
    await expect.poll(() => text(page, "error-fixedCost")).toMatch(/"abc" is not a number; allowed: 0 <= fixedCost/);
    expect(await text(page, "error-priceFloor")).toMatch(/invalid priceFloor: got 60; allowed: 0 <= priceFloor <= price = 50.8/);
    expect(await text(page, "error-meanDisruption")).toMatch(/invalid meanDisruption/);
    expect(await page.locator("body").innerText()).not.toMatch(/NaN/);
    await page.fill('input[name="fixedCost"]', "2.5");
    await page.fill('input[name="priceFloor"]', "15");
    await page.fill('input[name="meanDisruption"]', "21");
    // The stock is checked against the horizon once the parameters are valid.
    await expect.poll(() => text(page, "error-currentStock")).toMatch(/allowed: 0 <= currentStock <= horizon = 365/);
    expect(await page.locator("#results.stale").count()).toBe(1);
    await andUpdate(page, () => page.fill('input[name="currentStock"]', "80"));
    expect(await page.locator("#results.stale").count()).toBe(0);
    expect(await text(page, "zstar")).toBe("117.147");
    expect(await text(page, "error-meanDisruption")).toBe("");
    await page.close();
  });

  it("a preset sets every field; a finite net benefit is shown as an amount", async () => {
    const page = await open();
    await andUpdate(page, () => page.selectOption('select[name="preset"]', { label: `paper: ${paperCases[4]!.name} (${paperCases[4]!.description})` }));
    expect(await page.inputValue('input[name="meanDisruption"]')).toBe("31");
    expect(await text(page, "zstar")).toBe(solve(paperCases[4]!.params).zStar.toFixed(3));
    await andUpdate(page, () => page.fill('input[name="elasticity"]', "-1"));
    const s = solve({ meanDisruption: 31, elasticity: -1 });
    expect(s.netBenefitFinite).toBe(true);
    expect(await text(page, "net-benefit")).toBe(`${(s.netBenefit / 1e9).toLocaleString("en-US", { maximumSignificantDigits: 5 })} bn USD/yr`);
    await page.close();
  });

  it("Monte Carlo runs in Web Workers with a progress bar and a histogram, equal to the library's", async () => {
    const page = await open("?currentStock=100");
    await page.fill("#mc-samples", "20000");
    await page.fill("#mc-seed", "7");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    expect(await text(page, "mc-status")).toMatch(/on 2 workers \(WASM\)/);
    expect(await page.$eval('[data-testid="mc-progress"]', (p) => (p as HTMLProgressElement).value)).toBe(1);
    expect(await page.locator('[data-testid="mc-histogram"] g[aria-label="rect"] rect').count()).toBe(40);
    const r = monteCarlo({}, { meanDisruption: { type: "lognormal", mean: 21, sd: 6.3 } }, { samples: 20000, seed: 7, currentStock: 100 });
    expect(await page.getAttribute('[data-testid="mc-summary"]', "data-mean")).toBe(String(r.mean));
    expect(await text(page, "mc-summary")).toContain(`P(z* > current stock) = ${r.probAboveStock!.toFixed(4)}`);
    await page.screenshot({ path: join(SHOTS, "montecarlo.png"), fullPage: true });
    await page.close();
  });

  it("each parameter has its own law; a bad law is marked on its row with old results dimmed; dropped samples are counted", async () => {
    const page = await open();
    // Elasticity is negative: no lognormal offered, normal by default, centred on -0.1.
    await page.check('[data-mc-param="elasticity"] input[type="checkbox"]');
    const laws = await page.$$eval('[data-mc-param="elasticity"] select option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(laws).toEqual(["normal", "uniform", "triangular"]);
    expect(await page.inputValue('[aria-label="elasticity mean"]')).toBe("-0.1");
    // importDependence uniform 0.5..1.2: the draws above 1 are outside the allowed range, dropped and counted.
    await page.check('[data-mc-param="importDependence"] input[type="checkbox"]');
    await page.selectOption('[aria-label="importDependence law"]', "uniform");
    await page.fill('[aria-label="importDependence min"]', "0.5");
    await page.fill('[aria-label="importDependence max"]', "1.2");
    await page.fill("#mc-samples", "4000");
    await page.fill("#mc-seed", "3");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    const dists = {
      elasticity: { type: "normal", mean: -0.1, sd: 0.03 },
      meanDisruption: { type: "lognormal", mean: 21, sd: 6.3 },
      importDependence: { type: "uniform", min: 0.5, max: 1.2 },
    } as const;
    // The library run on the backend the page reports. The page sums the same z* values in the
    // order its workers return them: the mean agrees to a few ulps (relative 1e-14), the count exactly.
    const backend = /\(JS\)/.test(await text(page, "mc-status")) ? "js" : "wasm";
    const r = monteCarlo({}, dists, { samples: 4000, seed: 3, backend });
    expect(r.invalidSamples).toBeGreaterThan(0);
    const pageMean = Number(await page.getAttribute('[data-testid="mc-summary"]', "data-mean"));
    expect(Math.abs(pageMean - r.mean) / r.mean).toBeLessThanOrEqual(1e-14);
    expect(await page.getAttribute('[data-testid="mc-invalid"]', "data-count")).toBe(String(r.invalidSamples));
    expect(await text(page, "mc-invalid")).toContain(`${r.invalidSamples.toLocaleString("en-US")} of 4,000 samples were dropped as invalid`);
    // A bad law: its row says why in the library's words; the last results stay, dimmed.
    await page.fill('[aria-label="meanDisruption sd"]', "-1");
    await page.click('[data-testid="mc-run"]');
    await expect.poll(() => text(page, "mc-status")).toBe("fix the laws marked in red");
    expect(await text(page, "mc-error-meanDisruption")).toMatch(/^invalid distribution for meanDisruption\b.*lognormal .*sd >= 0/);
    expect(await page.locator("#mc-results.stale").count()).toBe(1);
    expect(await page.locator("#mc-results .stale-note").isVisible()).toBe(true);
    await page.fill('[aria-label="meanDisruption sd"]', "6.3");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    expect(await page.locator("#mc-results.stale").count()).toBe(0);
    expect(await text(page, "mc-error-meanDisruption")).toBe("");
    await page.close();
  });

  it("10^8 samples asked: capped with a stated limit, drawn and solved off the main thread; edits stay live and Cancel works", async () => {
    const page = await open();
    await page.fill("#mc-samples", "100000000");
    await page.click('[data-testid="mc-run"]');
    expect(await text(page, "mc-note")).toMatch(/^100,000,000 samples asked: this page runs at most 1,000,000 .* takes up to 10,000,000 a run/);
    expect((await page.textContent("#mc-limit"))?.trim()).toBe("at most 1,000,000 on this page; the command line's mc takes up to 10,000,000 a run");
    await page.waitForFunction(() => Number((document.querySelector('[data-testid="mc-progress"]') as HTMLProgressElement).value) > 0);
    // While the workers run, an edit updates z* at once (the main thread is free).
    const started = Date.now();
    await page.fill('input[name="meanDisruption"]', "31");
    await expect.poll(() => text(page, "zstar"), { interval: 20 }).toBe(solve({ meanDisruption: 31 }).zStar.toFixed(3));
    const editMs = Date.now() - started;
    expect(editMs).toBeLessThan(1500);
    const running = await page.$eval('[data-testid="mc-progress"]', (p) => (p as HTMLProgressElement).value);
    expect(running).toBeLessThan(1);
    await page.click('[data-testid="mc-cancel"]');
    await expect.poll(() => text(page, "mc-status")).toBe("cancelled");
    expect(await page.$eval('[data-testid="mc-progress"]', (p) => (p as HTMLProgressElement).value)).toBeLessThan(1);
    expect(await page.isEnabled('[data-testid="mc-run"]')).toBe(true);
    console.log(`web: an edit during a 1,000,000-sample Monte Carlo run showed the new z* after ${editMs} ms`);
    await page.close();
  });

  it("with WebAssembly disabled in the browser, the page still solves and says JS", async () => {
    // A Content-Security-Policy without 'wasm-unsafe-eval' is how a browser disables
    // WebAssembly for a site: compiling any module throws, in the page and in its workers.
    // The single-file page is an inline script whose workers start from blob: URLs, which the
    // policy allows; it leaves out 'wasm-unsafe-eval'.
    const strict = await serveStatic(join(__dirname, "..", "web", "dist"), { "Content-Security-Policy": "script-src 'self' 'unsafe-inline' blob:" });
    try {
      const page = await open("", strict.url);
      const compile = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (e: Error) => e.name));
      expect(compile).toBe("CompileError");
      expect(await text(page, "backend")).toBe("JS");
      expect(await text(page, "zstar")).toBe("117.147");
      await andUpdate(page, () => page.uncheck('input[name="includeGdp"]'));
      expect(Math.abs((await zStar(page)) - 79.55)).toBeLessThan(5e-3);
      await page.fill("#mc-samples", "5000");
      await page.click('[data-testid="mc-run"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
      expect(await text(page, "mc-status")).toMatch(/\(JS\)$/);
      await page.screenshot({ path: join(SHOTS, "no-wasm.png"), fullPage: true });
      await page.close();
    } finally {
      strict.server.close();
    }
  });

  it("with WebAssembly removed from the page's global scope, it says JS too", async () => {
    const page = await open("?meanDisruption=31", chrome.url, (p) => p.addInitScript(() => {
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    }));
    expect(await page.evaluate(() => typeof WebAssembly)).toBe("undefined");
    expect(await text(page, "backend")).toBe("JS");
    expect(await text(page, "zstar")).toBe(solve({ meanDisruption: 31 }, { backend: "js" }).zStar.toFixed(3));
    await page.close();
  });

  it("where Web Workers cannot start, Monte Carlo runs on the main thread in steps and says so", async () => {
    const page = await open("", chrome.url, (p) => p.addInitScript(() => {
      (globalThis as { Worker: unknown }).Worker = class {
        constructor() {
          throw new Error("workers are disabled here");
        }
      };
    }));
    await page.fill("#mc-samples", "3000");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    expect(await text(page, "mc-status")).toMatch(/on the main thread \(WASM\)$/);
    expect(await text(page, "mc-note")).toMatch(/^Web Workers are not available here \(.*workers are disabled here\): running on the main thread/);
    const r = monteCarlo({}, { meanDisruption: { type: "lognormal", mean: 21, sd: 6.3 } }, { samples: 3000, seed: 1 });
    expect(await page.getAttribute('[data-testid="mc-summary"]', "data-mean")).toBe(String(r.mean));
    await page.close();
  });

  it("works opened from the file (file://): one self-contained HTML file, workers included", async () => {
    const loaded: string[] = [];
    const page = await open("index.html", pathToFileURL(DIST).href, async (p) => p.on("request", (r) => loaded.push(r.url())));
    expect(await text(page, "zstar")).toBe("117.147");
    expect(await text(page, "backend")).toBe("WASM");
    await andUpdate(page, () => page.fill('input[name="meanDisruption"]', "31"));
    expect(await text(page, "zstar")).toBe(solve({ meanDisruption: 31 }).zStar.toFixed(3));
    await page.fill("#mc-samples", "3000");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    expect(await text(page, "mc-status")).toMatch(/on 2 workers \(WASM\)$/);
    // The law followed the edit: centred on 31, sd 30% (9.3).
    expect(await page.inputValue('[aria-label="meanDisruption mean"]')).toBe("31");
    expect(await page.inputValue('[aria-label="meanDisruption sd"]')).toBe("9.3");
    const r = monteCarlo({ meanDisruption: 31 }, { meanDisruption: { type: "lognormal", mean: 31, sd: 9.3 } }, { samples: 3000, seed: 1 });
    expect(await page.getAttribute('[data-testid="mc-summary"]', "data-mean")).toBe(String(r.mean));
    // Nothing but the page itself is loaded (workers start from blob: URLs made by its script).
    expect(loaded.filter((u) => !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([`${pathToFileURL(DIST).href}/index.html`]);
    await page.close();
  });

  it("fits a phone (390 x 844): no sideways scroll, no field cut off, z* and its status above the fold", async () => {
    const page = await open("", chrome.url, (p) => p.setViewportSize({ width: 390, height: 844 }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const star = (await page.locator('[data-testid="zstar"]').boundingBox())!;
    const status = (await page.locator('[data-testid="status"]').boundingBox())!;
    expect(star.y + star.height).toBeLessThan(844);
    expect(status.y + status.height).toBeLessThan(844);
    // A chart wider than the phone scrolls in its own box (.chart), which must fit.
    const cut = await page.$$eval("input, select, button, svg, table, .chart", (els) => els
      .filter((e) => e.getClientRects().length > 0 && !e.closest(".scroll") && !(e.tagName === "svg" && e.closest(".chart")))
      .map((e) => ({ e: `${e.tagName} ${(e as HTMLInputElement).name ?? ""}`, box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.left < 0 || box.right > 390)
      .map(({ e }) => e));
    expect(cut).toEqual([]);
    // Chart text is drawn, not shrunk: every label's rendered size is at least 9 px (the corner label too).
    const sizes = await page.$$eval(".chart svg", (svgs) => svgs.flatMap((svg) => {
      const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute("width"));
      return [...svg.querySelectorAll("text")].filter((t) => (t.textContent ?? "") !== "")
        .map((t) => ({ text: t.textContent!, px: parseFloat(getComputedStyle(t).fontSize) * scale }));
    }));
    expect(sizes.length).toBeGreaterThan(30);
    expect(sizes.filter((s) => s.px < 9)).toEqual([]);
    expect(sizes.some((s) => s.text.endsWith(CORNER_LABEL))).toBe(true);
    // Every number field shows its whole value, also a long typed one (the base GDP written out in USD: 14 digits).
    const clipped = async (p: Page) => p.$$eval('.param input[type="text"]', (is) => is.filter((i) => i.scrollWidth > i.clientWidth).map((i) => (i as HTMLInputElement).name));
    expect(await clipped(page)).toEqual([]);
    const typeLong = async (p: Page) => {
      for (const name of await p.$$eval('.param input[type="text"]', (is) => is.map((i) => (i as HTMLInputElement).name))) await p.fill(`input[name="${name}"]`, "12200000000000");
    };
    await page.screenshot({ path: join(SHOTS, "phone-390.png") });
    await page.screenshot({ path: join(SHOTS, "phone-390-full.png"), fullPage: true });
    await typeLong(page);
    expect(await clipped(page)).toEqual([]);
    await page.close();
    const desktop = await open("?currentStock=80", chrome.url, (p) => p.setViewportSize({ width: 1280, height: 900 }));
    expect(await desktop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await desktop.screenshot({ path: join(SHOTS, "desktop-1280.png"), fullPage: true });
    await typeLong(desktop);
    expect(await clipped(desktop)).toEqual([]);
    await desktop.close();
  });

  it("downloads the curve, the tornado and the Monte Carlo samples as CSV with the library's numbers, and each chart as SVG and PNG", async () => {
    let page = await open("?meanDisruption=31&currentStock=80");
    const params = { ...BASE_PARAMS, meanDisruption: 31 };
    const csv = async (testId: string) => (await downloaded(page, testId)).toString("utf8").trim().split("\n").map((l) => l.split(","));
    // Relative agreement with the library run here (same kernel; 1e-13 allows a last-bit difference in Math.*).
    const close = (got: string | undefined, want: number) => expect(Math.abs(Number(got) - want)).toBeLessThanOrEqual(1e-13 * Math.abs(want));

    const s = solve(params);
    const end = chartEnd(params, s.zStar, 80);
    const c = curve(params, { from: end / CURVE_POINTS, to: end, points: CURVE_POINTS });
    const curveRows = await csv("download-cost-csv");
    expect(curveRows).toHaveLength(CURVE_POINTS + 1);
    curveRows.slice(1).forEach((r, i) => {
      close(r[0], c.z[i]!);
      close(r[1], c.totalCost[i]!);
      close(r[2], c.marginalBenefit[i]!);
      close(r[3], c.marginalCost[i]!);
    });

    const t = tornado(params);
    const tornadoRows = await csv("download-tornado-csv");
    expect(tornadoRows.slice(1).map((r) => r[0])).toEqual(t.rows.map((r) => r.name));
    tornadoRows.slice(1).forEach((r, k) => {
      close(r[3], t.rows[k]!.zLow);
      close(r[4], t.rows[k]!.zHigh);
    });

    await page.check('[data-mc-param="price"] input[type="checkbox"]');
    await page.selectOption('[aria-label="price law"]', "uniform");
    await page.fill("#mc-samples", "500");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    const samples = await csv("download-mc-csv");
    expect(samples[0]).toEqual(["sample", "price", "meanDisruption", "zStar_days", "status"]);
    expect(samples).toHaveLength(501);
    for (const r of samples.slice(1)) {
      const one = solve({ ...params, price: Number(r[1]), meanDisruption: Number(r[2]) });
      close(r[3], one.zStar);
      expect(r[4]).toBe(one.status);
    }

    // Chromium holds back a page's eleventh download in a row when it starts after asynchronous
    // work (a PNG is drawn first): the charts are taken from a fresh page in the same state.
    await page.close();
    page = await open("?meanDisruption=31&currentStock=80");
    await page.check('[data-mc-param="price"] input[type="checkbox"]');
    await page.selectOption('[aria-label="price law"]', "uniform");
    await page.fill("#mc-samples", "500");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-status"]')?.textContent?.startsWith("done"));
    for (const chart of ["cost", "marginal", "tornado", "mc"]) {
      const svg = (await downloaded(page, `download-${chart}-svg`)).toString("utf8");
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'), chart).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      const png = await downloaded(page, `download-${chart}-png`);
      expect(png.subarray(0, 8).toString("hex"), chart).toBe("89504e470d0a1a0a");
      // IHDR: width and height, twice the chart's size.
      const width = Number(/width="(\d+)"/.exec(svg)![1]);
      const height = Number(/height="(\d+)"/.exec(svg)![1]);
      expect(png.readUInt32BE(16)).toBe(2 * width);
      expect(png.readUInt32BE(20)).toBe(2 * height);
      // Titled and captioned as the command line's charts: version, source, every parameter value.
      const words = svg.replaceAll("&amp;", "&");
      expect(words, chart).toContain(`optimal-reserve ${VERSION}; model of Xie, Lin, Su & Pang (2019)`);
      // No choke price is captioned "none".
      for (const spec of PARAMETER_SPECS) {
        const shown = params[spec.name] === Infinity ? "none" : params[spec.name];
        expect(words, `${chart} ${spec.name}`).toMatch(new RegExp(`\\b${spec.name} ${shown}\\b`));
      }
      expect(words, chart).toContain("current stock 80 days of imports");
      const titles: Record<string, string> = { cost: "Total cost S(z): minimal at z*", marginal: "Marginal benefit and cost: they cross at z*", tornado: "Tornado: z* with each parameter", mc: "Monte Carlo: histogram of z*" };
      expect(words, chart).toContain(titles[chart]);
      writeFileSync(join(SHOTS, `download-${chart}.png`), png);
    }
    const mcSvg = (await downloaded(page, "download-mc-svg")).toString("utf8");
    expect(mcSvg).toContain("sampled: price uniform(min ");
    expect(mcSvg).toContain("meanDisruption lognormal(");
    expect(mcSvg).toContain("500 valid samples of 500, seed 1");
    await page.close();
  });

  it("prints results and charts first, then the parameter values and the paper's citation (PDF written)", async () => {
    const page = await open("?meanDisruption=31&currentStock=80");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#inputs").isVisible()).toBe(false);
    expect(await page.locator('[data-testid="download-cost-csv"]').isVisible()).toBe(false);
    const top = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
    const order = [await top('[data-testid="zstar"]'), await top('[data-testid="chart-cost"]'), await top('[data-testid="chart-tornado"]'),
      await top('[data-testid="print-params"]'), await top('[data-testid="citation"]')];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const values = Object.fromEntries(await page.$$eval('[data-testid="print-params"] tbody tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent])));
    expect(values["lambda meanDisruption"]).toBe("31");
    expect(values["gdp0 gdp"]).toBe("12200000000000 (12.2 trillion)");
    expect(values["z0 currentStock"]).toBe("80");
    expect(await text(page, "citation")).toMatch(/^Model: Xie Nan, Lin Boqiang, Su Tong & Pang Lianfang \(2019\), “Analysis of the replenish and release strategy/);
    expect(await page.locator('[data-testid="citation"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ path: join(ARTIFACTS, "print.pdf"), format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (existsSync("/usr/bin/pdftotext")) {
      // Where poppler-utils is installed, read the PDF itself too.
      const printed = execFileSync("/usr/bin/pdftotext", ["-layout", join(ARTIFACTS, "print.pdf"), "-"]).toString();
      expect(printed).toContain(solve({ meanDisruption: 31 }).zStar.toFixed(3));
      expect(printed.indexOf("z* =")).toBeLessThan(printed.indexOf("Parameters of these results"));
      expect(printed).toContain("Xie Nan, Lin Boqiang");
    }
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.screenshot({ path: join(SHOTS, "print.png"), fullPage: true });
    await page.close();
  });

  it("measures one update (solve + 200-point cost curve + tornado over all parameters): a figure, not a pass/fail", async () => {
    const page = await open();
    const n = 200;
    for (let k = 0; k < n; k++) {
      await andUpdate(page, () => page.fill('input[name="meanDisruption"]', String(10 + (k % 50))));
    }
    const { compute, draw } = await page.evaluate(() => {
      const w = window as unknown as { optimalReserveUpdateTimes: number[]; optimalReserveDrawTimes: number[] };
      return { compute: w.optimalReserveUpdateTimes, draw: w.optimalReserveDrawTimes };
    });
    expect(compute.length).toBe(n + 1);
    expect(draw.length).toBe(n + 1);
    expect([...compute, ...draw].every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
    // The first update runs cold (JIT, kernel instantiation): reported apart.
    const quantile = (xs: number[], q: number) => xs.slice(1).sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;
    const figure = {
      updates: n, computeMedianMs: quantile(compute, 0.5), computeP90Ms: quantile(compute, 0.9), firstComputeMs: compute[0],
      chartsMedianMs: quantile(draw, 0.5), chromium: chrome.browser.version(),
    };
    writeFileSync(join(ARTIFACTS, "web-update-time.json"), `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`web update in Chromium over ${n}: solve + curve + tornado median ${figure.computeMedianMs.toFixed(3)} ms ` +
      `(p90 ${figure.computeP90Ms.toFixed(3)} ms, first ${figure.firstComputeMs!.toFixed(2)} ms); drawing the 3 charts median ${figure.chartsMedianMs.toFixed(1)} ms`);
    await page.close();
  });
});
