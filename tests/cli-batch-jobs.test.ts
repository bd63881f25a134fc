/**
 * `batch`, `sweep --out` and `merge` as jobs on real file systems: an output that is the input,
 * two writers on one output, --resume of another job, incomplete shard sets, full disks (a file
 * size limit makes writes short and then fail), kills, I/O errors and size limits.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, killWhen, recordedRows, runCli as run } from "./cli-run";

let dir = "";
const path = (name: string) => join(dir, name);
/** 30,000 rows, every 1000th invalid (meanDisruption -1). */
const ROWS = 30_000;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "or-batch-jobs-"));
  const lines = ["id,meanDisruption,fixedCost"];
  for (let i = 0; i < ROWS; i++) lines.push(`r${i},${i % 1000 === 7 ? -1 : 5 + (i % 950) / 10},${0.5 + (i % 37) / 10}`);
  writeFileSync(path("in.csv"), `${lines.join("\n")}\n`);
  expect(run(["batch", "--in", path("in.csv"), "--out", path("full.csv"), "--quiet"]).status).toBe(3);
});

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe("batch and merge as jobs", () => {
  it("refuses to write its own input (same path, a symlink, a hard link)", () => {
    symlinkSync(path("in.csv"), path("sym.csv"));
    linkSync(path("in.csv"), path("hard.csv"));
    for (const out of ["in.csv", "sym.csv", "hard.csv"]) {
      const r = run(["batch", "--in", path("in.csv"), "--out", path(out)]);
      expect(r.status, out).toBe(2);
      expect(r.stderr).toMatch(/is the same file as --in/);
    }
    expect(readFileSync(path("in.csv"), "utf8").split("\n")).toHaveLength(ROWS + 2);
  });

  it("a second writer of one output is refused, naming the process that holds it", async () => {
    const out = path("locked.csv");
    // The holder reads standard input, left open: it holds the lock until it is killed.
    const child = spawn(process.execPath, [CLI, "batch", "--in", "-", "--out", out, "--quiet"]);
    child.stdin.write("id,meanDisruption\na,42\n");
    const exited = new Promise((resolve) => child.on("exit", resolve));
    while (!existsSync(`${out}.job.json`)) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = run(["batch", "--in", path("in.csv"), "--out", out]);
    child.kill("SIGKILL");
    await exited;
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`--out ${out} is being written by process ${child.pid} on `);
    // The killed holder is dead now: its lock is taken over.
    const after = run(["batch", "--in", path("in.csv"), "--out", out]);
    expect(after.status).toBe(3);
    expect(readFileSync(out).equals(readFileSync(path("full.csv")))).toBe(true);
  });

  it("--resume of a file started with another input or other flags is refused", () => {
    writeFileSync(path("other.csv"), "id,meanDisruption,fixedCost\na,42,2\n");
    const cases: [string[], RegExp][] = [
      [["--in", path("other.csv")], /not this job's output: it was started from another input/],
      [["--in", path("in.csv"), "--fixedCost", "9"], /not this job's output: it was started with other flags/],
      [["--in", path("in.csv"), "--shard", "0/2"], /not this job's output: it holds shard none/],
    ];
    for (const [args, message] of cases) {
      const r = run(["batch", ...args, "--out", path("full.csv"), "--resume"]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    writeFileSync(path("norecord.csv"), "id,meanDisruption\n");
    expect(run(["batch", "--in", path("in.csv"), "--out", path("norecord.csv"), "--resume"]).stderr).toMatch(/has no job record/);
  });

  it("after a kill, --resume finishes the file and its exit code and summary count the invalid rows written before", async () => {
    const out = path("killed.csv");
    await killWhen(["batch", "--in", path("in.csv"), "--out", out, "--chunk", "500", "--quiet"], () => recordedRows(out) >= 5000);
    const done = recordedRows(out);
    const r = run(["batch", "--in", path("in.csv"), "--out", out, "--resume"]);
    expect(r.status).toBe(3);
    const before = Math.floor((done - 8) / 1000) + 1;
    expect(r.stderr).toContain(`${ROWS - done} rows solved (${done} already in ${out}, ${before} of them invalid), 30 invalid in the whole file`);
    expect(readFileSync(out).equals(readFileSync(path("full.csv")))).toBe(true);
  });

  it("a short or failed write (file size limit) stops with the path and reason; --resume then continues exactly", () => {
    const out = path("limited.csv");
    // ulimit -f counts 512-byte blocks: 800 KB, about half of the output.
    const limited = spawnSync("bash", ["-c", `ulimit -f 1600; exec "${process.execPath}" "${CLI}" batch --in "${path("in.csv")}" --out "${out}" --quiet`], { encoding: "utf8" });
    expect(limited.status).toBe(2);
    expect(limited.stderr).toMatch(new RegExp(`cannot write ${out}: file too large \\(a file size limit was reached\\) \\(EFBIG\\)`));
    noStack(limited.stderr);
    expect(recordedRows(out)).toBeGreaterThan(0);
    const r = run(["batch", "--in", path("in.csv"), "--out", out, "--resume", "--quiet"]);
    expect(r.status).toBe(3);
    expect(readFileSync(out).equals(readFileSync(path("full.csv")))).toBe(true);
  });

  it("merge refuses an incomplete or duplicated set, naming what is missing, and an output that is an input", () => {
    const shards = [0, 1, 2, 3].map((i) => path(`part${i}.csv`));
    shards.forEach((file, i) => run(["batch", "--in", path("in.csv"), "--out", file, "--shard", `${i}/4`, "--quiet"]));
    const cases: [string[], RegExp][] = [
      [[shards[0]!, shards[1]!, shards[3]!], /incomplete set: shard 2\/4 missing \(given: 0\/4, 1\/4, 3\/4\)/],
      [[shards[0]!, shards[1]!, shards[1]!, shards[2]!, shards[3]!], /shard 1\/4 is given twice/],
      [[path("full.csv")], /has no shard job record/],
    ];
    for (const [files, message] of cases) {
      const r = run(["merge", "--out", path("merged.csv"), ...files]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const self = run(["merge", "--out", shards[0]!, ...shards]);
    expect(self.status).toBe(2);
    expect(self.stderr).toMatch(/--out .* is also an input/);
    expect(run(["merge", "--out", path("merged.csv"), ...shards]).status).toBe(3);
    expect(readFileSync(path("merged.csv")).equals(readFileSync(path("full.csv")))).toBe(true);
    // A shard of another job (other flags) does not complete the set.
    run(["batch", "--in", path("in.csv"), "--out", path("alien.csv"), "--shard", "2/4", "--fixedCost", "3", "--quiet"]);
    expect(run(["merge", "--out", path("m2.csv"), shards[0]!, shards[1]!, path("alien.csv"), shards[3]!]).stderr).toMatch(/is a shard of another job/);
    // A shard cut short (or grown) after it was written, with its record copied along, is refused by name.
    const text = readFileSync(shards[2]!, "utf8");
    writeFileSync(path("part2t.csv"), text.split("\n").slice(0, 5).join("\n") + "\n");
    writeFileSync(path("part2t.csv.job.json"), readFileSync(`${shards[2]!}.job.json`));
    const cut = run(["merge", "--out", path("m3.csv"), shards[0]!, shards[1]!, path("part2t.csv"), shards[3]!]);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/part2t\.csv \(shard 2\/4\) has \d+ bytes but its job record .* says \d+ bytes in 7500 rows; it was truncated/);
    writeFileSync(path("part2t.csv"), `${text}extra,row\n`);
    expect(run(["merge", "--out", path("m3.csv"), shards[0]!, shards[1]!, path("part2t.csv"), shards[3]!]).stderr).toMatch(/it was changed since/);
    // Same size, one row fewer (two lines joined): refused by the row count, no merged file left.
    const joined = text.lastIndexOf("\n", text.length - 2);
    writeFileSync(path("part2t.csv"), `${text.slice(0, joined)}x${text.slice(joined + 1)}`);
    const same = run(["merge", "--out", path("m4.csv"), shards[0]!, shards[1]!, path("part2t.csv"), shards[3]!]);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/part2t\.csv holds 7499 rows but its job record .* says 7500; it was changed/);
    expect(existsSync(path("m4.csv"))).toBe(false);
  });

  it("I/O errors print the path and the reason, exit 2, no stack trace", () => {
    mkdirSync(path("adir"));
    const cases: [string[], RegExp][] = [
      [["batch", "--in", path("missing.csv"), "--out", path("x.csv")], /cannot open .*missing.csv: no such file or directory \(ENOENT\)/],
      [["batch", "--in", path("in.csv"), "--out", path("no/such/dir.csv")], /cannot write .*no\/such\/dir.csv: no such file or directory \(ENOENT\)/],
      [["batch", "--in", path("adir.csv"), "--out", path("x.csv")], /cannot open .*adir.csv: no such file/],
      [["sweep", "--vary", "meanDisruption=1:9:3", "--out", "/proc/version.csv"], /cannot write \/proc\/version.csv: /],
    ];
    mkdirSync(path("adir.csv"));
    cases[2] = [["batch", "--in", path("adir.csv"), "--out", path("x.csv")], /cannot read .*adir.csv: is a directory \(EISDIR\)/];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      noStack(r.stderr);
    }
    // A job record that cannot be written names the output file and removes its temporary file.
    mkdirSync(path("rec.csv.job.json"));
    const record = run(["batch", "--in", path("in.csv"), "--out", path("rec.csv"), "--quiet"]);
    expect(record.status).toBe(2);
    expect(record.stderr).toMatch(/^optimal-reserve batch: cannot write .*rec\.csv \(its job record .*rec\.csv\.job\.json\): is a directory \(EISDIR\)\n$/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // A merge error is said once, after the command's name.
    const merge = run(["merge", "--out", path("m9.csv"), path("full.csv")]);
    expect(merge.stderr).toMatch(/^optimal-reserve merge: .*full\.csv has no shard job record/);
    expect(merge.stderr).not.toMatch(/merge: merge:/);
  });

  it("--params: invalid JSON is reported by position only (never its content); /dev/zero is refused by size", () => {
    writeFileSync(path("p.json"), '{\n  "meanDisruption": 42,\n  secret-text\n}');
    const r = run(["solve", "--params", path("p.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--params .*p.json is not JSON \(line 3, column 3/);
    expect(r.stderr).not.toContain("secret");
    const zero = run(["solve", "--params", "/dev/zero"]);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--params \/dev\/zero is larger than 1 MiB/);
  });
});

describe("sizes: stream or refuse up front", () => {
  it("a sweep axis beyond the limit, and mc beyond its sample limit, are refused at once", () => {
    const sweep = run(["sweep", "--vary", "meanDisruption=1:100:300000000", "--format", "csv"]);
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/300000000 values on one axis; the limit is 10000000/);
    const mc = run(["mc", "--dist", "meanDisruption=uniform:10:30", "--samples", "1000000000"]);
    expect(mc.status).toBe(2);
    expect(mc.stderr).toMatch(/invalid --samples 1000000000: the limit is 10000000/);
  });

  it("--format table renders 200,000 points; beyond its limit it is refused with the formats that stream", () => {
    const table = spawnSync(process.execPath, [CLI, "sweep", "--vary", "meanDisruption=5:100:400", "--vary", "fixedCost=1:6:500", "--quiet"], { encoding: "utf8", maxBuffer: 1 << 30 });
    expect(table.status).toBe(0);
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(200_002);
    const big = run(["sweep", "--vary", "meanDisruption=5:100:1000", "--vary", "fixedCost=1:6:1000"]);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/--format table takes at most .*use --format csv, ndjson or json/);
  });

  it("--format json streams chunk by chunk and prints the same array as one JSON document", () => {
    const small = ["--vary", "meanDisruption=21,-1,31", "--vary", "fixedCost=2,6"];
    const json = run(["sweep", ...small, "--format", "json"]);
    const ndjson = run(["sweep", ...small, "--format", "ndjson"]).stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(json.stdout).toBe(`${JSON.stringify(ndjson, null, 2)}\n`);
    // 400,000 points in a 96 MB heap: whole-array rendering needs several times that.
    const r = spawnSync(process.execPath, ["--max-old-space-size=96", CLI, "sweep", "--vary", "meanDisruption=5:100:800", "--vary", "fixedCost=1:6:500", "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 30 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { meanDisruption: number; fixedCost: number }[];
    expect(rows).toHaveLength(400_000);
    expect(rows[399_999]).toMatchObject({ meanDisruption: 100, fixedCost: 6 });
  });
});
