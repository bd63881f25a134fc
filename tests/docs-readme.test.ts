/**
 * The README's Python (pandas) and R examples, run exactly as the README prints them, against the
 * built CLI (dist/cli.js), with their z* checked against solve().
 *
 * Each block is taken from the README's "From Python and R" section, so the README and this test
 * cannot drift. The blocks call `npx optimal-reserve`, as a user who ran `npm install optimal-reserve`
 * would: the test gives them a scratch directory whose node_modules holds this package (a link to
 * the repository) and its bin. It appends one epilogue to each block that writes `results` as CSV
 * after a marker, which the test parses. Needs Debian's python3-pandas and r-base-core.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solve } from "../src/index";
import { CLI } from "./cli-run";
import { readmeBlocks } from "./readme";

const ROOT = join(__dirname, "..");
const PYTHON = "/usr/bin/python3";
const RSCRIPT = "/usr/bin/Rscript";
const MARKER = "--- results as CSV ---";
/** q0 of the base case, barrels/day: the examples' days -> barrels factor. */
const BASE_IMPORTS = 8.65e6;

/** The body of the one fenced block of `language` in the README section titled `heading`. */
function readmeBlock(heading: string, language: string): string {
  const blocks = readmeBlocks(heading, language);
  expect(blocks.length, `${language} blocks in "${heading}"`).toBe(1);
  return blocks[0]!;
}

/** Rows of the CSV printed after MARKER (plain fields, optionally double-quoted, no commas inside). */
function resultsAfterMarker(stdout: string): Record<string, string>[] {
  const at = stdout.indexOf(MARKER);
  expect(at, "epilogue marker in the output").toBeGreaterThanOrEqual(0);
  const lines = stdout.slice(at + MARKER.length).trim().split(/\r?\n/);
  const split = (line: string) => line.split(",").map((f) => f.replace(/^"(.*)"$/, "$1"));
  const header = split(lines[0]!);
  return lines.slice(1).map((line) => {
    const fields = split(line);
    expect(fields.length).toBe(header.length);
    return Object.fromEntries(header.map((name, k) => [name, fields[k]!]));
  });
}

/** The z* values the README's comment line after each example states, rounded to 3 decimals. */
function statedZStars(block: string): number[] {
  const line = block.split("\n").find((l) => l.startsWith("# zStar:"));
  expect(line, "the '# zStar:' comment of the example").toBeDefined();
  return [...line!.matchAll(/\d+\.\d+/g)].map((m) => Number(m[0]));
}

let scratch: string;

beforeAll(() => {
  expect(existsSync(CLI), "dist/cli.js (run npm run build)").toBe(true);
  for (const [tool, apt] of [[PYTHON, "python3-pandas"], [RSCRIPT, "r-base-core"]] as const) {
    expect(existsSync(tool), `${tool} is missing: apt-get install ${apt}`).toBe(true);
  }
  // What `npm install optimal-reserve` leaves in a project: the package and its bin.
  scratch = mkdtempSync(join(tmpdir(), "optimal-reserve-readme-"));
  mkdirSync(join(scratch, "node_modules", ".bin"), { recursive: true });
  symlinkSync(ROOT, join(scratch, "node_modules", "optimal-reserve"), "dir");
  symlinkSync(CLI, join(scratch, "node_modules", ".bin", "optimal-reserve"));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Run `program args` in the scratch project; npm may not go to the registry. */
function run(program: string, args: string[]) {
  const result = spawnSync(program, args, {
    cwd: scratch,
    encoding: "utf8",
    env: { ...process.env, npm_config_offline: "true", npm_config_update_notifier: "false" },
    timeout: 50_000,
  });
  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.status, `${program} failed:\n${result.stderr}`).toBe(0);
  return result;
}

/**
 * Every row: the id, status interior, z* equal to solve() with the row's parameters to `tolerance`
 * (relative), the barrels column = z* x q0, and the README's stated z* to its 3 decimals.
 */
function checkResults(rows: Record<string, string>[], stated: number[], tolerance: number): void {
  expect(rows.map((r) => r.id)).toEqual(["base", "longer disruptions", "no GDP term"]);
  expect(stated).toHaveLength(rows.length);
  rows.forEach((row, k) => {
    const expected = solve({ meanDisruption: Number(row.meanDisruption), includeGdp: row.includeGdp === "1" });
    const zStar = Number(row.zStar);
    expect(row.status).toBe("interior");
    expect(Math.abs(zStar - expected.zStar) / expected.zStar).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(Number(row.barrels) - zStar * BASE_IMPORTS) / (zStar * BASE_IMPORTS)).toBeLessThanOrEqual(tolerance);
    expect(stated[k]).toBe(Number(expected.zStar.toFixed(3)));
  });
}

describe("README: Python and R users", () => {
  it("the pandas example runs as printed and its z* equal solve()", () => {
    const block = readmeBlock("From Python and R", "python");
    const epilogue = `\nimport sys\nsys.stdout.write("\\n${MARKER}\\n")\nresults.to_csv(sys.stdout, index=False)\n`;
    const { stdout } = run(PYTHON, ["-c", block + epilogue]);
    expect(stdout).toContain("longer disruptions");
    // pandas writes floats with repr(), which round-trips: the only error is the CLI's own formatting.
    checkResults(resultsAfterMarker(stdout), statedZStars(block), 1e-15);
  });

  it("the R example runs as printed and its z* equal solve()", () => {
    const block = readmeBlock("From Python and R", "r");
    const epilogue = `\ncat("\\n${MARKER}\\n")\nwrite.csv(results, stdout(), row.names = FALSE)\n`;
    const { stdout } = run(RSCRIPT, ["-e", block + epilogue]);
    expect(stdout).toContain("longer disruptions");
    // write.csv prints 15 significant digits: a relative error below 5e-15 is all it can add.
    checkResults(resultsAfterMarker(stdout), statedZStars(block), 1e-14);
  });
});
