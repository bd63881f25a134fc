/**
 * `batch --workers n` reads, solves and formats in worker threads, the main thread only cutting
 * the input into records' bytes: every output must equal the single thread's byte for byte (and
 * the exit code and summary too), for the awkward inputs: a byte-order mark, CRLF and CR-only
 * line ends, blank lines, quoted cells and a quoted header over several lines, bad rows of every
 * kind, lines across the reader's 1 MiB blocks, NDJSON, shards, --resume, standard input/output.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, killWhen, recordedRows, runCli as run } from "./cli-run";

let dir = "";
const path = (name: string) => join(dir, name);

/** stderr without the elapsed time and worker count of the summary line. */
const summaryOf = (stderr: string) => stderr.replace(/, [\d.]+ s( on \d+ workers?)?\n/g, "\n");

/**
 * Run batch on `input` single-threaded and with --workers 1, 2 and 3 (each also with `extra`
 * flags), and expect the same output bytes, exit code and stderr; returns the single thread's run.
 * The outputs are `out` with -single, -w1, -w2, -w3 before its extension.
 */
function sameAtEveryWorkerCount(input: string, out: string, extra: string[] = []) {
  const named = (tag: string) => path(out.replace(/\.(\w+)$/, `-${tag}.$1`));
  const single = run(["batch", "--in", path(input), "--out", named("single"), ...extra]);
  // A refused run (usage or I/O error) may leave no file (or only a header): "" then.
  const read = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));
  const expected = read(named("single"));
  for (const workers of ["1", "2", "3"]) {
    const file = named(`w${workers}`);
    const r = run(["batch", "--in", path(input), "--out", file, "--workers", workers, ...extra]);
    expect(r.status, `--workers ${workers}: ${r.stderr}`).toBe(single.status);
    expect(summaryOf(r.stderr)).toBe(summaryOf(single.stderr));
    const got = read(file);
    expect(got.equals(expected), `--workers ${workers} output differs:\n${got}\n---\n${expected}`).toBe(true);
  }
  return { ...single, output: expected.toString("utf8") };
}

/** The mixed CSV: BOM, CRLF, a header cell quoted over two lines, blank lines and bad rows. */
const MIXED = "\ufeffid,meanDisruption,\"elas\r\nticity\",price,currentStock\r\n" +
  "1,21,-0.1,50,90\r\n" +
  "\r\n" +
  "2,abc,-0.1,50,\r\n" + // not a number
  "3,\"2\"\"1\",-0.2,60,80\r\n" + // quoted, with an escaped quote
  "4,\"3\r\n0\",-0.1,50,\r\n" + // a cell over two lines
  "   \r\n" + // blank
  "5,40,-0.1\r\n" + // too few cells
  "6,40,-0.1,50,7,8\r\n" + // too many
  "7,-5,-0.1,50,1\r\n" + // out of range
  "8,25,\"-0.15\",55,-3\r\n" + // a bad stock
  "\"9, quoted id\",31,-0.1,52,\r\n" +
  "10,\"oops,21,-0.1,50,\r\n" + // a quote never closed: the rest of the file is one record
  "11,21,-0.1,50,\r\n";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "or-batch-workers-"));
  writeFileSync(path("mixed.csv"), MIXED);
  writeFileSync(path("closed.csv"), MIXED.replace('10,"oops,', "10,oops,"));
  // CR-only line ends, no line end after the last row.
  writeFileSync(path("cr.csv"), "meanDisruption;fixedCost\r21;2.5\r\r-4;2\r\"3\r1\";1\r42;x");
  // About 2.3 MiB: lines cross the 1 MiB blocks, some quoted over a line end, some bad.
  const rows = ["id,meanDisruption,fixedCost"];
  for (let i = 0; i < 14_000; i++) {
    const id = i % 97 === 0 ? `"row ${i}\nsecond line, with a comma"` : `row-${i}-${"x".repeat(i % 300)}`;
    rows.push(`${id},${i % 389 === 0 ? "bad" : 5 + (i % 950) / 10},${0.5 + (i % 37) / 10}`);
  }
  writeFileSync(path("blocks.csv"), `${rows.join("\r\n")}\r\n`);
  writeFileSync(path("in.ndjson"), "\ufeffnot json\n" + '[1,2]\n{"meanDisruption":31,"note":"a"}\n\n' +
    '{"meanDisruption":"x"}\n{"meanDisruption":42,"includeGdp":false,"currentStock":50,"fixedCost":3}\n{"elasticity":-0.2}\r\n');
});

