/**
 * The benchmark (issue 4): every path, per backend, with ratios against the other backend and
 * against baselines, in one run. `npm run bench` (full) or `npm run bench:quick` (< 60 s).
 * Benchmarks the built package (dist/). Writes bench/results/<timestamp>.json.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import {
  GDP_LOSS_FORMS, PARAMETER_SPECS, PARAM_NAMES, curve, grid, monteCarlo, solve, solveBatch, tornado, type BackendName, type Params,
} from "../dist/index.js";
import { createPool } from "../dist/pool.js";
import { naiveSolve } from "./baseline";
import { stressColumns, stressSet } from "./stress";

// scripts/run-bench.mjs runs a bundled copy from a temporary folder and passes the project root.
const root = process.env.OPTIMAL_RESERVE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const here = join(root, "bench");
const quick = process.argv.includes("--quick");
const BACKENDS: BackendName[] = ["wasm", "js"];

interface Row {
  path: string;
  backend: string;
  solves: number;
  nsPerSolve: number;
  solvesPerSecond: number;
  maxDz: number | null;
  maxDzAgainst: string;
}
const rows: Row[] = [];

// Reference z* for the stress rows (mpmath, scripts/reference.py --stress), when committed.
const refFile = join(here, "stress-reference.json");
const reference = existsSync(refFile)
  ? (JSON.parse(readFileSync(refFile, "utf8")) as { params: Params[]; zStar: number[] })
  : undefined;
const STRESS_ROWS = reference?.params.length ?? 2000;
const stress = stressSet(STRESS_ROWS);
// The reference rows predate the extensions (docs/model.md section 11), which stay at their defaults here.
const paperRows = stress.map(({ eventProbability: _p, chokePrice: _c, gdpLossForm: _f, ...paper }) => paper);
if (reference && JSON.stringify(reference.params) !== JSON.stringify(paperRows)) {
  throw new Error("bench/stress-reference.json no longer matches stressSet(): regenerate it (bench/README.md)");
}
const refZ = reference?.zStar;
const dzAgainstRef = (z: ArrayLike<number>, count: number): number | null => {
  if (!refZ) return null;
  let worst = 0;
  for (let i = 0; i < count; i++) worst = Math.max(worst, Math.abs(z[i]! - refZ[i % refZ.length]!) / Math.max(1, refZ[i % refZ.length]!));
  return worst;
};
const paperRef = JSON.parse(readFileSync(join(root, "tests", "fixtures", "paper.json"), "utf8")) as { cases: { zStar: number }[] };
const BASE_REF = paperRef.cases[0]!.zStar;

async function measure(path: string, backend: string, solvesPerCall: number, fn: () => unknown, maxDz: number | null,
  against: string, options: { iterations?: number; time?: number } = {}): Promise<void> {
  const bench = new Bench({ time: options.time ?? (quick ? 150 : 800), iterations: options.iterations ?? 3, warmupIterations: 1 });
  bench.add(path, fn);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state === "errored") throw result.error;
  if (result.state !== "completed") throw new Error(`${path} [${backend}]: benchmark ${result.state}`);
  const mean = result.latency.mean; // ms per call
  const nsPerSolve = (mean * 1e6) / solvesPerCall;
  rows.push({ path, backend, solves: solvesPerCall, nsPerSolve, solvesPerSecond: 1e9 / nsPerSolve, maxDz, maxDzAgainst: against });
  process.stderr.write(`  ${path} [${backend}]: ${nsPerSolve.toFixed(0)} ns/solve\n`);
}

function tile(n: number) {
  const base = stressColumns(stress);
  const out: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(base)) out[k] = Float64Array.from({ length: n }, (_, i) => v[i % v.length]!);
  return out;
}

async function main(): Promise<void> {
  process.stderr.write(`optimal-reserve bench (${quick ? "quick" : "full"}), ${STRESS_ROWS} stress rows\n`);
  // Single solve().
  for (const backend of BACKENDS) {
    const base = solve({}, { backend }).zStar;
    await measure("solve(): paper base case", backend, 1, () => {
      if (!(solve({}, { backend }).zStar > 0)) throw new Error("bad");
    }, Math.abs(base - BASE_REF) / BASE_REF, "mpmath (paper)");
    let k = 0;
    const zs = stress.map((p) => solve(p, { backend }).zStar);
    await measure("solve(): stress mix", backend, 1, () => {
      if (Number.isNaN(solve(stress[k++ % stress.length]!, { backend }).zStar)) throw new Error("NaN");
    }, dzAgainstRef(zs, zs.length), "mpmath (stress)");
  }
  // solveBatch at several sizes.
  const sizes = quick ? [1e3, 1e5] : [1e3, 1e5, 1e6];
  for (const n of sizes) {
    const cols = tile(n);
    for (const backend of BACKENDS) {
      const r = solveBatch(cols, { backend });
      await measure(`solveBatch ${n.toExponential(0)} rows (stress)`, backend, n, () => {
        if (solveBatch(cols, { backend }).errors.length) throw new Error("errors");
      }, dzAgainstRef(r.zStar, n), "mpmath (stress)", n >= 1e6 ? { iterations: 1, time: 0 } : {});
    }
  }
  // grid of 10^6 (10^5 quick) points: lambda x fixedCost; the paper base point is checked.
  const side = quick ? 316 : 1000;
  const lambdas = Array.from({ length: side }, (_, i) => (i === 0 ? 21 : 5 + (95 * i) / side));
  const costs = Array.from({ length: side }, (_, i) => (i === 0 ? 2.5 : 0.1 + (20 * i) / side));
  for (const backend of BACKENDS) {
    const g = grid({}, { meanDisruption: lambdas, fixedCost: costs }, { backend });
    await measure(`grid ${side}x${side}`, backend, side * side, () => {
      grid({}, { meanDisruption: lambdas, fixedCost: costs }, { backend });
    }, Math.abs(g.zStar[0]! - BASE_REF) / BASE_REF, "mpmath (paper base point)", { iterations: 1, time: 0 });
  }
  // curve, tornado, Monte Carlo.
  for (const backend of BACKENDS) {
    const c = curve({}, { backend, points: 200 });
    await measure("curve 200 points (+ z*)", backend, 201, () => { curve({}, { backend, points: 200 }); },
      Math.abs(c.zStar - BASE_REF) / BASE_REF, "mpmath (paper)");
    const t = tornado({}, {}, { backend });
    await measure(`tornado, ${PARAMETER_SPECS.length} parameters`, backend, 2 * PARAMETER_SPECS.length + 1, () => { tornado({}, {}, { backend }); },
      Math.abs(t.zStar - BASE_REF) / BASE_REF, "mpmath (paper)");
    const samples = quick ? 1e4 : 1e5;
    const dists = { meanDisruption: { type: "lognormal" as const, mean: 21, sd: 8 }, fixedCost: { type: "uniform" as const, min: 1.5, max: 3.5 } };
    await measure(`monteCarlo ${samples.toExponential(0)} samples`, backend, samples, () => {
      monteCarlo({}, dists, { samples, seed: 7, backend });
    }, null, "", { iterations: 1, time: 0 });
  }
  // The worker pool at 1 and 2 workers, on the largest batch.
  const poolRows = quick ? 1e5 : 1e6;
  const poolCols = tile(poolRows);
  for (const workers of [1, 2]) {
    const pool = createPool({ workers });
    const r = await pool.solveBatch(poolCols);
    await measure(`pool.solveBatch ${poolRows.toExponential(0)} rows, ${workers} worker${workers > 1 ? "s" : ""}`, r.backend, poolRows,
      () => pool.solveBatch(poolCols), dzAgainstRef(r.zStar, poolRows), "mpmath (stress)", { iterations: 1, time: 0 });
    await pool.close();
  }
  // The ceiling: the same kernel translated to C (bench/native/), on the stress rows.
  const native = runNative(stress);
  if (native) {
    rows.push({ path: "native C, the kernel translated (stress mix)", backend: "c", solves: stress.length,
      nsPerSolve: native.nsPerSolve, solvesPerSecond: 1e9 / native.nsPerSolve, maxDz: dzAgainstRef(native.zStar, stress.length),
      maxDzAgainst: "mpmath (stress)" });
    process.stderr.write(`  native C: ${native.nsPerSolve.toFixed(0)} ns/solve, ${native.evaluations} MB evaluations per solve\n`);
  }
  // Baselines: hand-rolled JS, and scipy.
  const naiveRows = stress.slice(0, quick ? 100 : 400);
  const naiveZ = naiveRows.map(naiveSolve);
  let k = 0;
  await measure("hand-rolled JS: 48-node Gauss-Legendre + bisection", "js", 1, () => { naiveSolve(naiveRows[k++ % naiveRows.length]!); },
    dzAgainstRef(naiveZ, naiveZ.length), "mpmath (stress)");
  const scipy = runScipy(stress.slice(0, 20));
  if (scipy) {
    rows.push({ path: "scipy quad + brentq (20 stress rows)", backend: "python", solves: 20, nsPerSolve: scipy.seconds * 1e9,
      solvesPerSecond: 1 / scipy.seconds, maxDz: dzAgainstRef(scipy.zStar, 20), maxDzAgainst: "mpmath (stress)" });
  }
  cliBatch(quick ? 1e5 : 1e6);
  const cold = BACKENDS.map((b) => coldStart(b));
  report(scipy !== undefined, cold, scipy?.warnings);
}

/**
 * Translate assembly/kernel/ to C (bench/native/translate.mjs), compile it with gcc -O3 and time
 * it on `params` (best of several passes); undefined, with a message, when gcc is missing.
 */
