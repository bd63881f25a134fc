/** `optimal-reserve strategy simulate --workers n` (built CLI): the same output as one thread; bad values exit 2. */
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-run";

const args = ["strategy", "simulate", "--onsetRate", "1.5", "--class", "0.3:120:2", "--class", "0.6:40:1", "--priceReversion", "1.5", "--priceVolatility", "0.3",
  "--maxDrawdownRate", "0.5", "--drawdownLag", "7", "--maxFillRate", "0.2", "--targetStock", "60", "--buyBelowPrice", "75", "--capacity", "80",
  "--years", "3", "--samples", "1500", "--seed", "3"];

describe("optimal-reserve strategy simulate --workers", () => {
  it("prints exactly what the single-thread run prints, JSON and table, on both backends", () => {
    for (const backend of ["wasm", "js"]) {
      const single = runCli([...args, "--backend", backend, "--format", "json"]);
      const pooled = runCli([...args, "--backend", backend, "--format", "json", "--workers", "3"]);
      expect(pooled.status, pooled.stderr).toBe(0);
      expect(pooled.stdout).toBe(single.stdout);
      expect(JSON.parse(pooled.stdout).meta.backend).toBe(backend);
    }
    expect(runCli([...args, "--workers", "2"]).stdout).toBe(runCli(args).stdout);
  });

  it("a bad --workers, or bad input with --workers, exits 2 naming it", () => {
    for (const [extra, message] of [
      [["--workers", "0"], /invalid --workers: "0"; allowed: a whole number >= 1/],
      [["--workers", "1.5"], /invalid --workers: "1.5"/],
      [["--workers", "2", "--coverFraction", "12"], /invalid coverFraction: got 12; allowed: 0 <= coverFraction <= 10/],
    ] as const) {
      const r = runCli([...args, ...extra]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat \w+ \(/);
    }
  });
});
