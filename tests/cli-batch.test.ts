/**
 * `optimal-reserve batch` and `merge` end to end: bad rows flagged in place, NDJSON, --resume after
 * a kill mid-file (byte-identical to an uninterrupted run), --shard + merge = unsharded.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { solve } from "../src/index";
import { killWhen, recordedRows, runCli as run } from "./cli-run";
import { readmeBlocks } from "./readme";

let dir = "";
const path = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "or-batch-"));
  writeFileSync(path("small.csv"), "id,meanDisruption,fixedCost,includeGdp\na,21,2.5,true\nb,-1,2.5,true\nc,31,x,false\nd,42,2.5,1\n");
  const lines = ["meanDisruption,fixedCost"];
  for (let i = 0; i < 120_000; i++) lines.push(`${5 + (i % 950) / 10},${0.5 + (i % 37) / 10}`);
  writeFileSync(path("big.csv"), `${lines.join("\n")}\n`);
  expect(run(["batch", "--in", path("big.csv"), "--out", path("full.csv"), "--quiet"]).status).toBe(0);
});

describe("batch", () => {
  it("solves every row, flags bad rows in place with a reason, exits 3, summary on stderr", () => {
    const r = run(["batch", "--in", path("small.csv"), "--out", path("small-out.csv")]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/4 rows solved, 2 invalid/);
    const lines = readFileSync(path("small-out.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("id,meanDisruption,fixedCost,includeGdp,zStar,zStarUnits,status,totalCost,error");
    const a = solve({});
    expect(lines[1]).toBe(`a,21,2.5,true,${a.zStar},${a.zStarUnits},interior,${a.totalCost},`);
    expect(lines[2]).toMatch(/^b,-1,2.5,true,,,invalid,,"invalid meanDisruption: got -1; allowed: 0.1 <= meanDisruption <= 10000.*; cell: ""-1"""$/);
    expect(lines[3]).toMatch(/^c,31,x,false,,,invalid,,"invalid fixedCost: ""x"" is not a number; allowed: /);
    const d = solve({ meanDisruption: 42 });
    expect(lines[4]).toBe(`d,42,2.5,1,${d.zStar},${d.zStarUnits},interior,${d.totalCost},`);
  });

  it("reads and writes NDJSON, taking base values from flags", () => {
    writeFileSync(path("in.ndjson"), '{"meanDisruption":31}\n{"meanDisruption":42,"includeGdp":false}\n');
    const r = run(["batch", "--in", path("in.ndjson"), "--out", path("out.ndjson"), "--fixedCost", "3", "--quiet"]);
    expect(r.status).toBe(0);
    const rows = readFileSync(path("out.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rows[0].zStar).toBe(solve({ meanDisruption: 31, fixedCost: 3 }).zStar);
    expect(rows[1].zStar).toBe(solve({ meanDisruption: 42, fixedCost: 3, includeGdp: false }).zStar);
  });

  it("--workers 2 writes the same file as a single thread", () => {
    const r = run(["batch", "--in", path("big.csv"), "--out", path("workers.csv"), "--workers", "2", "--chunk", "5000"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/120000 rows solved, 0 invalid, .* on 2 workers/);
    expect(readFileSync(path("workers.csv")).equals(readFileSync(path("full.csv")))).toBe(true);
  });

  it("--resume after a kill mid-file loses and repeats nothing", async () => {
    const out = path("killed.csv");
    await killWhen(["batch", "--in", path("big.csv"), "--out", out, "--chunk", "500", "--quiet"], () => recordedRows(out) > 20_000);
    const partial = statSync(out).size;
    expect(partial).toBeLessThan(statSync(path("full.csv")).size);
    const r = run(["batch", "--in", path("big.csv"), "--out", out, "--resume"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/already in/);
    expect(readFileSync(out).equals(readFileSync(path("full.csv")))).toBe(true);
  });

  it("--shard i/n over every shard, merged, equals the unsharded run; auto/n reads the job index", () => {
    const shards = [0, 1, 2].map((i) => path(`shard${i}.${i === 1 ? "ndjson" : "csv"}`));
    shards.forEach((file, i) => expect(run(["batch", "--in", path("big.csv"), "--out", file, "--shard", `${i}/3`, "--quiet"]).status).toBe(0));
    expect(readFileSync(shards[0]!, "utf8").split("\n")[0]).toBe("row,meanDisruption,fixedCost,zStar,zStarUnits,status,totalCost,error");
    expect(run(["merge", "--out", path("merged.csv"), ...shards]).status).toBe(0);
    expect(readFileSync(path("merged.csv")).equals(readFileSync(path("full.csv")))).toBe(true);
    expect(run(["batch", "--in", path("big.csv"), "--out", path("auto.csv"), "--shard", "auto/3", "--quiet"], { JOB_COMPLETION_INDEX: "2" }).status).toBe(0);
    expect(readFileSync(path("auto.csv")).equals(readFileSync(shards[2]!))).toBe(true);
  });

  it("merge writes a quoted header (one over two lines, a ';' delimiter) as the unsharded run does", () => {
    writeFileSync(path("quoted-head.csv"), '"note";"elas\nticity";meanDisruption\nx;-0.1;21\n"y\nz";-0.2;31\nw;-0.1;-1\n');
    expect(run(["batch", "--in", path("quoted-head.csv"), "--out", path("quoted-full.csv"), "--quiet"]).status).toBe(3);
    const shards = [0, 1].map((i) => path(`quoted-${i}.csv`));
    // Shard 0 holds rows 0 and 2 (row 2 invalid: exit 3), shard 1 row 1.
    shards.forEach((file, i) => expect(run(["batch", "--in", path("quoted-head.csv"), "--out", file, "--shard", `${i}/2`, "--quiet"]).status).toBe(i === 0 ? 3 : 0));
    expect(run(["merge", "--out", path("quoted-merged.csv"), ...shards]).status).toBe(3);
    const full = readFileSync(path("quoted-full.csv"), "utf8");
    expect(full.startsWith('"note";"elas\nticity";meanDisruption;zStar;')).toBe(true);
    expect(readFileSync(path("quoted-merged.csv"), "utf8")).toBe(full);
  });

  it("a cell beyond the doubles (1e999, 1e-400) is flagged as such, naming the parameter and its range", () => {
    writeFileSync(path("beyond.csv"), "meanDisruption,currentStock\n1e999,80\n1e-400,80\n21,-1e999\n21,80\n");
    const r = run(["batch", "--in", path("beyond.csv"), "--out", path("beyond-out.csv"), "--quiet"]);
    expect(r.status).toBe(3);
    const errors = readFileSync(path("beyond-out.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").slice(7).join(","));
    expect(errors).toEqual([
      '"invalid meanDisruption: ""1e999"" is beyond the range of a double (it would be read as Infinity); allowed: 0.1 <= meanDisruption <= 10000 (days of imports)"',
      '"invalid meanDisruption: ""1e-400"" is beyond the range of a double (it would be read as 0); allowed: 0.1 <= meanDisruption <= 10000 (days of imports)"',
      '"invalid currentStock: ""-1e999"" is beyond the range of a double (it would be read as -Infinity); allowed: 0 <= currentStock <= horizon (days)"',
      "",
    ]);
  });

  it("NDJSON: gainOverCurrentStock is on the rows with a stock (null when invalid), never on other bad rows", () => {
    writeFileSync(path("gain.ndjson"), '{"meanDisruption":21}\n{bad\n{"meanDisruption":-1}\n{"meanDisruption":-1,"currentStock":80}\n{"meanDisruption":21,"currentStock":80}\n');
    const r = run(["batch", "--in", path("gain.ndjson"), "--out", path("gain-out.ndjson"), "--quiet"]);
    expect(r.status).toBe(3);
    const rows = readFileSync(path("gain-out.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((row) => row.gainOverCurrentStock)).toEqual([undefined, undefined, undefined, null, solve({ meanDisruption: 21 }, { currentStock: 80 }).gainOverCurrentStock]);
    const withStock = run(["batch", "--in", path("gain.ndjson"), "--out", path("gain-stock.ndjson"), "--stock", "50", "--quiet"]);
    expect(withStock.status).toBe(3);
    const keys = readFileSync(path("gain-stock.ndjson"), "utf8").trim().split("\n").map((l) => "gainOverCurrentStock" in (JSON.parse(l) as object));
    expect(keys).toEqual([true, true, true, true, true]);
  });

  it("the README's batch example (a bad row flagged, the others written) prints what the command prints", () => {
    const block = readmeBlocks("Command line", "").find((b) => b.startsWith("$ npx optimal-reserve batch --in in.csv"));
    expect(block).toBeDefined();
    const lines = block!.trim().split("\n");
    const shown = lines.slice(3);
    // in.csv is the first five columns of the output shown (none of them holds a comma).
    writeFileSync(path("in.csv"), shown.map((l) => `${l.split(",").slice(0, 5).join(",")}\n`).join(""));
    const r = run(["batch", "--in", path("in.csv"), "--out", path("readme-out.csv")]);
    expect(r.status).toBe(3);
    expect(r.stderr.replace(/[\d.]+ s\n/, "0.0 s\n")).toBe(`${lines[1]}\n${lines[2]}\n`);
    expect(readFileSync(path("readme-out.csv"), "utf8")).toBe(`${shown.join("\n")}\n`);
  });

  it("merge --help gives the exit codes", () => {
    expect(run(["merge", "--help"]).stdout).toMatch(/Exit codes: 0 every row valid; 3 merged, some rows invalid/);
  });

  it("usage errors exit 2 with a clear message", () => {
    writeFileSync(path("in.txt"), "meanDisruption\n21\n");
    writeFileSync(path("near.csv"), "mean_disruption,fixedcost,id\n21,2.5,a\n");
    const noIndex = { JOB_COMPLETION_INDEX: "", AWS_BATCH_JOB_ARRAY_INDEX: "" };
    const cases: [string[], RegExp][] = [
      [["batch", "--out", path("x.csv")], /batch needs --in FILE and --out FILE/],
      [["batch", "--in", path("missing.csv"), "--out", path("x.csv")], /no such file/],
      [["batch", "--in", path("in.txt"), "--out", path("x.csv")], /must end in .csv or .ndjson/],
      [["batch", "--in", path("small.csv"), "--out", path("x.csv"), "--shard", "3/3"], /invalid --shard "3\/3": need 0 <= i < n/],
      [["batch", "--in", path("small.csv"), "--out", path("x.csv"), "--shard", "auto/2"], /--shard auto\/n needs JOB_COMPLETION_INDEX/],
      [["merge", "--out", path("m.csv")], /merge needs --out FILE and the shard files/],
      [["batch", "--in", path("near.csv"), "--out", path("x.csv")], /no column names a parameter .*; "mean_disruption": did you mean meanDisruption\?; "fixedcost": did you mean fixedCost\?$/m],
    ];
    for (const [args, message] of cases) {
      const r = run(args, noIndex);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