function runNative(params: Params[]): { nsPerSolve: number; evaluations: number; zStar: Float64Array } | undefined {
  if (spawnSync("gcc", ["--version"], { encoding: "utf8" }).status !== 0) {
    process.stderr.write("  native C ceiling skipped: gcc is not available\n");
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "or-native-"));
  const order = PARAM_NAMES; // the kernel's row order (checked against assembly/kernel/layout.ts at load)
  const rowsBin = new Float64Array(params.length * order.length);
  // includeGdp as 1/0 (Number), gdpLossForm as its kernel code.
  const value = (p: Params, name: keyof Params) => (name === "gdpLossForm" ? GDP_LOSS_FORMS.indexOf(p.gdpLossForm) : Number(p[name]));
  params.forEach((p, i) => order.forEach((name, k) => { rowsBin[i * order.length + k] = value(p, name); }));
  writeFileSync(join(dir, "rows.bin"), rowsBin);
  execFileSync(process.execPath, [join(here, "native", "translate.mjs"), join(dir, "kernel.c")]);
  copyFileSync(join(here, "native", "driver.c"), join(dir, "driver.c"));
  execFileSync("gcc", ["-O3", "-o", join(dir, "driver"), join(dir, "driver.c"), "-lm"]);
  const out = execFileSync(join(dir, "driver"), [join(dir, "rows.bin"), String(params.length), quick ? "3" : "10",
    join(dir, "z.bin")], { encoding: "utf8" });
  const [ns, evaluations] = out.trim().split(/\s+/).map(Number) as [number, number];
  const bytes = readFileSync(join(dir, "z.bin"));
  return { nsPerSolve: ns, evaluations, zStar: new Float64Array(bytes.buffer, bytes.byteOffset, params.length) };
}

