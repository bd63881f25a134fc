/**
 * `optimal-reserve batch` on files as people really have them: byte-order marks, other
 * delimiters, CR line ends, misspelt columns, spreadsheet booleans, malformed NDJSON, quoting
 * round trips, standard input/output, and the current stock.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { solve } from "../src/index";
import { utf8Checker } from "../src/cli/utf8";
import { CLI, runCli as run } from "./cli-run";

let dir = "";
const path = (name: string) => join(dir, name);
const z21 = solve({}).zStar;
const z42 = solve({ meanDisruption: 42 }).zStar;
const u42 = solve({ meanDisruption: 42 }).zStarUnits;
const u21 = solve({}).zStarUnits;
/** The output of `batch --in name --out out` (exit code, stderr, output text). */
function batch(name: string, content: string | Buffer, out = "out.csv", extra: string[] = []) {
  writeFileSync(path(name), content);
  const r = run(["batch", "--in", path(name), "--out", path(out), ...extra]);
  let text: string;
  try {
    text = readFileSync(path(out), "utf8");
  } catch {
    text = ""; // no output file: the run failed before writing
  }
  return { status: r.status, stderr: r.stderr, text, lines: text.trimEnd().split("\n") };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "or-batch-files-"));
});

describe("batch input files", () => {
  it("a UTF-8 byte-order mark is dropped (CSV and NDJSON)", () => {
    const csv = batch("bom.csv", "\uFEFFmeanDisruption,id\n42,a\n");
    expect(csv.status).toBe(0);
    expect(csv.lines[0]).toBe("meanDisruption,id,zStar,zStarUnits,status,totalCost,error");
    expect(csv.lines[1]!.split(",")[2]).toBe(String(z42));
    const nd = batch("bom.ndjson", '\uFEFF{"meanDisruption":42}\n', "bom-out.ndjson");
    expect(nd.status).toBe(0);
    expect(JSON.parse(nd.lines[0]!).zStar).toBe(z42);
  });

  it("a header naming no parameter is refused (exit 2), listing the columns", () => {
    const r = batch("ids.csv", "id\na\nb\n");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no column names a parameter \(columns: id; parameters: price, priceFloor/);
  });

  it("columns that are no parameter are named on stderr (with the closest parameter when misspelt); --strict refuses them", () => {
    for (const name of ["mean_disruption", "MeanDisruption", "meanDisruptoin"]) {
      const r = batch("near.csv", `${name},fixedCost\n42,2.5\n`);
      expect(r.status, name).toBe(0);
      expect(r.stderr).toContain(`column "${name}" is not a parameter (copied through, not used); did you mean meanDisruption?`);
      const strict = batch("near.csv", `${name},fixedCost\n42,2.5\n`, "strict.csv", ["--strict"]);
      expect(strict.status).toBe(2);
      expect(strict.stderr).toMatch(/is not a parameter \(--strict refuses every other column\); did you mean meanDisruption\?/);
    }
    const other = batch("other.csv", "region,meanDisruption\nnorth,42\n");
    expect(other.status).toBe(0);
    expect(other.stderr).toContain('column "region" is not a parameter (copied through)\n');
    const otherStrict = batch("other.csv", "region,meanDisruption\nnorth,42\n", "strict.csv", ["--strict"]);
    expect(otherStrict.status).toBe(2);
    expect(otherStrict.stderr).toMatch(/column "region" is not a parameter \(--strict refuses every other column\); the columns it reads: price, priceFloor/);
  });

  it("a parameter column given twice: the first is read, both copied through, said on stderr; --strict refuses it", () => {
    const r = batch("twice.csv", "meanDisruption,meanDisruption\n21,31\n");
    expect(r.status).toBe(0);
    expect(r.lines[1]!.startsWith(`21,31,${solve({ meanDisruption: 21 }).zStar},`)).toBe(true);
    expect(r.stderr).toContain("column meanDisruption appears more than once; the first is read (all are copied through)");
    const strict = batch("twice.csv", "meanDisruption,meanDisruption\n21,31\n", "strict.csv", ["--strict"]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/appears more than once.*--strict refuses repeated parameter columns/);
  });

  it("semicolon and tab files are read with their delimiter, which the output keeps", () => {
    const semi = batch("semi.csv", "id;meanDisruption;fixedCost\na;42;2.5\n");
    expect(semi.status).toBe(0);
    expect(semi.lines[0]).toBe("id;meanDisruption;fixedCost;zStar;zStarUnits;status;totalCost;error");
    expect(semi.lines[1]!.split(";")[3]).toBe(String(z42));
    const tab = batch("tab.csv", "id\tmeanDisruption\na\t42\n");
    expect(tab.lines[1]!.split("\t")[2]).toBe(String(z42));
    // A decimal comma in a semicolon file is not a number: the row says so, quoting the cell.
    const comma = batch("comma.csv", "meanDisruption;fixedCost\n42;2,5\n");
    expect(comma.status).toBe(3);
    expect(comma.lines[1]).toMatch(/invalid fixedCost: ""2,5"" is not a number/);
  });

  it("CR-only, CRLF and LF line ends give the same rows", () => {
    const rows = ["meanDisruption,id", "21,a", "42,b"];
    const lf = batch("lf.csv", `${rows.join("\n")}\n`, "lf-out.csv");
    for (const [name, end] of [["cr.csv", "\r"], ["crlf.csv", "\r\n"]] as const) {
      const r = batch(name, rows.join(end) + end, `${name}-out.csv`);
      expect(r.status, name).toBe(0);
      expect(r.text, name).toBe(lf.text);
    }
    expect(lf.lines).toHaveLength(3);
    expect(lf.lines[2]!.split(",")[2]).toBe(String(z42));
  });

  it("a malformed NDJSON line is an invalid row naming the line and the problem; every other row is solved", () => {
    const r = batch("bad.ndjson", '{"id":"a","meanDisruption":42}\n[1,2]\n{"id":"b","meanDisruption":42\n{"id":"c"}\n', "bad-out.ndjson");
    expect(r.status).toBe(3);
    const rows = r.lines.map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ id: "a", zStar: z42, status: "interior", error: "" });
    expect(rows[1]).toMatchObject({ status: "invalid", zStar: null, error: expect.stringMatching(/^line 2: not a JSON object/) });
    expect(rows[2]).toMatchObject({ input: '{"id":"b","meanDisruption":42', status: "invalid", error: expect.stringMatching(/^line 3: not valid JSON \(/) });
    expect(rows[3]).toMatchObject({ id: "c", zStar: z21, status: "interior" });
    expect(r.stderr).toMatch(/4 rows solved, 2 invalid/);
  });

  it("a CSV row with more or fewer cells than the header is an invalid row laid out under the header; the result columns stay aligned", () => {
    const r = batch("width.csv", 'id,meanDisruption\na,31,extra\nb,42\nc\n"d",42,"x,y"\n');
    expect(r.status).toBe(3);
    expect(r.lines[0]).toBe("id,meanDisruption,zStar,zStarUnits,status,totalCost,error");
    expect(r.lines[1]).toBe('a,31,,,invalid,,"line 2 has 3 cells where the header has 2; the cells beyond the header: ""extra"""');
    expect(r.lines[2]).toMatch(new RegExp(`^b,42,${z42},[0-9.e+]+,interior,[0-9.e+]+,$`));
    expect(r.lines[3]).toBe("c,,,,invalid,,line 4 has 1 cells where the header has 2; no cell for meanDisruption");
    expect(r.lines[4]).toBe('d,42,,,invalid,,"line 5 has 3 cells where the header has 2; the cells beyond the header: ""x,y"""');
    expect(r.stderr).toMatch(/4 rows solved, 3 invalid/);
  });

  it("a file that is not UTF-8 is refused naming the line and the byte; a UTF-16 file is refused as such; U+FFFD written as UTF-8 is kept", () => {
    const cp1252 = batch("cp1252.csv", Buffer.from("id,meanDisruption\nx,42\ncaf\xe9,42\n", "latin1"), "cp1252-out.csv");
    expect(cp1252.status).toBe(2);
    expect(cp1252.stderr).toMatch(/cp1252\.csv: line 3 is not UTF-8 \(byte 0xE9\); save the file as UTF-8/);
    const ndjson = batch("cp1252.ndjson", Buffer.from('{"id":"caf\xe9","meanDisruption":42}\n', "latin1"), "cp1252-out.ndjson");
    expect(ndjson.stderr).toMatch(/line 1 is not UTF-8 \(byte 0xE9\)/);
    const cut = batch("cut.csv", Buffer.concat([Buffer.from("id,meanDisruption\nab,42\nc"), Buffer.from([0xc3])]), "cut-out.csv");
    expect(cut.stderr).toMatch(/line 3 is not UTF-8 \(the file ends inside a character\)/);
    const text = "id,meanDisruption\r\na,42\r\n";
    const le = batch("u16le.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "u16-out.csv");
    expect(le.status).toBe(2);
    expect(le.stderr).toMatch(/u16le\.csv: the file is UTF-16 \(byte-order mark FF FE\); save it as UTF-8/);
    const be = batch("u16be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]), "u16-out.csv");
    expect(be.stderr).toMatch(/the file is UTF-16 \(byte-order mark FE FF\)/);
    const bare = batch("u16bare.csv", Buffer.from(text, "utf16le"), "u16-out.csv");
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/u16bare\.csv: line 1 holds a NUL byte \(0x00\), so the file is not text \(UTF-16 without a byte-order mark\?\); save it as UTF-8/);
    for (const r of [cp1252, ndjson, cut, le, be, bare]) expect(r.stderr).not.toMatch(/\n\s+at /);
    const ok = batch("utf8.csv", "id,meanDisruption\ncafé \ufffd 東京 \u{1f600},42\n", "utf8-out.csv");
    expect(ok.status).toBe(0);
    expect(ok.lines[1]).toMatch(new RegExp(`^café \ufffd 東京 \u{1f600},42,${z42},[0-9.e+]+,interior,`, "u"));
  });

  it("the UTF-8 check follows characters across blocks and refuses overlongs, surrogates and stray bytes", () => {
    const ok = utf8Checker("f");
    const bytes = Buffer.from("a€😀b");
    for (let k = 0; k < bytes.length; k++) ok.block(bytes.subarray(k, k + 1), 0, 10);
    ok.end(0);
    const cases: [number[], string][] = [
      [[0xc0, 0xaf], "0xC0"], [[0xe0, 0x80, 0xaf], "0xE0"], [[0xed, 0xa0, 0x80], "0xED"],
      [[0xf4, 0x90, 0x80, 0x80], "0xF4"], [[0x80], "0x80"], [[0xff], "0xFF"], [[0xe2, 0x41], "0xE2"],
    ];
    for (const [seq, byte] of cases) {
      const check = utf8Checker("f");
      check.block(Buffer.from("x\ny\n"), 4, 10);
      expect(() => { check.block(Buffer.from([0x7a, 0x0a, 0x7a, ...seq]), 6, 10); check.end(8); }).toThrow(`line 8 is not UTF-8 (byte ${byte})`);
    }
  });

  it("NDJSON whose first lines are no object: those lines are invalid rows, the rest solved (NDJSON and CSV out, standard input)", () => {
    const content = '[1,2]\n{"id":"b","meanDisruption":42\n\n{"id":"c","meanDisruption":42}\n{"id":"d"}\n';
    const r = batch("first.ndjson", content, "first-out.ndjson");
    expect(r.status).toBe(3);
    const rows = r.lines.map((l) => JSON.parse(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ input: "[1,2]", status: "invalid", error: expect.stringMatching(/^line 1: not a JSON object/) });
    expect(rows[1]).toMatchObject({ status: "invalid", error: expect.stringMatching(/^line 2: not valid JSON/) });
    expect(rows[2]).toMatchObject({ id: "c", zStar: z42, status: "interior", error: "" });
    expect(rows[3]).toMatchObject({ id: "d", zStar: z21, status: "interior" });
    const csv = batch("first2.ndjson", content, "first-out.csv");
    expect(csv.status).toBe(3);
    expect(csv.lines.slice(1).map((l) => l.split(",")[4])).toEqual(["invalid", "invalid", "interior", "interior"]);
    writeFileSync(path("first3.ndjson"), content);
    const piped = spawnSync(process.execPath, [CLI, "batch", "--in", "-", "--format", "ndjson", "--out", "-", "--quiet"], { input: readFileSync(path("first3.ndjson")), encoding: "utf8" });
    expect(piped.status).toBe(3);
    expect(piped.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).status)).toEqual(["invalid", "invalid", "interior", "interior"]);
  });

  it("NDJSON in, CSV out keeps every field of every record", () => {
    const r = batch("keys.ndjson", '{"id":"a","meanDisruption":42}\n{"id":"b","note":"x, \\"y\\"","tags":[1,2]}\n', "keys.csv");
    expect(r.status).toBe(0);
    expect(r.lines[0]).toBe("id,meanDisruption,note,tags,zStar,zStarUnits,status,totalCost,error");
    expect(r.lines[1]).toMatch(new RegExp(`^a,42,,,${z42},${u42},interior,`));
    expect(r.lines[2]).toMatch(new RegExp(`^b,,"x, ""y""","\\[1,2\\]",${z21},${u21},interior,`));
  });

  it("includeGdp takes the common boolean spellings; anything else is an invalid row quoting the cell", () => {
    const yes = solve({ meanDisruption: 42 }).zStar;
    const no = solve({ meanDisruption: 42, includeGdp: false }).zStar;
    const words = ["TRUE", "True", "yes", "Y", "1", " on ", "FALSE", "false", "No", "n", "0", "OFF"];
    const r = batch("bools.csv", `includeGdp,meanDisruption\n${words.map((w) => `${w},42`).join("\n")}\nmaybe,42\n`);
    expect(r.status).toBe(3);
    r.lines.slice(1, 13).forEach((line, k) => expect(line.split(",")[2], words[k]).toBe(String(k < 6 ? yes : no)));
    expect(r.lines[13]).toMatch(/^maybe,42,,,invalid,,"invalid includeGdp: ""maybe"" is not a boolean; allowed: true\/false, yes\/no/);
  });

  it("numbers are decimal: hex, blanks and 1e-400 are refused or quoted as given", () => {
    const r = batch("numbers.csv", "meanDisruption,fixedCost\n0x10,2.5\n ,2.5\n42,1e-400x\n-5,2.5\n1e-400,2.5\n");
    expect(r.status).toBe(3);
    expect(r.lines[1]).toMatch(/invalid meanDisruption: ""0x10"" is not a number/);
    expect(r.lines[2]).toMatch(/invalid meanDisruption: "" "" is not a number/);
    expect(r.lines[3]).toMatch(/invalid fixedCost: ""1e-400x"" is not a number/);
    expect(r.lines[4]).toMatch(/invalid meanDisruption: got -5; .*; cell: ""-5"""$/);
    expect(r.lines[5]).toMatch(/invalid meanDisruption: ""1e-400"" is beyond the range of a double \(it would be read as 0\)/); // refused, not read as 0
  });

  it("records are copied through as read: duplicated columns, quoted cells, cells with line breaks", () => {
    const input = 'id,meanDisruption,meanDisruption,note\n"a",10,50,"x, y"\nb,42,1,"two\nlines"\n';
    const r = batch("quoted.csv", input);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toBe("id,meanDisruption,meanDisruption,note,zStar,zStarUnits,status,totalCost,error");
    // The first of two same-named columns is the parameter; both are written back as they were.
    expect(r.lines[1]).toMatch(new RegExp(`^"a",10,50,"x, y",${solve({ meanDisruption: 10 }).zStar},${solve({ meanDisruption: 10 }).zStarUnits},interior,`));
    expect(r.text).toContain(`b,42,1,"two\nlines",${z42},${u42},interior,`);
    // Sharded and merged, quoted records (a blank line inside a cell too) come back byte for byte.
    writeFileSync(path("q.csv"), 'id,meanDisruption,note\na,42,"x\n\ny"\nb,21,plain\nc,30,"q ""z"""\n');
    for (const i of [0, 1]) run(["batch", "--in", path("q.csv"), "--out", path(`q${i}.csv`), "--shard", `${i}/2`, "--quiet"]);
    run(["batch", "--in", path("q.csv"), "--out", path("q-full.csv"), "--quiet"]);
    expect(run(["merge", "--out", path("q-merged.csv"), path("q0.csv"), path("q1.csv")]).status).toBe(0);
    expect(readFileSync(path("q-merged.csv"), "utf8")).toBe(readFileSync(path("q-full.csv"), "utf8"));
    // Malformed quoting is that row's problem only.
    const bad = batch("badquote.csv", 'id,meanDisruption\n"a"x,42\nb,42\n');
    expect(bad.status).toBe(3);
    expect(bad.lines[1]).toMatch(/line 2: not valid CSV/);
    expect(bad.lines[2]).toMatch(new RegExp(`^b,42,${z42},${u42},interior,`));
  });

  it("an input that already has result columns (a batch output) is refused", () => {
    const r = batch("again.csv", `meanDisruption,zStar,status\n42,1,interior\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/already has the columns zStar, status that batch writes/);
  });

  it("--in - and --out - use standard input and output", () => {
    const r = spawnSync(process.execPath, [CLI, "batch", "--in", "-", "--out", "-", "--quiet"], { input: "id,meanDisruption\na,42\n", encoding: "utf8" });
    expect(r.status).toBe(0);
    const units = solve({ meanDisruption: 42 }).zStarUnits;
    expect(r.stdout).toBe(`id,meanDisruption,zStar,zStarUnits,status,totalCost,error\na,42,${z42},${units},interior,${solve({ meanDisruption: 42 }).totalCost},\n`);
    const nd = spawnSync(process.execPath, [CLI, "batch", "--in", "-", "--out", "-", "--format", "ndjson", "--quiet"], { input: '{"meanDisruption":42,"imports":1e5}\n', encoding: "utf8" });
    expect(JSON.parse(nd.stdout).zStar).toBe(solve({ meanDisruption: 42, imports: 1e5 }).zStar);
    expect(JSON.parse(nd.stdout).zStarUnits).toBe(solve({ meanDisruption: 42, imports: 1e5 }).zStarUnits);
    expect(run(["batch", "--in", "-", "--out", "-", "--resume"]).stderr).toMatch(/--resume needs --out FILE/);
  });

  it("totalCost always; gainOverCurrentStock from a currentStock column or --stock; a bad stock flags its row only", () => {
    const r = batch("stock.csv", "meanDisruption,currentStock\n42,50\n42,\n42,400\n42,abc\n");
    expect(r.status).toBe(3);
    expect(r.lines[0]).toBe("meanDisruption,currentStock,zStar,zStarUnits,status,totalCost,gainOverCurrentStock,error");
    const s = solve({ meanDisruption: 42 }, { currentStock: 50 });
    expect(r.lines[1]).toBe(`42,50,${s.zStar},${s.zStarUnits},interior,${s.totalCost},${s.gainOverCurrentStock},`);
    expect(r.lines[2]).toBe(`42,,${s.zStar},${s.zStarUnits},interior,${s.totalCost},,`);
    expect(r.lines[3]).toMatch(/^42,400,,,invalid,,,"invalid currentStock: got 400; allowed: 0 <= currentStock <= horizon = 365 \(days\); cell: ""400"""$/);
    expect(r.lines[4]).toMatch(/^42,abc,,,invalid,,,"invalid currentStock: ""abc"" is not a number/);
    const flag = batch("stock2.csv", "meanDisruption,currentStock\n42,50\n42,\n", "stock2-out.csv", ["--stock", "100"]);
    const s100 = solve({ meanDisruption: 42 }, { currentStock: 100 });
    expect(flag.lines[1]).toBe(`42,50,${s.zStar},${s.zStarUnits},interior,${s.totalCost},${s.gainOverCurrentStock},`);
    expect(flag.lines[2]).toBe(`42,,${s.zStar},${s.zStarUnits},interior,${s.totalCost},${s100.gainOverCurrentStock},`);
  });

  it("a record longer than the limit stops with a message instead of filling memory", () => {
    const long = Buffer.alloc(17 * 1024 * 1024, "1");
    const r = batch("long.csv", Buffer.concat([Buffer.from("meanDisruption\n"), long, Buffer.from("\n")]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 2 is longer than 16 Mi characters \(the limit for one record\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
