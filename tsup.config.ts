import { build, type Plugin } from "esbuild";
import { defineConfig } from "tsup";

/**
 * `virtual:pool-web-worker-source`: src/pool/web-worker.ts bundled into one minified IIFE, as a
 * string, for dist/pool.browser.js to start from a blob: URL. An inlined worker is the one form that
 * works unchanged in every bundler: esbuild neither copies nor rewrites `new URL("./x.js",
 * import.meta.url)` (and its IIFE output has no import.meta.url at all), and Vite's dev server
 * pre-bundles dependencies away from the files such a URL points at.
 */
const inlineWorker: Plugin = {
  name: "inline-pool-web-worker",
  setup(b) {
    b.onResolve({ filter: /^virtual:pool-web-worker-source$/ }, (args) => ({ path: args.path, namespace: "inline-worker" }));
    b.onLoad({ filter: /.*/, namespace: "inline-worker" }, async () => {
      const out = await build({
        entryPoints: ["src/pool/web-worker.ts"], bundle: true, write: false, format: "iife", minify: true,
        target: "es2022", platform: "browser", logLevel: "silent",
      });
      const [file] = out.outputFiles;
      if (!file) throw new Error("the inlined pool worker did not build");
      return { contents: `export default ${JSON.stringify(file.text)};`, loader: "js", watchFiles: Object.keys(out.metafile?.inputs ?? {}) };
    });
  },
};

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    sourcemap: false,
  },
  {
    // Node-only: the worker pool and its worker script (dist/pool-worker.js, ESM for both builds).
    entry: { pool: "src/pool.ts" },
    format: ["esm", "cjs"],
    dts: true,
    target: "node20",
    platform: "node",
    shims: true,
    sourcemap: false,
  },
  {
    // Browsers: the same pool on Web Workers, its worker inlined (see inlineWorker above).
    entry: { "pool.browser": "src/pool-browser-package.ts" },
    format: ["esm"],
    dts: true,
    splitting: false,
    target: "es2022",
    platform: "browser",
    sourcemap: false,
    esbuildPlugins: [inlineWorker],
  },
  {
    // The same worker as a file, for pages whose Content Security Policy forbids blob: workers.
    entry: { "pool-web-worker": "src/pool/web-worker.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "browser",
    sourcemap: false,
  },
  {
    entry: { "pool-worker": "src/pool/worker.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: false,
  },
  {
    // `batch --workers`: the worker thread's script, beside dist/cli.js (see src/cli/batch-workers.ts).
    entry: { "cli-batch-worker": "src/cli/batch-worker.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "import { createRequire as __createRequire } from \"node:module\";\nconst require = __createRequire(import.meta.url);" },
    sourcemap: false,
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    // The CLI bundles its CommonJS helpers (csv-parse, proper-lockfile): give them `require`.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from \"node:module\";\nconst require = __createRequire(import.meta.url);" },
    // A native addon with prebuilt binaries (optional dependency): loaded at run time, not bundled.
    external: ["@resvg/resvg-js"],
    sourcemap: false,
  },
]);
