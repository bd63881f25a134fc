/**
 * `optimal-reserve merge`: the outputs of `batch --shard i/n` or `sweep --shard i/n` back into one
 * file in input (or grid) order, without their `row` column. Each shard's job record (FILE.job.json,
 * see ./job) proves the set complete: the same job (input and flags) in every file, every i of n
 * exactly once, each shard finished and still of the size and row count it recorded, and the
 * rows adding up to the source's row count.
 */
import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { UsageError, parse } from "./args";
import { csvCell, detectDelimiter, quoteCount, splitRecord, type Delimiter } from "./csv";
import { io, lines, sameFile, writeAll } from "./io";
import { jobRecordPath, readJobRecord, type JobRecord } from "./job";
import { recordFormat, type RecordFormat } from "./records";

export const MERGE_HELP = `Usage: optimal-reserve merge --out all.csv|all.ndjson shard1 shard2 ...

Merge the outputs of 'batch --shard i/n' or 'sweep --shard i/n' (all n of them) into one file in
input (or grid) order, without the 'row' column: the same file an unsharded run writes. Each shard's
job record (SHARD.job.json, written beside it) must show the same job, a finished shard, and every
i of n exactly once; an incomplete or duplicated set is refused, naming what is missing.

Exit codes: 0 every row valid; 3 merged, some rows invalid (as the unsharded run); 2 usage, a
refused set of shards or an I/O error.`;

