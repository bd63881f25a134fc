/**
 * `optimal-reserve sweep` as a long job, end to end: --out equal to stdout, --resume after a kill
 * mid-file (byte-identical to an uninterrupted run), --shard + merge = unsharded, and the
 * progress line's content.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { progressLine } from "../src/cli/job";
import { grid } from "../src/index";
import { CLI, killWhen, recordedRows, runCli as run } from "./cli-run";

let dir = "";
const path = (name: string) => join(dir, name);
/** 240,000 points: several 65,536-point chunks, so a kill lands mid-file. */
const BIG = ["--vary", "meanDisruption=5:100:480", "--vary", "fixedCost=1:6:500"];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "or-sweep-"));
  expect(run(["sweep", ...BIG, "--out", path("full.csv"), "--quiet"]).status).toBe(0);
});

describe("sweep --out, --resume, --shard", () => {
  it("--out writes what stdout would (CSV and NDJSON), with a summary on stderr", () => {
    const small = ["--vary", "meanDisruption=21,-1,31", "--vary", "fixedCost=2,6"];
    const r = run(["sweep", ...small, "--out", path("small.csv")]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/6 points solved, 2 invalid/);
    expect(readFileSync(path("small.csv"), "utf8")).toBe(run(["sweep", ...small, "--format", "csv"]).stdout);
    expect(run(["sweep", ...small, "--out", path("small.ndjson"), "--quiet"]).stderr).toBe("");
    expect(readFileSync(path("small.ndjson"), "utf8")).toBe(run(["sweep", ...small, "--format", "ndjson"]).stdout);
    const rows = readFileSync(path("full.csv"), "utf8").trim().split("\n");
    expect(rows).toHaveLength(240_001);
    const g = grid({}, { meanDisruption: [5, 100], fixedCost: [1, 6] });
    expect(Number(rows[1]!.split(",")[2])).toBe(g.zStar[0]);
    expect(Number(rows[240_000]!.split(",")[2])).toBe(g.zStar[3]);
  });

  it("CSV and NDJSON lines (built without an object per point) hold the rows --format json prints", () => {
    const axes = ["--vary", "meanDisruption=21,-1,31.5", "--vary", "fixedCost=2,6,1e21", "--vary", "horizon=200:400:3", "--shard", "1/2"];
    const rows = JSON.parse(run(["sweep", ...axes, "--format", "json"]).stdout) as Record<string, unknown>[];
    expect(rows.length).toBe(13); // 27 points, the odd ones
    expect(rows.filter((r) => r.status === "invalid").length).toBeGreaterThan(0);
    const ndjson = run(["sweep", ...axes, "--format", "ndjson"]).stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(ndjson).toEqual(rows);
    const csv = run(["sweep", ...axes, "--format", "csv"]).stdout.trim().split("\n");
    expect(csv[0]).toBe("row,meanDisruption,fixedCost,horizon,zStar,status,totalCost,error");
    const cell = (v: unknown) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    expect(csv.slice(1)).toEqual(rows.map((r) => Object.values(r).map(cell).join(",")));
  });

  it("--format json (built without an object per point) is JSON.stringify(rows, null, 2), over several slices and chunks too", () => {
    for (const axes of [
      ["--vary", "meanDisruption=21,-1,31.5", "--vary", "fixedCost=2,6,1e21", "--shard", "1/2"],
      // 70,000 points: two kernel chunks of 65,536 and many 4,096-point slices of stdout.
      ["--vary", "meanDisruption=5:100:70000"],
    ]) {
      // About 11 MB of JSON: beyond spawnSync's default 1 MiB buffer.
      const stdout = (format: string) => spawnSync(process.execPath, [CLI, "sweep", ...axes, "--format", format, "--quiet"],
        { encoding: "utf8", maxBuffer: 1 << 26 }).stdout;
      const json = stdout("json");
      const rows = stdout("ndjson").trim().split("\n").map((l) => JSON.parse(l) as unknown);
      expect(json).toBe(`${JSON.stringify(rows, null, 2)}\n`);
    }
  });

  it("--resume after a kill mid-file loses and repeats nothing", async () => {
    const out = path("killed.csv");
    await killWhen(["sweep", ...BIG, "--out", out, "--quiet"], () => recordedRows(out) > 0);
    expect(statSync(out).size).toBeLessThan(statSync(path("full.csv")).size);
    const r = run(["sweep", ...BIG, "--out", out, "--resume"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/already in/);
    expect(readFileSync(out).equals(readFileSync(path("full.csv")))).toBe(true);
    // Resuming a finished file writes nothing more.
    expect(run(["sweep", ...BIG, "--out", out, "--resume"]).stderr).toMatch(/0 points solved \(240000 already in/);
    expect(readFileSync(out).equals(readFileSync(path("full.csv")))).toBe(true);
  });

  it("bytes written after the last recorded chunk (a kill between write and record) are dropped and rewritten", () => {
    const full = readFileSync(path("full.csv"), "utf8");
    const first = run(["sweep", "--vary", "meanDisruption=5:100:480", "--vary", "fixedCost=1:6:500", "--out", path("partial.csv"), "--quiet"]);
    expect(first.status).toBe(0);
    // Roll the job record back to its first chunk, as a kill right after the second write leaves it.
    const record = JSON.parse(readFileSync(`${path("partial.csv")}.job.json`, "utf8"));
    const cut = full.split("\n").slice(0, 65_537).join("\n").length + 1;
    writeFileSync(`${path("partial.csv")}.job.json`, JSON.stringify({ ...record, bytes: cut, rows: 65_536, complete: false, sourceRows: null }));
    writeFileSync(path("partial.csv"), `${full.slice(0, cut + 5000)}`);
    const r = run(["sweep", ...BIG, "--out", path("partial.csv"), "--resume"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/174464 points solved \(65536 already in/);
    expect(readFileSync(path("partial.csv"), "utf8")).toBe(full);
  });

  it("--shard i/n over every shard, merged, equals the unsharded run; auto/n reads the job index", () => {
    const shards = [0, 1, 2].map((i) => path(`shard${i}.${i === 1 ? "ndjson" : "csv"}`));
    shards.forEach((file, i) => expect(run(["sweep", ...BIG, "--out", file, "--shard", `${i}/3`, "--quiet"]).status).toBe(0));
    const first = readFileSync(shards[0]!, "utf8").split("\n");
    expect(first[0]).toBe("row,meanDisruption,fixedCost,zStar,status,totalCost,error");
    expect(first[2]!.startsWith("3,")).toBe(true);
    expect(run(["merge", "--out", path("merged.csv"), ...shards]).status).toBe(0);
    expect(readFileSync(path("merged.csv")).equals(readFileSync(path("full.csv")))).toBe(true);
    const auto = run(["sweep", ...BIG, "--out", path("auto.csv"), "--shard", "auto/3", "--quiet"], { AWS_BATCH_JOB_ARRAY_INDEX: "2", JOB_COMPLETION_INDEX: "" });
    expect(auto.status).toBe(0);
    expect(readFileSync(path("auto.csv")).equals(readFileSync(shards[2]!))).toBe(true);
  });

  it("usage errors exit 2 with a clear message", () => {
    const cases: [string[], RegExp][] = [
      [["sweep", ...BIG, "--resume"], /--resume needs --out FILE/],
      [["sweep", ...BIG, "--out", path("x.csv"), "--format", "csv"], /with --out the file's extension/],
      [["sweep", ...BIG, "--out", path("x.txt")], /must end in .csv or .ndjson/],
      [["sweep", ...BIG, "--shard", "2/2"], /invalid --shard "2\/2": need 0 <= i < n/],
      [["sweep", "--vary", "meanDisruption=1:9:3", "--out", path("full.csv"), "--resume"], /--resume: .*full.csv is not this job's output: it was started from another input/],
      [["sweep", ...BIG, "--fixedCost", "9", "--out", path("full.csv"), "--resume"], /--resume: .*full.csv is not this job's output/],
      [["sweep", "--vary", "meanDisruption=1:2:1"], /invalid --vary "meanDisruption=1:2:1": one value cannot run from 1 to 2; give a count >= 2, or meanDisruption=1/],
      // A decimal beyond the doubles is neither Infinity nor a silent 0.
      [["sweep", "--vary", "fixedCost=1e-400,2"], /invalid --vary "fixedCost=1e-400,2": "1e-400" is beyond the range of a double \(it would be read as 0\)/],
      [["sweep", "--vary", "meanDisruption=1:1e999:3"], /"1e999" is beyond the range of a double \(it would be read as Infinity\)/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe("progress line", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows rows done of the total (resumed ones included), the rate and the ETA, and ends the line", () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const bar = progressLine(true, 1000, 400);
    bar.update(100);
    bar.update(200);
    bar.update(600);
    bar.end();
    expect(written[0]).toMatch(/^\r500\/1000 rows, \d+ rows\/s, ETA \d+ s/);
    // Within 100 ms only the final update redraws.
    expect(written.slice(1, -1)).toHaveLength(1);
    expect(written.at(-2)).toMatch(/^\r1000\/1000 rows, .*ETA 0 s/);
    expect(written.at(-1)).toBe("\n");
  });

  it("writes nothing when hidden (not a terminal, or --quiet)", () => {
    const spy = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const bar = progressLine(false, 10, 0);
    bar.update(10);
    bar.end();
    expect(spy).not.toHaveBeenCalled();
  });
});
