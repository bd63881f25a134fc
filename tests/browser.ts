/**
 * Browser-test helpers: a static file server on localhost (cross-origin isolated, like the Vite
 * config, so performance.now() has 5 us resolution) and Debian's Chromium driven by
 * playwright-core, with the flags this machine needs (see DEVELOPERS.md).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".svg": "image/svg+xml", ".wasm": "application/wasm",
};

/**
 * Serve the files under `root` on 127.0.0.1 (a free port), adding `headers` to every response;
 * resolves to the base URL and the server.
 */
export async function serveStatic(root: string, headers: Record<string, string> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      ...headers,
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Launch headless Chromium; fails clearly if it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as npm test's set-up step does`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run",
    ],
  });
}

/** A static server and a Chromium shared by the tests of one file (see browserSession). */
export interface BrowserSession {
  /** The server's base URL, without a trailing slash. */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Serve `root` and launch Chromium before the calling test file's tests; close both after them.
 * Call at the file's top level; read `url` and `browser` inside tests only.
 */
export function browserSession(root: string): BrowserSession {
  let url = "";
  let browser: Browser | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    ({ url, server } = await serveStatic(root));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  return {
    get url() {
      return url;
    },
    get browser() {
      if (!browser) throw new Error("browserSession: Chromium is not started yet (use it inside a test)");
      return browser;
    },
  };
}

/** How openChecked opens a page. */
export interface OpenOptions {
  width?: number;
  height?: number;
  /** Runs on the new page before it loads (e.g. an init script). */
  prepare?: (page: Page) => Promise<unknown>;
  /** A condition evaluated in the page that says it is ready; default: its first update is drawn. */
  ready?: () => boolean;
}

/**
 * Open `address` in a new page of `browser` that fails the test on any page error, and wait until
 * the page is ready (options.ready, by default `document.body.dataset.updates >= 1`).
 */
export async function openChecked(browser: Browser, address: string, options: OpenOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1300, height: options.height ?? 1000 } });
  page.on("pageerror", (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await options.prepare?.(page);
  await page.goto(address);
  await page.waitForFunction(options.ready ?? (() => Number(document.body.dataset.updates) >= 1));
  return page;
}

/**
 * A blank page served from the repository root (tests/fixtures/blank.html), opened before the
 * calling file's tests, for running built modules in Chromium by dynamic import.
 */
export function blankPage(repositoryRoot: string): { readonly page: Page } {
  const session = browserSession(repositoryRoot);
  let page: Page | undefined;
  beforeAll(async () => {
    page = await session.browser.newPage();
    await page.goto(`${session.url}/tests/fixtures/blank.html`);
  });
  return {
    get page() {
      if (!page) throw new Error("blankPage: the page is not open yet (use it inside a test)");
      return page;
    },
  };
}
