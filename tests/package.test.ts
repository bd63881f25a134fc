/**
 * The packed package works as users install it: `npm pack`, install the tarball into a fresh
 * project (offline: it has no runtime dependencies), then `import`, `require` and the `bin`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const root = join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "optimal-reserve-pack-"));
  const tarball = execFileSync(npm, ["pack", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" })
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
  expect(JSON.parse(out)).toEqual(["invalid", 12, 12, 2, 100, true, 10, 1]);
});

it("the bin runs", () => {
  const out = execFileSync(join(dir, "node_modules", ".bin", "optimal-reserve"), ["paper", "--json"], { encoding: "utf8" });
  expect(JSON.parse(out)).toHaveLength(8);
});

it("browsers resolve optimal-reserve/pool to the Web Worker pool, its worker script beside it", () => {
  const resolved = node(["--conditions=browser", "--input-type=module", "-e", "console.log(import.meta.resolve('optimal-reserve/pool'))"]).trim();
  expect(resolved).toMatch(/node_modules\/optimal-reserve\/dist\/pool\.browser\.js$/);
  const worker = new URL("./pool-web-worker.js", resolved);
  expect(existsSync(worker)).toBe(true);
  // The worker script is self-contained (no imports) and free of Node built-ins.
  expect(readFileSync(worker, "utf8")).not.toMatch(/\bimport\b[^(]*from|node:/);
});
