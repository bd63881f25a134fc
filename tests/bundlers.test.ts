/**
 * The browser worker pool as users bundle it: `npm pack`, install the tarball into a fresh app
 * (offline), build tests/bundlers/app with Vite (build and dev server), webpack 5 and esbuild (ESM
 * and IIFE), serve each on 127.0.0.1 and run it in Chromium: the pool's solveBatch must equal
 * the main thread's bit for bit. No bundler gets any configuration for the pool.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import type { Browser } from "playwright-core";
import { build as viteBuild, createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpack from "webpack";
import { launchChromium, serveStatic } from "./browser";

const root = join(__dirname, "..");
const app = join(__dirname, "bundlers", "app");
let dir = "";
let server: Server | undefined;
let staticUrl = "";
let dev: ViteDevServer | undefined;
let browser: Browser | undefined;

/** An HTML page loading `script` (a module or a classic script). */
const page = (script: string, module: boolean) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body><script ${module ? 'type="module" ' : ""}src="./${script}"></script></body></html>`;

function webpackBuild(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack({
      mode: "production", context: dir, entry: "./main.js", target: "web", devtool: false,
      output: { path: out, filename: "main.js" },
      // Minifying changes nothing about how the pool finds its worker and would triple the build time.
      optimization: { minimize: false }, performance: { hints: false },
    }, (error, stats) => {
      if (error || stats?.hasErrors()) reject(error ?? new Error(stats?.toString("errors-only")));
      else resolve();
    });
  });
}

async function esbuildApp(format: "esm" | "iife"): Promise<void> {
  const out = join(dir, `esbuild-${format}`);
  await esbuild({ entryPoints: [join(dir, "main.js")], bundle: true, format, platform: "browser", outfile: join(out, "main.js"), logLevel: "silent" });
  writeFileSync(join(out, "index.html"), page("main.js", format === "esm"));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "optimal-reserve-bundlers-"));
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" }).trim().split("\n").pop() as string;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "pool-consumer", version: "1.0.0", private: true, type: "module" }));
  execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", "--offline", join(dir, tarball)], { cwd: dir });
  for (const file of readdirSync(app)) copyFileSync(join(app, file), join(dir, file));
  mkdirSync(join(dir, "webpack"));
  writeFileSync(join(dir, "webpack", "index.html"), page("main.js", false));
  const quiet = { configFile: false as const, logLevel: "silent" as const, root: dir, cacheDir: join(dir, ".vite") };
  await Promise.all([
    viteBuild({ ...quiet, base: "./", build: { outDir: join(dir, "vite") } }),
    webpackBuild(join(dir, "webpack")),
    esbuildApp("esm"),
    esbuildApp("iife"),
  ]);
  const served = await serveStatic(dir);
  server = served.server;
  staticUrl = served.url;
  dev = await createServer({ ...quiet, server: { host: "127.0.0.1", port: 0, hmr: false } });
  await dev.listen();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await dev?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  failed?: string; rows: number; backend: string; workers: number; zStar: boolean; totalCost: boolean; status: boolean;
  error: string; sample: number;
}

/** Open `url` in a fresh page and wait for the app's pool result (page errors fail the test). */
async function runApp(url: string): Promise<Result> {
  const tab = await (browser as Browser).newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => "poolResult" in globalThis, undefined, { timeout: 30_000 });
    const result = await tab.evaluate(() => (globalThis as unknown as { poolResult: Promise<Result> }).poolResult);
    expect(errors).toEqual([]);
    return result;
  } finally {
    await tab.close();
  }
}

describe.each([
  ["Vite 7 build", "/vite/index.html"],
  ["Vite 7 dev server", "dev"],
  ["webpack 5", "/webpack/index.html"],
  ["esbuild ESM", "/esbuild-esm/index.html"],
  ["esbuild IIFE", "/esbuild-iife/index.html"],
])("%s", (_name, path) => {
  it("runs the worker pool, equal to the main thread's solveBatch", async () => {
    const url = path === "dev" ? new URL("index.html", dev?.resolvedUrls?.local[0]).href : `${staticUrl}${path}`;
    const r = await runApp(url);
    expect(r.failed).toBeUndefined();
    expect(r).toMatchObject({ rows: 6000, backend: "wasm", workers: 2, zStar: true, totalCost: true, status: true });
    expect(r.error).toMatch(/invalid meanDisruption: got -1/);
    // Row 120 is the paper's base case (meanDisruption 21 days).
    expect(r.sample).toBeCloseTo(117.1470521273, 9);
  });
});
