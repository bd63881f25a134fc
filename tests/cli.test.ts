/** The built command line (dist/cli.js), end to end: output, --json, --help, exit codes. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readmeBlocks } from "./readme";

const CLI = join(__dirname, "..", "dist", "cli.js");
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

describe("optimal-reserve CLI", () => {
  it("solve prints z* with status, MB, MC, costs and units", () => {
    const r = run("solve");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/optimal reserve +z\* += 117\.1471 days of imports \(status interior, backend wasm\)/);
    expect(r.stdout).toMatch(/marginal benefit +MB\(z\*\) += 44,199,770 USD\/yr per day of reserve/);
    expect(r.stdout).toMatch(/marginal cost +MC += 44,199,770 USD\/yr per day of reserve/);
    expect(r.stdout).toMatch(/total cost +S\(z\*\) += 6,149,575,108\.\d+ USD\/yr/);
    expect(r.stdout).toMatch(/net benefit +W\(z\*\) += diverges/);
  });

  it("solve takes parameter flags, --no-gdp, --backend and --json", () => {
    const r = run("solve", "--meanDisruption", "31", "--backend", "js", "--json");
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.backend).toBe("js");
    expect(Math.abs(s.zStar - 181.3827614508) / 181.38).toBeLessThan(1e-11);
    const noGdp = JSON.parse(run("solve", "--no-gdp", "--json").stdout);
    expect(Math.abs(noGdp.zStar - 79.5475634633) / 79.55).toBeLessThan(1e-11);
    const viaFlag = JSON.parse(run("solve", "--includeGdp", "false", "--json").stdout);
    expect(viaFlag.zStar).toBe(noGdp.zStar);
  });

  it("paper --json: 8 cases with name, paper and zStar", () => {
    const r = run("paper", "--json");
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; paper: number; zStar: number; difference: number }[];
    expect(rows).toHaveLength(8);
    expect(rows.map((x) => x.paper)).toEqual([117, 80, 107, 102, 180, 250, 116, 114]);
    for (const row of rows) {
      expect(typeof row.name).toBe("string");
      expect(row.difference).toBeCloseTo(row.zStar - row.paper, 12);
      expect(Math.abs(row.difference)).toBeLessThan(2.5);
    }
  });

  it("paper prints the table with the explanation of the price-case gap", () => {
    const r = run("paper");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/base\s+China 2017 base case\s+117\s+117\.1471\s+1013\.3\s+\+0\.15/);
    expect(r.stdout).toMatch(/price cases come out about 2 days below/);
  });

  it("--help for each command", () => {
    expect(run("--help").stdout).toMatch(/Commands:/);
    expect(run("solve", "--help").stdout).toMatch(/--meanDisruption\s+lambda\s+mean disruption size/);
    expect(run("paper", "--help").stdout).toMatch(/8 published cases/);
  });

  it.each([
    [["solve", "--meanDisruptoin", "3"], /Unknown option '--meanDisruptoin'/],
    [["solve", "--meanDisruption", "abc"], /invalid --meanDisruption: "abc" is not a number; allowed: 0.1 <= meanDisruption <= 10000/],
    [["solve", "--meanDisruption", "0.01"], /invalid meanDisruption: got 0.01; allowed: 0.1 <= meanDisruption <= 10000/],
    [["solve", "--backend", "gpu"], /invalid --backend: "gpu"/],
    [["solve", "--includeGdp", "maybe"], /invalid --includeGdp: "maybe"/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("%j exits 2 with a clear message", (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("README: the command-line examples", () => {
  it("print what the CLI prints (each shown line is a line of the real output)", () => {
    // Commands whose whole output is stdout: not those that write files (--out, --in) or chain a shell step.
    const commands = readmeBlocks("Command line", "").flatMap((block) => {
      const lines = block.split("\n");
      return lines.flatMap((line, i) => {
        if (!line.startsWith("$ npx optimal-reserve ") || /;|--out|--in\b/.test(line)) return [];
        const end = lines.findIndex((l, j) => j > i && l.startsWith("$ "));
        const args = line.slice("$ npx optimal-reserve ".length).replace(/\s+#.*$/, "").split(/\s+/);
        return [{ args, printed: lines.slice(i + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== "") }];
      });
    });
    expect(commands.map((c) => c.args[0])).toEqual(["solve", "elasticities", "curve", "tornado", "breakeven", "sweep", "mc"]);
    for (const { args, printed } of commands) {
      const r = run(...args);
      expect(r.status, r.stderr).toBe(0);
      const real = new Set(r.stdout.split("\n"));
      for (const line of printed) expect(real.has(line), `${args.join(" ")}: ${line}`).toBe(true);
    }
  });
});