describe("batch --workers: the same bytes as one thread", () => {
  it("bad rows, quoted lines, CRLF and a byte-order mark, at --workers 1, 2 and 3 (chunks of 2 rows and the default)", () => {
    for (const chunk of [["--chunk", "2"], []]) {
      const r = sameAtEveryWorkerCount("mixed.csv", `mixed${chunk.length}.csv`, chunk);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/10 rows solved, 8 invalid/);
      expect(r.output).toMatch(/^id,meanDisruption,"elas\nticity",price,currentStock,zStar,/);
      expect(r.output).toContain("a quoted cell is not closed before the end of the file");
    }
  });

  it("--stock, a closed file, CR-only line ends, lines across read blocks", () => {
    expect(sameAtEveryWorkerCount("closed.csv", "closed.csv", ["--stock", "60", "--chunk", "3"]).stderr).toMatch(/11 rows solved, 8 invalid/);
    expect(sameAtEveryWorkerCount("cr.csv", "cr.csv").stderr).toMatch(/4 rows solved, 3 invalid/);
    expect(statSync(path("blocks.csv")).size).toBeGreaterThan(1 << 21);
    expect(sameAtEveryWorkerCount("blocks.csv", "blocks.csv", ["--chunk", "1000", "--quiet"]).status).toBe(3);
  });

  it("NDJSON in, CSV and NDJSON out; --strict and an empty file fail with the same message", () => {
    sameAtEveryWorkerCount("in.ndjson", "nd.csv");
    const r = sameAtEveryWorkerCount("in.ndjson", "nd.ndjson");
    expect(r.output.split("\n")[0]).toContain("not valid JSON");
    const strict = sameAtEveryWorkerCount("mixed.csv", "strict.csv", ["--strict"]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/column "id" is not a parameter/);
    writeFileSync(path("empty.csv"), "\r\n\r\n");
    expect(sameAtEveryWorkerCount("empty.csv", "empty.csv").stderr).toMatch(/is empty \(a CSV needs a header line\)/);
    writeFileSync(path("latin1.csv"), Buffer.from("meanDisruption,id\n21,a\n22,caf\xe9\n", "latin1"));
    expect(sameAtEveryWorkerCount("latin1.csv", "latin1.csv").stderr).toMatch(/line 3 is not UTF-8 \(byte 0xE9\)/);
  });

  it("--shard i/n: each shard as one thread writes it", () => {
    for (const shard of ["0/3", "2/3"]) {
      sameAtEveryWorkerCount("mixed.csv", `shard${shard[0]}.csv`, ["--shard", shard, "--chunk", "1"]);
      sameAtEveryWorkerCount("blocks.csv", `bshard${shard[0]}.csv`, ["--shard", shard, "--quiet"]);
    }
  });

  it("standard input and output", () => {
    const input = readFileSync(path("mixed.csv"));
    const args = ["batch", "--in", "-", "--out", "-", "--quiet"];
    const single = spawnSync(process.execPath, [CLI, ...args], { input });
    const workers = spawnSync(process.execPath, [CLI, ...args, "--workers", "2", "--chunk", "2"], { input });
    expect(workers.status).toBe(3);
    expect(workers.stdout.equals(single.stdout)).toBe(true);
  });

  it("standard output into a pipe read slower than it is written: waits, never EAGAIN", async () => {
    // Worker threads make fd 1 a non-blocking pipe: with the reader paused, the pipe fills and
    // writeSync fails with EAGAIN unless the writer waits. 20,000 rows is about 1.7 MB of output,
    // far more than a pipe (64 KiB) and the reader's buffer hold.
    const rows = ["meanDisruption,fixedCost"];
    for (let i = 0; i < 20_000; i++) rows.push(`${5 + (i % 950) / 10},${0.5 + (i % 37) / 10}`);
    writeFileSync(path("slow.csv"), `${rows.join("\n")}\n`);
    const args = ["batch", "--in", path("slow.csv"), "--out", "-", "--quiet"];
    const expected = spawnSync(process.execPath, [CLI, ...args], { maxBuffer: 1 << 26 }).stdout;
    expect(expected.length).toBeGreaterThan(1_000_000);
    const child = spawn(process.execPath, [CLI, ...args, "--workers", "2"]);
    child.stdout.pause();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => setTimeout(resolve, 700));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stdout.resume();
    const status = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const got = Buffer.concat(chunks);
    expect(got.length).toBe(expected.length);
    expect(got.equals(expected)).toBe(true);
  });

  it("--resume after a kill mid-file finishes the file as one uninterrupted run writes it", async () => {
    // Long enough (about 1 s) for the job record to show rows before the end.
    const rows = ["meanDisruption,fixedCost,id"];
    for (let i = 0; i < 100_000; i++) rows.push(`${i % 401 === 0 ? "x" : 5 + (i % 950) / 10},${0.5 + (i % 37) / 10},${i % 113 === 0 ? `"a\r\nb"` : i}`);
    writeFileSync(path("long.csv"), `${rows.join("\r\n")}\r\n`);
    expect(run(["batch", "--in", path("long.csv"), "--out", path("long-ref.csv"), "--quiet"]).status).toBe(3);
    const out = path("killed.csv");
    const args = ["batch", "--in", path("long.csv"), "--out", out, "--workers", "2", "--chunk", "500", "--quiet"];
    await killWhen(args, () => recordedRows(out) > 5000);
    expect(recordedRows(out)).toBeLessThan(100_000);
    const r = run([...args.slice(0, -1), "--resume"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/already in .*killed\.csv/);
    expect(readFileSync(out).equals(readFileSync(path("long-ref.csv")))).toBe(true);
  });
});
