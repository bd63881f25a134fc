/**
 * Fuzz over the whole allowed range (issue 14): every entry point (solve, evaluate, solveBatch,
 * curve, grid, sensitivity, tornado, elasticities, monteCarlo, breakEven), both backends, seeded
 * random parameter sets mixed with boundary values (the d = 1 corner, 1 - 2^-53, zero costs,
 * 1e-300, 1e300, Number.MAX_VALUE, 5e-324 where allowed). Every input is valid, so every call
 * must return within CALL_TIMEOUT_MS, carry no NaN, throw nothing (breakEven may say that no
 * value reaches the stock), keep z* in [0, H] and give statuses that describe z*. Calls run in a
 * worker (tests/fuzz-worker.mjs) on the built package so that a call that never returns is
 * stopped and reported. Faults are grouped by kind, and the test lists them.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { BACKENDS, randomParams, rng } from "./helpers";

const ENTRY = join(__dirname, "..", "dist", "index.js");
/** A call that takes longer than this is a hang (the slowest valid call, tornado in JS, takes ~50 ms). */
const CALL_TIMEOUT_MS = 2000;
/** Cases per entry point and backend: about two seconds of calls per backend on an idle machine. */
const CASES = 24;

const MAX = Number.MAX_VALUE;
/** Boundary and extreme values that the rules allow, per parameter (priceFloor also gets "the price"). */
const EXTREMES: Record<string, number[]> = {
  price: [1e-300, 1e300, 1e307, MAX, 5e-324],
  elasticity: [-10, -0.005],
  meanDisruption: [0.1, 1e4],
  importDependence: [1, 1 - 2 ** -53, 1e-300, 0.9999999],
  imports: [5e-324, 1e-300, 1e300, MAX],
  gdpElasticity: [0, 1e300, MAX],
  gdp: [0, 1e-300, MAX],
  fixedCost: [0, 1e-300, 1e300, MAX],
  variableCost: [0, MAX],
  interestRate: [0, MAX],
  horizon: [1, 3650],
};

type Params = Record<string, number | boolean | string>;

function fuzzParams(next: () => number): Params {
  const p: Params = { ...randomParams(next) };
  for (const [name, values] of Object.entries(EXTREMES)) {
    if (next() < 0.12) p[name] = values[Math.floor(next() * values.length)]!;
  }
  // The dependent rule: a floor at 0, at the price, or a share of it.
  const pick = next();
  p.priceFloor = pick < 0.2 ? 0 : pick < 0.4 ? (p.price as number) : (p.price as number) * next();
  return p;
}

const NAMES = Object.keys(EXTREMES);

/** One case of `kind` (all inputs valid). */
function makeCase(kind: string, next: () => number): Record<string, unknown> {
  const params = fuzzParams(next);
  const H = params.horizon as number;
  const name = NAMES[Math.floor(next() * NAMES.length)]!;
  const z = next() < 0.2 ? [0, H, 5e-324, H * (1 - 2 ** -52)][Math.floor(next() * 4)]! : H * next();
  switch (kind) {
    case "solveBatch": {
      const rows = Array.from({ length: 8 }, () => fuzzParams(next));
      const columns: Record<string, number[]> = {};
      for (const key of Object.keys(rows[0]!)) columns[key] = rows.map((r) => (typeof r[key] === "boolean" ? (r[key] ? 1 : 0) : (r[key] as number)));
      return { columns, columnsHorizon: rows.map((r) => r.horizon) };
    }
    case "grid": {
      const values = [0.25, 0.5, 1].map((f) => (name === "priceFloor" ? (params.price as number) * f : (params[name] as number)));
      return { params, axes: { [name]: values, fixedCost: [0, 2.5, MAX] } };
    }
    case "sensitivity":
      // Every value allowed with the others at params: a price below the floor would be an invalid (flagged) row.
      return { params, name, values: [params[name], ...(EXTREMES[name] ?? []).filter((v) => name !== "price" || v >= (params.priceFloor as number))] };
    case "monteCarlo":
      return { params, seed: Math.floor(next() * 1e6), distributions: { meanDisruption: { type: "lognormal", mean: 21, sd: 10 }, [name === "priceFloor" ? "price" : name]: { type: "normal", mean: params[name === "priceFloor" ? "price" : name], sd: Math.abs(params[name] as number) * 0.1 + 1e-300 } } };
    case "breakEven":
      return { params, name, stock: z };
    case "evaluate":
    case "solve":
      return { params, z, stock: next() < 0.5 ? z : undefined };
    default:
      return { params };
  }
}

const KINDS = ["solve", "evaluate", "solveBatch", "curve", "grid", "sensitivity", "tornado", "elasticities", "monteCarlo", "breakEven"];

async function startWorker(): Promise<Worker> {
  const worker = new Worker(join(__dirname, "fuzz-worker.mjs"), { workerData: { entry: ENTRY } });
  await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return worker;
}

describe("fuzz over the whole allowed range", () => {
  for (const backend of BACKENDS) {
    it(`every entry point returns promptly with no NaN, no plain Error, z* in [0, H], consistent statuses (${backend})`, async () => {
      const next = rng(backend === "wasm" ? 1414 : 1415);
      const faults = new Map<string, { count: number; example: string }>();
      let worker = await startWorker();
      for (let k = 0; k < CASES; k++) {
        for (const kind of KINDS) {
          const c = makeCase(kind, next);
          const answer = await new Promise<string[] | "hang">((resolve) => {
            const timer = setTimeout(() => resolve("hang"), CALL_TIMEOUT_MS);
            worker.once("message", (m: string[]) => {
              clearTimeout(timer);
              resolve(m);
            });
            worker.postMessage({ kind, backend, c });
          });
          const found = answer === "hang" ? [`no answer within ${CALL_TIMEOUT_MS} ms`] : answer;
          if (answer === "hang") {
            await worker.terminate();
            worker = await startWorker();
          }
          for (const fault of found) {
            // The kind of a fault: the entry point and the fault's words without its numbers.
            const key = `${kind}: ${fault.replace(/-?\d[\d.e+-]*/g, "#").replace(/\[#\]/g, "[]").slice(0, 90)}`;
            const entry = faults.get(key) ?? { count: 0, example: `${fault} for ${JSON.stringify(c).slice(0, 400)}` };
            entry.count++;
            faults.set(key, entry);
          }
        }
      }
      await worker.terminate();
      const report = [...faults].map(([key, f]) => `${f.count} x ${key}\n    e.g. ${f.example}`).join("\n");
      expect(report, report).toBe("");
    }, 240_000);
  }
});
