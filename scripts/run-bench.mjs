#!/usr/bin/env node
// Bundle bench/run.ts (TypeScript) with esbuild and run it against the built package (dist/).
// Usage: node scripts/run-bench.mjs [--quick] [--write-stress-params N]
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(mkdtempSync(join(tmpdir(), "or-bench-")), "bench.mjs");
const args = process.argv.slice(2);
const writeAt = args.indexOf("--write-stress-params");
const entry = writeAt >= 0 ? join(root, "bench", "write-stress-params.ts") : join(root, "bench", "run.ts");
await build({
  entryPoints: [entry], bundle: true, platform: "node", format: "esm", target: "node20", outfile: out,
  logLevel: "warning",
  // The package under test stays the built artefact; everything else (tinybench) is bundled.
  plugins: [{
    name: "dist", setup(b) {
      b.onResolve({ filter: /^\.\.\/dist\/[\w-]+\.js$/ }, (args) => ({
        path: pathToFileURL(join(root, "dist", args.path.slice("../dist/".length))).href, external: true,
      }));
    },
  }],
});
const r = spawnSync(process.execPath, [out, ...args], { stdio: "inherit", env: { ...process.env, OPTIMAL_RESERVE_ROOT: root } });
process.exit(r.status ?? 1);