function runScipy(params: Params[]): { seconds: number; zStar: number[]; warnings: number } | undefined {
  const probe = spawnSync("python3", ["-c", "import scipy"], { encoding: "utf8" });
  if (probe.status !== 0) {
    process.stderr.write("  scipy baseline skipped: python3 with scipy is not available\n");
    return undefined;
  }
  const out = execFileSync("python3", [join(here, "scipy_baseline.py")], { input: JSON.stringify(params), encoding: "utf8" });
  return JSON.parse(out) as { seconds: number; zStar: number[]; warnings: number };
}

/**
 * The CLI `batch` on an n-row CSV with the 12 numeric parameters in full precision (the stress
 * rows tiled), at 1 thread and --workers 2, against the plain-Node floor (bench/floor.mjs: read,
 * split, parse, write the same file): wall time of fresh processes, as rows/s.
 */
function cliBatch(n: number): void {
  const dir = mkdtempSync(join(tmpdir(), "or-cli-"));
  const input = join(dir, "in.csv");
  // The paper's 12 numeric parameters (the extensions stay at their defaults: a CSV cell cannot say Infinity).
  const names = PARAM_NAMES.filter((name) => !["includeGdp", "eventProbability", "chokePrice", "gdpLossForm"].includes(name));
  const lines = [names.join(",")];
  for (let i = 0; i < n; i++) {
    const p = stress[i % stress.length]!;
    lines.push(names.map((name) => String(p[name])).join(","));
  }
  writeFileSync(input, lines.join("\n") + "\n");
  const run = (path: string, args: string[]): void => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    const seconds = (performance.now() - t0) / 1e3;
    if (r.status !== 0 && r.status !== 3) throw new Error(`${path}: exit ${r.status}: ${r.stderr}`);
    rows.push({ path, backend: "cli", solves: n, nsPerSolve: (seconds * 1e9) / n, solvesPerSecond: n / seconds, maxDz: null, maxDzAgainst: "" });
    process.stderr.write(`  ${path}: ${Math.round(n / seconds).toLocaleString("en-US")} rows/s\n`);
  };
  const cli = join(root, "dist", "cli.js");
  const rowsLabel = n.toExponential(0);
  run(`Node floor: read, split, parse, write ${rowsLabel} rows`, [join(here, "floor.mjs"), input, join(dir, "floor.csv")]);
  run(`CLI batch ${rowsLabel} rows (stress), 1 thread`, [cli, "batch", "--in", input, "--out", join(dir, "out1.csv"), "--quiet"]);
  run(`CLI batch ${rowsLabel} rows (stress), --workers 2`, [cli, "batch", "--in", input, "--out", join(dir, "out2.csv"), "--quiet",
    "--workers", "2"]);
}

