/**
 * Coordination model timings, both backends in one run, printed as ratios (issue 12):
 * coordinate() on the iea2022 preset (world scenarios: the game's loops in TypeScript, a few
 * kernel calls per evaluation) and on the paper's one-country nesting case (the disruption law
 * integrated in one kernel call, paperExpectation), and jointRelease on seed 000.
 * Run after `npm run build`: `npx vite-node bench/coordination.ts`.
 */
import { cpus } from "node:os";
import { Bench } from "tinybench";
import { coordinate, coordinationPresets, jointRelease, SEED000_RELEASES, type BackendName, type MarketInput } from "../dist/index.js";

const BACKENDS: BackendName[] = ["wasm", "js"];
const paper: MarketInput = {
  accounting: "domestic", price: 50.8, priceFloor: 15, disruptions: { kind: "paper", meanDisruption: 21 },
  countries: [{ name: "China", imports: 8.65e6, elasticity: -0.1, gdp: 12.2e12, gdpForm: "paper", gdpCoefficient: 0.34, importDependence: 0.698, holdingCost: 5.1098 }],
};
const cases: [string, (backend: BackendName) => number][] = [
  ["coordinate iea2022 (8 Nash starts)", (backend) => coordinate(coordinationPresets.iea2022, { backend }).cooperative.total],
  ["coordinate paper nesting (1 start)", (backend) => coordinate(paper, { backend, randomStarts: 0 }).nash.days[0]!],
  ["jointRelease seed 000 (US + China)", (backend) => jointRelease(coordinationPresets.iea2022, [...SEED000_RELEASES.usAndChina], { backend }).totalGain],
];

const bench = new Bench({ iterations: 5, warmupIterations: 1, time: 0 });
for (const [name, run] of cases) {
  for (const backend of BACKENDS) {
    bench.add(`${name} [${backend}]`, () => {
      const value = run(backend);
      if (!Number.isFinite(value)) throw new Error(`${name} gave ${value}`);
    });
  }
}
await bench.run();
const ms = (name: string): number => {
  const result = bench.getTask(name)!.result;
  if (result.state === "errored") throw result.error;
  if (result.state !== "completed") throw new Error(`${name}: benchmark ${result.state}`);
  return result.latency.mean; // ms per call
};
console.log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, ${new Date().toISOString()}`);
console.log("case                                   wasm ms      js ms   js/wasm");
for (const [name] of cases) {
  const wasm = ms(`${name} [wasm]`);
  const js = ms(`${name} [js]`);
  console.log(`${name.padEnd(36)} ${wasm.toFixed(2).padStart(9)} ${js.toFixed(2).padStart(10)} ${(js / wasm).toFixed(2).padStart(9)}`);
}
