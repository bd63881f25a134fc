/**
 * The packed package works as users install it: `npm pack`, install the tarball into a fresh
 * project (offline: it has no runtime dependencies), then `import`, `require`, the `bin`, and its
 * type declarations under every TypeScript module setting (@arethetypeswrong/cli and tsc).
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const root = join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let dir = "";
let tarball = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "optimal-reserve-pack-"));
  tarball = execFileSync(npm, ["pack", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" })
    .trim().split("\n").pop() as string;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  execFileSync(npm, ["install", "--silent", "--no-audit", "--no-fund", "--offline", join(dir, tarball)], { cwd: dir });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" });

it("import (ESM) works", () => {
  const out = node(["--input-type=module", "-e", "import { solve } from 'optimal-reserve'; const s = solve(); console.log(s.zStar, s.backend)"]);
  const [z, backend] = out.trim().split(" ");
  expect(Number(z)).toBeCloseTo(117.1470521273, 9);
  expect(backend).toBe("wasm");
});

it("require (CJS) works", () => {
  const out = node(["-e", "const { solve, paperCases } = require('optimal-reserve'); console.log(solve({ includeGdp: false }).zStar, paperCases.length)"]);
  const [z, n] = out.trim().split(" ");
  expect(Number(z)).toBeCloseTo(79.5475634633, 9);
  expect(n).toBe("8");
});

it("the worker pool works from the package (ESM and CJS)", () => {
  const esm = node(["--input-type=module", "-e", "import { createPool } from 'optimal-reserve/pool'; const p = createPool({ workers: 1 }); const r = await p.solveBatch({ meanDisruption: [21, 31] }); console.log(r.zStar[1]); await p.close();"]);
  expect(Number(esm)).toBeCloseTo(181.3827614508, 9);
  const cjs = node(["-e", "const { createPool } = require('optimal-reserve/pool'); const p = createPool({ workers: 1 }); p.solveBatch({ meanDisruption: [42] }).then((r) => { console.log(r.zStar[0]); return p.close(); });"]);
  expect(Number(cjs)).toBeCloseTo(251.3555010726, 9);
});

it("the analysis API works from the package", () => {
  const out = node(["--input-type=module", "-e", [
    "import * as o from 'optimal-reserve';",
    "const b = o.solveBatch({ meanDisruption: [21, -1] });",
    "const t = o.tornado(); const e = o.elasticities(); const g = o.grid({}, { meanDisruption: [21, 31] });",
    "const m = o.monteCarlo({}, { fixedCost: { type: 'uniform', min: 2, max: 3 } }, { samples: 100, seed: 1 });",
    "const k = o.breakEven({}, 'meanDisruption', 80); const c = o.curve({}, { points: 10 }); const s = o.sensitivity({}, 'price', [60]);",
    "console.log(JSON.stringify([b.statusNames[b.status[1]], t.rows.length, e.rows.length, g.size, m.samples, k.value > 0, c.z.length, s.zStar.length]));",
  ].join(" ")]);
  // One tornado and elasticity row per numeric parameter (the paper's 12, eventProbability, chokePrice).
  expect(JSON.parse(out)).toEqual(["invalid", 14, 14, 2, 100, true, 10, 1]);
});

it("the bin runs", () => {
  const out = execFileSync(join(dir, "node_modules", ".bin", "optimal-reserve"), ["paper", "--json"], { encoding: "utf8" });
  expect(JSON.parse(out)).toHaveLength(8);
});

it("ships the MIT LICENSE", () => {
  const license = readFileSync(join(dir, "node_modules", "optimal-reserve", "LICENSE"), "utf8");
  expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 optimal-reserve contributors\n/);
  expect(JSON.parse(readFileSync(join(dir, "node_modules", "optimal-reserve", "package.json"), "utf8")).license).toBe("MIT");
});

it("ships the model documentation the README and the CLI point at, and CITATION.cff", () => {
  const installed = join(dir, "node_modules", "optimal-reserve");
  for (const doc of ["model", "numerics", "strategy", "coordination", "minerals-data"]) {
    expect(readFileSync(join(installed, "docs", `${doc}.md`), "utf8"), doc).toBe(readFileSync(join(root, "docs", `${doc}.md`), "utf8"));
  }
  expect(readFileSync(join(installed, "CITATION.cff"), "utf8")).toMatch(/^cff-version: /m);
  // Every docs/*.md the README links to is in the package.
  for (const [, doc] of readFileSync(join(root, "README.md"), "utf8").matchAll(/\(docs\/([\w-]+\.md)/g)) {
    expect(existsSync(join(installed, "docs", doc!)), doc).toBe(true);
  }
});

it("browsers resolve optimal-reserve/pool to the Web Worker pool with its worker inlined; Node to worker_threads", () => {
  const resolve = (conditions: string[]) => node([...conditions, "--input-type=module", "-e", "console.log(import.meta.resolve('optimal-reserve/pool'))"]).trim();
  const browser = resolve(["--conditions=browser"]);
  expect(browser).toMatch(/node_modules\/optimal-reserve\/dist\/pool\.browser\.js$/);
  expect(resolve([])).toMatch(/node_modules\/optimal-reserve\/dist\/pool\.js$/);
  // Nothing for a bundler to find or copy: no worker URL, no import.meta (absent in IIFE bundles).
  const code = readFileSync(new URL(browser), "utf8");
  expect(code).toMatch(/URL\.createObjectURL\(new Blob\(/);
  expect(code).not.toMatch(/import\.meta|new URL\(/);
  // The worker as a file too (for a Content Security Policy without blob:), self-contained.
  const worker = new URL("./pool-web-worker.js", browser);
  expect(readFileSync(worker, "utf8")).not.toMatch(/\bimport\b[^(]*from|node:/);
});

it("@arethetypeswrong/cli finds no problem in the tarball (node10, node16 CJS and ESM, bundler)", () => {
  const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
  // Exit code 1 when it finds problems: the JSON report names them either way.
  const run = spawnSync(process.execPath, [attw, join(dir, tarball), "--format", "json"], { encoding: "utf8" });
  const report = JSON.parse(run.stdout) as { problems: object; analysis: { entrypoints: Record<string, { resolutions: object }> } };
  expect(report.problems).toEqual({});
  expect(run.status).toBe(0);
  for (const entry of [".", "./pool"]) {
    expect(Object.keys(report.analysis.entrypoints[entry]?.resolutions ?? {})).toEqual(["node10", "node16-cjs", "node16-esm", "bundler"]);
  }
});

/** Type-check `files` (name to source) in their own folder of the consumer with `compilerOptions`. */
async function typeCheck(name: string, compilerOptions: object, files: Record<string, string>): Promise<void> {
  const project = join(dir, name);
  mkdirSync(project);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text);
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      // The package's declaration files are checked (skipLibCheck off); TypeScript's own lib files are not.
      strict: true, noEmit: true, skipLibCheck: false, skipDefaultLibCheck: true, typeRoots: [join(root, "node_modules", "@types")], ...compilerOptions },
    files: Object.keys(files),
  }));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  await promisify(execFile)(process.execPath, [tsc, "-p", project]).catch((e: { stdout: string }) => {
    throw new Error(`tsc ${name}: ${e.stdout}`);
  });
}

