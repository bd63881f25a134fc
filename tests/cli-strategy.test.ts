/** `optimal-reserve strategy`: each subcommand's output against the library, formats, plots and errors (built CLI). */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulateStrategy } from "../src/strategy/simulate";
import { optimizeStrategy } from "../src/strategy/optimize";
import { steadyState } from "../src/strategy/steady-state";
import { runCli } from "./cli-run";
import { readmeCommands } from "./readme";

const shockFlags = ["--onsetRate", "0.5", "--severity", "0.3", "--meanDuration", "182.5"];
const ruleFlags = ["--maxDrawdownRate", "2", "--maxFillRate", "0.1", "--targetStock", "117"];
const shocks = { onsetRate: 0.5, classes: [{ weight: 1, severity: 0.3, meanDuration: 182.5 }] };
const rule = { maxDrawdownRate: 2, maxFillRate: 0.1, targetStock: 117 };

describe("optimal-reserve strategy", () => {
  it("simulate --format json is the library's result; csv has one row per quantity; --plot writes the fan chart", () => {
    const dir = mkdtempSync(join(tmpdir(), "strategy-"));
    const svg = join(dir, "fan.svg");
    const args = ["strategy", "simulate", ...shockFlags, ...ruleFlags, "--years", "2", "--samples", "300", "--seed", "4", "--initialRegime", "1"];
    const json = runCli([...args, "--format", "json", "--plot", svg, "--backend", "js"]);
    expect(json.status, json.stderr).toBe(0);
    const library = simulateStrategy({}, shocks, rule, { years: 2, samples: 300, seed: 4, initialRegime: 1, backend: "js" });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(library)));
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
    const csv = runCli([...args, "--format", "csv"]);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("quantity,value,standardError,unit");
    expect(lines).toContain(`run-out probability,${library.runOutProbability},${library.standardErrors.runOutProbability},share of paths`);
    const ndjson = runCli([...args, "--format", "ndjson"]);
    expect(JSON.parse(ndjson.stdout.split("\n")[4]!)).toMatchObject({ quantity: "total cost", value: library.costs.total });
    const table = runCli([...args]);
    expect(table.stdout).toMatch(/run-out probability\s+0\.\d+/);
  });

  it("optimize prints the policy table and the gain; --plot writes the policy chart", () => {
    const dir = mkdtempSync(join(tmpdir(), "strategy-"));
    const svg = join(dir, "policy.svg");
    const args = ["strategy", "optimize", ...shockFlags, ...ruleFlags, "--capacity", "150", "--stockLevels", "51", "--step", "7"];
    const r = runCli([...args, "--format", "json", "--plot", svg]);
    expect(r.status, r.stderr).toBe(0);
    const library = optimizeStrategy({}, shocks, { stockLevels: 51, capacity: 150, step: 7 }, { maxDrawdownRate: 2, maxFillRate: 0.1, allowSales: false, rule });
    const parsed = JSON.parse(r.stdout) as { refillTarget: number; gain: number; values: number[] };
    expect(parsed.refillTarget).toBe(library.refillTarget);
    expect(parsed.gain).toBe(library.gain);
    expect(parsed.values).toEqual(Array.from(library.values));
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
    const table = runCli(args);
    expect(table.stdout.split("\n")[0]).toMatch(/^stock\s+normal\s+class 1\s+longRunShare$/);
    expect(table.stdout).toContain("refill target");
  });

  it("csv and ndjson carry what the table's footer says: the run (simulate, evaluate) and the optimum's headline (optimize)", () => {
    const sim = runCli(["strategy", "simulate", ...shockFlags, ...ruleFlags, "--years", "1", "--samples", "50", "--seed", "9", "--format", "csv"]);
    expect(sim.status, sim.stderr).toBe(0);
    for (const line of ["paths,50,,paths", "seed,9,,PRNG seed", "step,7,,days", "steps,52,,steps", "backend,wasm,,kernel"]) expect(sim.stdout.split("\n")).toContain(line);
    const ev = runCli(["strategy", "evaluate", ...shockFlags, ...ruleFlags, "--stockLevels", "51", "--format", "ndjson"]);
    expect(ev.stdout.trim().split("\n").map((l) => JSON.parse(l))).toContainEqual({ quantity: "states", value: 102, unit: "states" });
    const args = ["strategy", "optimize", ...shockFlags, ...ruleFlags, "--capacity", "150", "--stockLevels", "51", "--step", "7"];
    const library = optimizeStrategy({}, shocks, { stockLevels: 51, capacity: 150, step: 7 }, { maxDrawdownRate: 2, maxFillRate: 0.1, allowSales: false, rule });
    const csv = runCli([...args, "--format", "csv"]).stdout.trim().split("\n");
    expect(csv[0]).toBe("stock,normal,class 1,longRunShare,optimalCost,ruleCost,gain,refillTarget,meanStock,runOutProbability,iterations,states,actions,step,capacity");
    expect(csv[1]!.split(",")[6]).toBe(String(library.gain));
    const ndjson = runCli([...args, "--format", "ndjson"]).stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ndjson[0]).toMatchObject({ record: "headline", optimalCost: library.optimalCost, ruleCost: library.ruleCost, gain: library.gain, refillTarget: library.refillTarget });
    expect(ndjson[1]).toMatchObject({ record: "level", stock: 0 });
    const teisberg = runCli(["teisberg", "--format", "csv"]).stdout.split("\n");
    expect(teisberg[0]).toBe("level,nextNormal,nextDisrupted,pvcost");
    expect(teisberg[1]).toMatch(/^0,3,0,2401\.57725414/);
  });

  it("evaluate and steady agree with the library", () => {
    const e = runCli(["strategy", "evaluate", ...shockFlags, ...ruleFlags, "--capacity", "150", "--stockLevels", "51", "--format", "csv"]);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout.split("\n")[0]).toBe("quantity,value,unit");
    // The start is read at the nearest grid level (117 on levels 1.25 days apart: 117.5); the table says which.
    const snapped = runCli(["strategy", "evaluate", ...shockFlags, ...ruleFlags, "--capacity", "150", "--stockLevels", "121"]);
    expect(snapped.stdout).toContain("from 117.5 days of imports (the grid level nearest the start)");
    const s = runCli(["strategy", "steady", "--onsetRate", "0.5", "--meanDuration", "182.5", "--maxFillRate", "0.1", "--maxDrawdownRate", "0.3", "--capacity", "117", "--format", "json"]);
    expect(JSON.parse(s.stdout)).toEqual(steadyState({ onsetRate: 0.5, meanDuration: 182.5, maxFillRate: 0.1, maxDrawdownRate: 0.3, capacity: 117 }));
  });

  it("the README's worked example prints exactly what the CLI prints", () => {
    const examples = readmeCommands("Release and refill strategies", "strategy");
    expect(examples.length).toBe(2);
    for (const { args, printed } of examples) {
      const r = runCli(args);
      expect(r.status, r.stderr).toBe(0);
      // Every printed line is a line of the real output (the optimize table is shown in part).
      const lines = new Set(r.stdout.split("\n"));
      for (const line of printed.trimEnd().split("\n")) expect(lines.has(line), line).toBe(true);
    }
  });

  it("bad input exits 2 with a message naming it and no stack trace", () => {
    for (const [args, message] of [
      [["strategy", "simulate", ...shockFlags, "--maxDrawdownRate", "2", "--maxFillRate", "0.1"], /needs --targetStock/],
      [["strategy", "simulate", ...shockFlags, ...ruleFlags, "--samples", "x"], /invalid --samples/],
      [["strategy", "simulate", "--onsetRate", "1", "--severity", "1.5", "--meanDuration", "9", ...ruleFlags], /classes\[0\]\.severity: got 1.5/],
      [["strategy", "simulate", "--preset", "nope", ...ruleFlags], /invalid preset: got "nope"; allowed: ornl-oip, iea-historical, emf-sr10/],
      [["strategy", "fly"], /unknown strategy subcommand/],
      // A flag a subcommand does not read is refused, not ignored.
      [["strategy", "steady", "--onsetRate", "0.5", "--meanDuration", "180", "--maxFillRate", "0.1", "--maxDrawdownRate", "0.35", "--capacity", "117", "--seed", "3"],
        /--seed is not read by strategy steady; allowed there: --onsetRate --meanDuration --maxFillRate --maxDrawdownRate --capacity \(--seed is read by strategy simulate\)/],
      [["strategy", "steady", "--onsetRate", "0.5", "--meanDuration", "180", "--maxFillRate", "0.1", "--maxDrawdownRate", "0.35", "--capacity", "117", "--plot", "s.svg"], /--plot is not read by strategy steady/],
      [["strategy", "evaluate", ...shockFlags, ...ruleFlags, "--samples", "7"], /--samples is not read by strategy evaluate.*\(--samples is read by strategy simulate\)/],
      [["strategy", "optimize", ...shockFlags, ...ruleFlags, "--capacity", "150", "--years", "5"], /--years is not read by strategy optimize.*\(--years is read by strategy simulate, evaluate\)/],
      [["strategy", "optimize", ...shockFlags, "--maxDrawdownRate", "2", "--maxFillRate", "0.1", "--capacity", "150", "--coverFraction", "0.5"], /--coverFraction describe the rule to compare with: give its --targetStock too/],
      [["strategy", "simulate", "--preset", "emf-sr10", "--severity", "0.9", "--meanDuration", "5", ...ruleFlags], /--preset emf-sr10 gives the disruption classes; --severity, --meanDuration describe a class of your own/],
      // Decimals only, as every other command: 0x75 is not 117.
      [["strategy", "simulate", ...shockFlags, "--maxDrawdownRate", "2", "--maxFillRate", "0.1", "--targetStock", "0x75"], /invalid --targetStock: "0x75"; allowed: a number/],
      [["strategy", "simulate", ...shockFlags, ...ruleFlags, "--initialRegime", "0x1"], /invalid --initialRegime: "0x1"; allowed: a whole number/],
      [["strategy", "simulate", "--onsetRate", "1", "--class", "0x1:30", ...ruleFlags], /invalid --class "0x1:30"/],
      // Contradictory rule fields, a horizon shorter than half a step.
      [["strategy", "simulate", ...shockFlags, ...ruleFlags, "--reserveFloor", "200"], /reserveFloor: got 200; allowed: 0 <= reserveFloor <= capacity \(117\)/],
      [["strategy", "simulate", ...shockFlags, ...ruleFlags, "--years", "0.001"], /invalid years: got 0\.001; allowed: at least half a step/],
    ] as const) {
      const r = runCli([...args]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat \w+ \(/);
    }
  });
});