/** Import + first solve in a fresh Node process (milliseconds), per backend. */
function coldStart(backend: BackendName): { backend: BackendName; ms: number } {
  const script = `const t=performance.now();const {solve}=await import(${JSON.stringify(join(root, "dist", "index.js"))});` +
    `solve({}, {backend:${JSON.stringify(backend)}});console.log(performance.now()-t)`;
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })));
  return { backend, ms: runs.sort((a, b) => a - b)[2]! };
}

function report(hasScipy: boolean, cold: { backend: BackendName; ms: number }[], scipyWarnings?: number): void {
  const find = (path: string, backend: string) => rows.find((r) => r.path === path && r.backend === backend);
  const naive = rows.find((r) => r.path.startsWith("hand-rolled"))!;
  const scipy = rows.find((r) => r.path.startsWith("scipy"));
  const lines: string[] = [];
  const stamp = { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, date: new Date().toISOString(), quick };
  lines.push(`optimal-reserve bench, ${stamp.date}, Node ${stamp.node}, ${stamp.cpu} (${stamp.cores} cores)${quick ? ", quick" : ""}`);
  lines.push("");
  const native = rows.find((r) => r.backend === "c");
  lines.push("| path | backend | ns/solve | solves/s | x native C | WASM/JS | WASM/hand-rolled | WASM/scipy | max abs dz (days) |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const js = r.backend === "wasm" ? find(r.path, "js") : undefined;
    const speedup = (other?: Row) => (other && r.backend === "wasm" ? `${(other.nsPerSolve / r.nsPerSolve).toFixed(2)}x` : "");
    // This row's speed as a fraction of the native C kernel's (stress-mix rows only).
    const ofNative = native && ["wasm", "js", "cli"].includes(r.backend) && r.path.includes("stress")
      ? `${(native.nsPerSolve / r.nsPerSolve).toFixed(2)}x` : "";
    lines.push(`| ${r.path} | ${r.backend} | ${r.nsPerSolve.toFixed(0)} | ${Math.round(r.solvesPerSecond).toLocaleString("en-US")} | ` +
      `${ofNative} | ${speedup(js)} | ${speedup(naive)} | ${hasScipy ? speedup(scipy) : ""} | ${r.maxDz === null ? "-" : r.maxDz.toExponential(1)} |`);
  }
  const floor = rows.find((r) => r.path.startsWith("Node floor"));
  const kernel = rows.find((r) => r.path.startsWith("solveBatch 1e+5") && r.backend === "wasm");
  if (floor && kernel) {
    const budget = floor.nsPerSolve + kernel.nsPerSolve;
    for (const r of rows.filter((x) => x.path.startsWith("CLI batch"))) {
      lines.push(`${r.path}: ${(r.nsPerSolve / budget).toFixed(2)}x the Node floor plus the WASM kernel time (${budget.toFixed(0)} ns/row).`);
    }
  }
  lines.push("");
  lines.push(`Cold start (import + first solve, median of 5 fresh processes): ${cold.map((c) => `${c.backend} ${c.ms.toFixed(1)} ms`).join(", ")}.`);
  lines.push("Speed-ups are the other path's ns/solve over this row's; x native C is the C build of the same kernel's ns/solve over this row's.");
  lines.push("max abs dz is |z* - reference| / max(1, reference) in days.");
  if (scipyWarnings !== undefined) lines.push(`scipy quad raised ${scipyWarnings} IntegrationWarnings on its 20 rows.`);
  console.log(lines.join("\n"));
  const dir = join(here, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${stamp.date.replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`);
  writeFileSync(file, JSON.stringify({ ...stamp, rows, coldStart: cold }, null, 2));
  console.log(`\nwritten: ${file.slice(root.length + 1)}`);
}

await main();