const nodeConsumer = [
  'import { solve, type Params } from "optimal-reserve";',
  'import { createPool, type PoolOptions } from "optimal-reserve/pool";',
  "const base: Partial<Params> = { meanDisruption: 21 };",
  "const options: PoolOptions = { workers: 1, resourceLimits: { maxOldGenerationSizeMb: 64 } };",
  "export const z: number = solve(base).zStar;",
  "export const pool = createPool(options);",
  // The Node pool takes the browser pool's createWorker hook too, with worker_threads Workers.
  'import { Worker } from "node:worker_threads";',
  'export const own = createPool({ workers: 1, createWorker: () => new Worker("./node_modules/optimal-reserve/dist/pool-worker.js") });',
].join("\n");

it("TypeScript consumers type-check: CommonJS (--module commonjs, node16 .cts), node16 ESM, and browser apps", async () => {
  await Promise.all([
    typeCheck("commonjs", { module: "commonjs", target: "es2022", types: ["node"] }, { "index.ts": nodeConsumer }),
    // One node16 program: a .cts file is CommonJS, a .mts file ESM.
    typeCheck("node16", { module: "node16", target: "es2022", types: ["node"] }, { "index.cts": nodeConsumer, "index.mts": nodeConsumer }),
    // A browser app: bundler resolution, no customConditions, and still createWorker is typed.
    typeCheck("browser", { module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom"], types: [] }, {
      "index.ts": [
        'import { createPool, type PoolOptions } from "optimal-reserve/pool";',
        'const options: PoolOptions = { workers: 2, createWorker: () => new Worker("/pool-web-worker.js", { type: "module" }) };',
        "export const pool = createPool(options);",
      ].join("\n"),
    }),
  ]);
});
