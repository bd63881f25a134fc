/**
 * The command table and the flags the commands share, run in-process through the registry (the
 * table the built CLI dispatches on): negative values, --json, --stock, elasticities, z* in units
 * of the commodity, --params errors.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { elasticities, monteCarlo, solve } from "../src/index";
import { IoError, PARAMETER_OPTIONS, PARAMS_FILE_LIMIT, UsageError, parse, readParamsFile } from "../src/cli/args";
import { FORMAT_OPTIONS } from "../src/cli/analysis-flags";
import { COMMANDS, findCommand, mainHelp } from "../src/cli/registry";
import { PARAMETER_SPECS } from "../src/params";

/** A command's whole stdout, as the CLI would print it. */
async function run(name: string, ...argv: string[]): Promise<string> {
  const out = await findCommand(name)!.run(argv);
  if (typeof out === "string") return out;
  if (!("next" in out)) throw new Error(`${name} wrote a file, not stdout`);
  const parts: string[] = [];
  for (let step = out.next(); !step.done; step = out.next()) if (step.value !== "") parts.push(step.value);
  return parts.join("\n");
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("negative values with a space", () => {
  it.each(PARAMETER_SPECS.map((s) => s.name))("--%s -0.25 and --name=-0.25 both give the value", (name) => {
    expect(parse([`--${name}`, "-0.25"], PARAMETER_OPTIONS).values[name]).toBe("-0.25");
    expect(parse([`--${name}=-0.25`], PARAMETER_OPTIONS).values[name]).toBe("-0.25");
  });

  it("every value-taking flag of the analysis commands takes a negative number", () => {
    const options = { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, seed: { type: "string" as const }, from: { type: "string" as const } };
    const { values } = parse(["--seed", "-3", "--from", "-1e-3", "--elasticity", "-.5", "--json"], options);
    expect([values.seed, values.from, values.elasticity, values.format]).toEqual(["-3", "-1e-3", "-.5", "json"]);
  });

  it("solve --elasticity -0.2 solves at -0.2; a negative where none is allowed is a range error, not 'ambiguous'", async () => {
    const s = JSON.parse(await run("solve", "--elasticity", "-0.2", "--json"));
    expect(s.zStar).toBe(solve({ elasticity: -0.2 }).zStar);
    await expect(run("solve", "--stock", "-5")).rejects.toThrow(/invalid currentStock: got -5; allowed: 0 <= currentStock <= horizon/);
    await expect(run("solve", "--meanDisruption", "-1")).rejects.toThrow(/invalid meanDisruption: got -1/);
  });

  it("a flag still needs its value: a following flag is not taken as one", () => {
    expect(() => parse(["--elasticity", "--json"], { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS })).toThrow(UsageError);
  });

  it("numbers are plain decimals: hex, trailing text and values beyond a double are refused, quoted", async () => {
    await expect(run("solve", "--meanDisruption", "0x10")).rejects.toThrow(/invalid --meanDisruption: "0x10" is not a number/);
    await expect(run("curve", "--points", "0x10")).rejects.toThrow(/invalid --points: "0x10"/);
    await expect(run("solve", "--stock", "1e-400")).rejects.toThrow(/invalid --stock: "1e-400"; allowed: a number$/);
    await expect(run("solve", "--fixedCost", "12abc")).rejects.toThrow(/invalid --fixedCost: "12abc" is not a number/);
    await expect(run("solve", "--interestRate", "1e-400")).rejects.toThrow(/invalid --interestRate: "1e-400" is beyond the range of a double \(it would be read as 0\)/);
    await expect(run("solve", "--gdp", "1e400")).rejects.toThrow(/invalid --gdp: "1e400" is beyond the range of a double \(it would be read as Infinity\)/);
    expect(JSON.parse(await run("solve", "--fixedCost", "0e5", "--json")).zStar).toBe(solve({ fixedCost: 0 }).zStar);
  });
});

/** Arguments of a small run of every command that accepts --json; null: the command refuses --json. */
const JSON_CASES: Record<string, string[] | null> = {
  solve: ["--stock", "90"],
  elasticities: [],
  paper: [],
  curve: ["--points", "4"],
  sweep: ["--vary", "meanDisruption=20,30"],
  tornado: ["--range", "meanDisruption=10:30"],
  mc: ["--dist", "meanDisruption=uniform:15:30", "--samples", "50"],
  breakeven: ["--param", "meanDisruption", "--stock", "80"],
  batch: null,
  merge: null,
  teisberg: [],
  coordinate: ["--preset", "iea2022"],
  release: ["--preset", "iea2022", "--release", "US=50"],
  strategy: ["steady", "--onsetRate", "0.5", "--meanDuration", "180", "--maxFillRate", "0.1", "--maxDrawdownRate", "0.35", "--capacity", "117"],
  templates: ["--template", "gallium"],
};

describe("--json is --format json on every command that accepts it", () => {
  it("the table above covers every command of the registry", () => {
    expect(Object.keys(JSON_CASES).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it.each(Object.entries(JSON_CASES))("%s", async (name, args) => {
    if (args === null) {
      await expect(run(name, "--json")).rejects.toThrow(/Unknown option '--json'/);
      return;
    }
    const json = await run(name, ...args, "--json");
    expect(() => JSON.parse(json)).not.toThrow();
    expect(JSON.parse(json)).toEqual(JSON.parse(await run(name, ...args, "--format", "json")));
    await expect(run(name, ...args, "--json", "--format", "csv")).rejects.toThrow(/--json contradicts --format csv/);
  });
});

describe("the command registry", () => {
  it("the main help lists every command with its summary", () => {
    const help = mainHelp();
    for (const c of COMMANDS) expect(help).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[()*|]/g, "\\$&")}$`, "m"));
    expect(help).toMatch(/--version/);
  });

  it("each command's --help is its registry help", async () => {
    for (const c of COMMANDS) expect(await run(c.name, "--help")).toBe(c.help);
  });
});

describe("solve --stock, z* in units, elasticities", () => {
  it("Solution.zStarUnits = z* x imports (about 1.013e9 barrels in the base case)", () => {
    const s = solve();
    expect(s.zStarUnits).toBe(s.zStar * 8.65e6);
    expect(rel(s.zStarUnits, 117.1470521273 * 8.65e6)).toBeLessThan(1e-11);
    expect(solve({ imports: 1e5 }).zStarUnits).toBe(solve({ imports: 1e5 }).zStar * 1e5);
  });

  it("solve --stock reports the library's gain over the stock in every format", async () => {
    const lib = solve({}, { currentStock: 90 });
    const json = JSON.parse(await run("solve", "--stock", "90", "--format", "json"));
    expect(json.gainOverCurrentStock).toBe(lib.gainOverCurrentStock);
    expect(json.zStarUnits).toBe(lib.zStarUnits);
    expect(json.currentStock).toBe(90);
    expect("currentStock" in JSON.parse(await run("solve", "--format", "json"))).toBe(false);
    const [header, row] = (await run("solve", "--stock", "90", "--format", "csv")).split("\n").map((l) => l.split(","));
    expect(Number(row![header!.indexOf("gainOverCurrentStock")])).toBe(lib.gainOverCurrentStock);
    expect(Number(row![header!.indexOf("currentStock")])).toBe(90);
    const nd = JSON.parse(await run("solve", "--stock", "90", "--format", "ndjson"));
    expect(nd.gainOverCurrentStock).toBe(lib.gainOverCurrentStock);
    const table = await run("solve", "--stock", "90");
    expect(table).toMatch(/gain over stock +S\(z0\)-S\(z\*\) += 1,213,\d{3},\d{3}(\.\d+)? USD\/yr \(moving from z0 = 90 days to z\*\)/);
    expect(table).toMatch(/in units +z\* x q0 += 1,013,322,\d{3}(\.\d+)? units of the commodity/);
    expect(await run("solve")).not.toMatch(/gain over stock/);
    await expect(run("solve", "--stock", "400")).rejects.toThrow(/invalid currentStock: got 400; allowed: 0 <= currentStock <= horizon = 365/);
  });

  it("elasticities equals the library's in every format", async () => {
    const lib = elasticities({ meanDisruption: 31 });
    const json = JSON.parse(await run("elasticities", "--meanDisruption", "31", "--format", "json"));
    expect(json.rows).toEqual(JSON.parse(JSON.stringify(lib.rows)));
    expect(json.zStar).toBe(lib.zStar);
    const csv = (await run("elasticities", "--meanDisruption", "31", "--format", "csv")).split("\n").map((l) => l.split(","));
    expect(csv[0]).toEqual(["name", "value", "derivative", "elasticity", "status"]);
    expect(csv.slice(1).map((r) => [r[0], Number(r[3]), r[4]])).toEqual(lib.rows.map((r) => [r.name, r.elasticity, "interior"]));
    const nd = (await run("elasticities", "--meanDisruption", "31", "--format", "ndjson")).split("\n").map((l) => JSON.parse(l));
    expect(nd.map((r) => r.derivative)).toEqual(lib.rows.map((r) => r.derivative));
    expect(nd.every((r) => r.status === "interior" && !("note" in r))).toBe(true);
    expect(json.status).toBe("interior");
    expect(json.note).toBeUndefined();
    const table = await run("elasticities");
    expect(table).toMatch(/^meanDisruption +21 +6\.\d+ +1\.\d+$/m);
    expect(table).toMatch(/\(status interior\)/);
    expect(table).not.toMatch(/note:/);
  });

  it("elasticities says the status and a corner note in every format (z* = H: dz*/dH = 1)", async () => {
    const flags = ["--importDependence", "1"];
    const json = JSON.parse(await run("elasticities", ...flags, "--format", "json"));
    expect([json.status, json.zStar]).toEqual(["unbounded", 365]);
    expect(json.note).toMatch(/^corner z\* = H .*dz\*\/dH = 1/);
    expect(json.rows.find((r: { name: string }) => r.name === "horizon").derivative).toBe(1);
    const csv = (await run("elasticities", ...flags, "--format", "csv")).split("\n");
    expect(csv[0]).toBe("name,value,derivative,elasticity,status,note");
    expect(csv.slice(1).every((l) => l.includes(",unbounded,") && l.includes("corner z* = H"))).toBe(true);
    const nd = (await run("elasticities", ...flags, "--format", "ndjson")).split("\n").map((l) => JSON.parse(l));
    expect(nd.every((r) => r.status === "unbounded" && r.note === json.note)).toBe(true);
    const table = await run("elasticities", ...flags);
    expect(table).toMatch(/\(status unbounded\)/);
    expect(table).toContain(`note: ${json.note}`);
    const zero = JSON.parse(await run("elasticities", "--no-gdp", "--priceFloor", "50.8", "--format", "json"));
    expect([zero.status, zero.note]).toEqual(["zero", "corner z* = 0: z* does not move locally, every derivative is 0"]);
  });

  it("paper gives z* in million barrels and every format", async () => {
    const rows = JSON.parse(await run("paper", "--json"));
    expect(rows[0].zStarUnits).toBe(solve().zStarUnits);
    const csv = (await run("paper", "--format", "csv")).split("\n");
    expect(csv).toHaveLength(9);
    expect(csv[0]).toBe("name,change,paper,zStar,zStarUnits,difference,status,backend");
  });
});

describe("mc", () => {
  // Floors above the base price 50.8 are invalid draws (if the library comes to truncate such laws
  // instead, there are none and the CLI must then say nothing).
  it("says on stderr how many samples were invalid and left out, and nothing when none were", async () => {
    const lib = monteCarlo({}, { priceFloor: { type: "uniform", min: 10, max: 80 } }, { samples: 400, seed: 2 });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const out = JSON.parse(await run("mc", "--dist", "priceFloor=uniform:10:80", "--samples", "400", "--seed", "2", "--json"));
      expect(out.invalidSamples).toBe(lib.invalidSamples);
      const lines = stderr.mock.calls.map((c) => String(c[0]));
      expect(lines).toEqual(lib.invalidSamples === 0 ? []
        : [`optimal-reserve mc: ${lib.invalidSamples} of 400 samples were invalid parameter sets and left out of the statistics\n`]);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe("--params FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "or-params-"));

  it("not JSON: says where, never what the file holds", () => {
    const file = join(dir, "secret.txt");
    writeFileSync(file, '{"meanDisruption": 21,\n  password=hunter2 }');
    let message = "";
    try {
      readParamsFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message).toBe(`--params ${file} is not JSON (line 2, column 3: InvalidSymbol); it must hold one JSON object of parameters`);
    expect(message).not.toMatch(/hunter2|password/);
  });

  it("missing, a directory, too large, not an object: the path and the reason", () => {
    expect(() => readParamsFile(join(dir, "none.json"))).toThrow(new IoError(`cannot read --params ${join(dir, "none.json")}: no such file or directory (ENOENT)`));
    expect(() => readParamsFile(dir)).toThrow(/cannot read --params .*: illegal operation on a directory \(EISDIR\)/);
    const big = join(dir, "big.json");
    writeFileSync(big, `{"a":"${"x".repeat(PARAMS_FILE_LIMIT)}"}`);
    expect(() => readParamsFile(big)).toThrow(/is larger than 1 MiB \(the limit for a parameter file\)/);
    expect(() => readParamsFile("/dev/zero")).toThrow(/is larger than 1 MiB/);
    const list = join(dir, "list.json");
    writeFileSync(list, "[21]");
    expect(() => readParamsFile(list)).toThrow(/must hold a JSON object of parameters \(it holds an array\)/);
  });

  it("a UTF-8 byte-order mark is skipped", () => {
    const file = join(dir, "bom.json");
    writeFileSync(file, '\uFEFF{"meanDisruption": 31}');
    expect(readParamsFile(file)).toEqual({ meanDisruption: 31 });
  });
});

describe("one rule per value, as in files and the library", () => {
  it("--includeGdp takes the spellings a CSV cell takes; --stock out of range gets the library's one stock message", async () => {
    expect(JSON.parse(await run("solve", "--includeGdp", "FALSE", "--json")).zStar).toBe(solve({ includeGdp: false }).zStar);
    expect(JSON.parse(await run("solve", "--includeGdp", "yes", "--json")).zStar).toBe(solve().zStar);
    await expect(run("solve", "--includeGdp", "maybe")).rejects.toThrow(/invalid --includeGdp: "maybe"; allowed: true\/false, yes\/no/);
    for (const stock of ["-5", "400"]) {
      await expect(run("solve", "--stock", stock)).rejects.toThrow(new RegExp(`^invalid currentStock: got ${stock}; allowed: 0 <= currentStock <= horizon = 365 \\(days\\)$`));
    }
  });
});

describe("a flag given twice", () => {
  it("is refused rather than silently taking the last value", async () => {
    await expect(run("solve", "--price", "50", "--price", "60")).rejects.toThrow(/^--price is given more than once; give it once$/);
    await expect(run("solve", "--stock", "80", "--stock=90")).rejects.toThrow(/^--stock is given more than once/);
  });
});
