import { defineConfig } from "tsup";

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
    // Browsers: the same pool on Web Workers, and its worker script (dist/pool-web-worker.js).
    entry: { "pool.browser": "src/pool-browser.ts", "pool-web-worker": "src/pool/web-worker.ts" },
    format: ["esm"],
    dts: { entry: { "pool.browser": "src/pool-browser.ts" } },
    splitting: false,
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
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    // The CLI bundles its CommonJS helpers (csv-parse, proper-lockfile): give them `require`.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from \"node:module\";\nconst require = __createRequire(import.meta.url);" },
    sourcemap: false,
  },
]);
