/**
 * The in-browser app (web/dist, built by `npm test`) in Debian's Chromium, driven through its
 * stable hooks: the fields named after the API parameters, the `includeGdp` checkbox, and
 * data-testid="zstar" / "backend". Screenshots and the update-time figure go to test-artifacts/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monteCarlo, paperCases, solve } from "../src/index";
import { launchChromium, serveStatic } from "./browser";

const ARTIFACTS = join(__dirname, "..", "test-artifacts");
const SHOTS = join(ARTIFACTS, "screenshots");
let server: Server;
let url = "";
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ url, server } = await serveStatic(join(__dirname, "..", "web", "dist")));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/**
 * Open the page (with a query; from `base`, default the main server; after `prepare`, e.g. an
 * init script) and wait for its first update; fail on any page error.
 */
async function open(query = "", base = url, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.on("pageerror", (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await prepare?.(page);
  await page.goto(`${base}/${query}`);
  await page.waitForFunction(() => Number(document.body.dataset.updates) >= 1);
  return page;
}

const updates = (page: Page) => page.evaluate(() => Number(document.body.dataset.updates));

/** Run `action` and wait until the page has drawn the update it causes. */
async function andUpdate(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await updates(page);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.updates) > n, before);
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
    expect(await page.locator('[data-testid="chart-tornado"] g[aria-label="bar"] rect').count()).toBe(24);
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
    const again = await open(link.slice(url.length + 1));
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

  it("cancelling a long Monte Carlo run stops it and the page stays live", async () => {
    const page = await open();
    await page.fill("#mc-samples", "4000000");
    await page.click('[data-testid="mc-run"]');
    await page.waitForFunction(() => Number((document.querySelector('[data-testid="mc-progress"]') as HTMLProgressElement).value) > 0);
    await page.click('[data-testid="mc-cancel"]');
    await expect.poll(() => text(page, "mc-status")).toBe("cancelled");
    const done = await page.$eval('[data-testid="mc-progress"]', (p) => (p as HTMLProgressElement).value);
    expect(done).toBeLessThan(1);
    await andUpdate(page, () => page.fill('input[name="meanDisruption"]', "31"));
    expect(await text(page, "zstar")).toBe(solve({ meanDisruption: 31 }).zStar.toFixed(3));
    expect(await page.isEnabled('[data-testid="mc-run"]')).toBe(true);
    await page.close();
  });

  it("with WebAssembly disabled in the browser, the page still solves and says JS", async () => {
    // A Content-Security-Policy without 'wasm-unsafe-eval' is how a browser disables
    // WebAssembly for a site: compiling any module throws, in the page and in its workers.
    const strict = await serveStatic(join(__dirname, "..", "web", "dist"), { "Content-Security-Policy": "script-src 'self'" });
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
    const page = await open("?meanDisruption=31", url, (p) => p.addInitScript(() => {
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    }));
    expect(await page.evaluate(() => typeof WebAssembly)).toBe("undefined");
    expect(await text(page, "backend")).toBe("JS");
    expect(await text(page, "zstar")).toBe(solve({ meanDisruption: 31 }, { backend: "js" }).zStar.toFixed(3));
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
      chartsMedianMs: quantile(draw, 0.5), chromium: browser.version(),
    };
    writeFileSync(join(ARTIFACTS, "web-update-time.json"), `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`web update in Chromium over ${n}: solve + curve + tornado median ${figure.computeMedianMs.toFixed(3)} ms ` +
      `(p90 ${figure.computeP90Ms.toFixed(3)} ms, first ${figure.firstComputeMs!.toFixed(2)} ms); drawing the 3 charts median ${figure.chartsMedianMs.toFixed(1)} ms`);
    await page.close();
  });
});