/** Check that `records` (one per shard file) form one complete set; throws a UsageError naming the gap. */
function checkComplete(files: string[], records: JobRecord[]): void {
  const first = records[0]!;
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  records.forEach((r, k) => {
    const file = files[k]!;
    if (r.source !== first.source || r.settings !== first.settings || r.command !== first.command || r.shard!.count !== count) {
      throw new UsageError(`${file} is a shard of another job than ${files[0]} (other input, flags or shard count)`);
    }
    const twice = seen.get(r.shard!.index);
    if (twice !== undefined) throw new UsageError(`shard ${r.shard!.index}/${count} is given twice: ${twice} and ${file}`);
    seen.set(r.shard!.index, file);
    if (!r.complete) throw new UsageError(`${file} (shard ${r.shard!.index}/${count}) is unfinished: ${r.rows} rows so far; finish it with --resume`);
    // The record holds the bytes written: a shard cut short (or added to) since is not the shard it vouches for.
    const size = io("read", file, () => statSync(file)).size;
    if (size !== r.bytes) {
      throw new UsageError(`${file} (shard ${r.shard!.index}/${count}) has ${size} bytes but its job record (${jobRecordPath(file)}) says ${r.bytes} bytes in ${r.rows} rows; it was ${size < r.bytes ? "truncated" : "changed"} since it was written`);
    }
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new UsageError(`incomplete set: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing (given: ${[...seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`).join(", ")})`);
  }
  const rows = records.reduce((sum, r) => sum + r.rows, 0);
  if (first.sourceRows !== null && rows !== first.sourceRows) {
    throw new UsageError(`the shards hold ${rows} rows but the source has ${first.sourceRows}`);
  }
}

/** One shard's rows, in order, each with its `row` index and its text without the `row` field. */
interface ShardReader {
  format: RecordFormat;
  delimiter: Delimiter;
  header: string[];
  /** The CSV header as the shard holds it, without its `row` field: the input's header as read. */
  headerText: string;
  head: { row: number; rest: string } | undefined;
  /** Rows taken from this shard so far. */
  rows: number;
  next(): Promise<{ row: number; rest: string } | undefined>;
}

async function openShard(path: string): Promise<ShardReader> {
  const format = recordFormat(path, "shard");
  const source = lines(path);
  const nextLine = async (): Promise<string | undefined> => {
    for (;;) {
      const step = await source.next();
      if (step.done) return undefined;
      if (step.value.trim() !== "") return step.value;
    }
  };
  /** One record's text: lines joined while a quoted cell (CSV) carries it over a line end. */
  const joinQuoted = async (first: string): Promise<string> => {
    let text = first;
    let quotes = format === "csv" ? quoteCount(text) : 0;
    while (quotes % 2 === 1) {
      const more = await source.next();
      if (more.done) break;
      text += `\n${more.value}`;
      quotes += quoteCount(more.value);
    }
    return text;
  };
  let header: string[] = [];
  let headerText = "";
  let delimiter: Delimiter = ",";
  if (format === "csv") {
    const text = await joinQuoted((await nextLine()) ?? "");
    delimiter = detectDelimiter(text);
    header = splitRecord(text, delimiter);
    if (header[0] !== "row" || !text.startsWith(`row${delimiter}`)) throw new UsageError(`${path} has no leading row column (not a --shard output)`);
    headerText = text.slice(4);
  }
  const prefix = format === "csv" ? delimiter : ",";
  const reader: ShardReader = {
    format, delimiter, header, headerText, head: undefined, rows: 0,
    async next() {
      const line = await nextLine();
      if (line === undefined) return undefined;
      // A CSV record may span lines inside quotes (blank ones too): join until its quotes balance.
      const text = await joinQuoted(line);
      const start = format === "csv" ? 0 : text.indexOf(":") + 1;
      const end = text.indexOf(prefix, start);
      const row = Number(text.slice(start, end));
      if (!Number.isInteger(row) || end < 0) throw new UsageError(`${path} has a line without a row index`);
      return { row, rest: format === "csv" ? text.slice(end + 1) : `{${text.slice(end + 1)}` };
    },
  };
  reader.head = await reader.next();
  return reader;
}

/** A shard line (without its row field) in `format`, converting CSV <-> NDJSON when they differ. */
function convert(from: ShardReader, rest: string, to: RecordFormat, columns: string[], delimiter: Delimiter): string {
  if (from.format === to) return rest;
  if (to === "ndjson") {
    const cells = splitRecord(rest, from.delimiter);
    return JSON.stringify(Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? ""])));
  }
  const object = JSON.parse(rest) as Record<string, unknown>;
  return columns.map((c) => {
    const v = object[c];
    return csvCell(v === undefined || v === null ? "" : typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v), delimiter);
  }).join(delimiter);
}

/** `optimal-reserve merge`: k-way merge of shard outputs by their `row` column. */
export async function mergeCommand(argv: string[]): Promise<string | { rows: number; invalid: number }> {
  const { values, positionals } = parse(argv, { out: { type: "string" }, help: { type: "boolean", short: "h" } }, true);
  if (values.help) return MERGE_HELP;
  const output = values.out;
  if (typeof output !== "string" || positionals.length === 0) throw new UsageError("merge needs --out FILE and the shard files");
  const outFormat = recordFormat(output, "--out");
  for (const file of positionals) {
    if (sameFile(file, output)) throw new UsageError(`--out ${output} is also an input (${file}); write to another file`);
  }
  const records = positionals.map((file) => {
    const record = readJobRecord(file);
    if (!record?.shard) throw new UsageError(`${file} has no shard job record (${jobRecordPath(file)}); merge takes the outputs of --shard i/n runs`);
    return record;
  });
  checkComplete(positionals, records);
  const shards = await Promise.all(positionals.map(openShard));
  const csvShard = shards.find((s) => s.format === "csv");
  const delimiter = csvShard?.delimiter ?? ",";
  // Columns from a CSV header, else (all NDJSON) from the first record's keys.
  const columns = csvShard ? csvShard.header.slice(1) : Object.keys(JSON.parse(shards.find((s) => s.head)?.head?.rest ?? "{}") as object);
  const fd = io("open", output, () => openSync(output, "w"));
  let rows = 0;
  try {
    // A CSV shard's header goes out as it was read (quoting included), as the unsharded run writes it.
    const header = csvShard ? csvShard.headerText : columns.map((c) => csvCell(c, delimiter)).join(delimiter);
    let text = outFormat === "csv" ? `${header}\n` : "";
    for (;;) {
      let best: ShardReader | undefined;
      for (const s of shards) if (s.head && (!best?.head || s.head.row < best.head.row)) best = s;
      if (!best?.head) break;
      text += `${convert(best, best.head.rest, outFormat, columns, delimiter)}\n`;
      rows++;
      best.rows++;
      best.head = await best.next();
      if (text.length > 1 << 20) {
        writeAll(fd, output, text);
        text = "";
      }
    }
    writeAll(fd, output, text);
  } finally {
    closeSync(fd);
  }
  // A shard edited to the same size but other rows: the merged file is not the job's; remove it.
  shards.forEach((s, k) => {
    if (s.rows !== records[k]!.rows) {
      rmSync(output, { force: true });
      throw new UsageError(`${positionals[k]} holds ${s.rows} rows but its job record (${jobRecordPath(positionals[k]!)}) says ${records[k]!.rows}; it was changed since it was written (no merged file written)`);
    }
  });
  // Exit 3 like the unsharded run when any row is invalid.
  return { rows, invalid: records.reduce((sum, r) => sum + r.invalid, 0) };
}
