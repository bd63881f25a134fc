/** `optimal-reserve teisberg`: the table, the JSON contract, and usage errors (built CLI). */
import { describe, expect, it } from "vitest";
import { solveTeisberg } from "../src/strategy/teisberg";
import { runCli } from "./cli-run";

describe("optimal-reserve teisberg", () => {
  it("--json is exactly { pvcost, policy: { normal, disrupted } } and matches the library", () => {
    const r = runCli(["teisberg", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["pvcost", "policy"]);
    expect(Object.keys(json.policy as object)).toEqual(["normal", "disrupted"]);
    const { pvcost, policy } = solveTeisberg();
    expect(json).toEqual({ pvcost, policy });
  });

  it("prints one row per level and pvcost", () => {
    const r = runCli(["teisberg"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^level\s+next \(normal\)\s+next \(disrupted\)$/);
    expect(lines[2]).toMatch(/^\s*0\s+3\s+0$/);
    expect(lines[9]).toMatch(/^\s*21\s+18\s+12$/);
    expect(r.stdout).toContain(`pvcost = ${solveTeisberg().pvcost.toFixed(6)}`);
  });

  it("an unknown flag exits 2 with a message and no stack trace", () => {
    const r = runCli(["teisberg", "--levels", "3"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/optimal-reserve teisberg: Unknown option '--levels'/);
    expect(r.stderr).not.toMatch(/\bat \w+ \(/);
  });
});
