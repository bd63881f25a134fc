#!/usr/bin/env node
/**
 * The plain-Node floor for the CLI `batch` benchmark: read the CSV, split it into lines and cells,
 * parse every cell as a number, and write each line back with two result cells appended (as the
 * CLI appends zStar and status). No solving, no validation: what any CLI over this file must pay.
 * Usage: node bench/floor.mjs IN.csv OUT.csv
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

const [input, output] = process.argv.slice(2);
const out = createWriteStream(output);
let header = true;
let sum = 0;
let pending = [];
const flush = () => {
  if (pending.length === 0) return true;
  const ok = out.write(pending.join("\n") + "\n");
  pending = [];
  return ok;
};
const lines = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
for await (const line of lines) {
  if (header) {
    pending.push(`${line},zStar,status`);
    header = false;
    continue;
  }
  const cells = line.split(",");
  for (let k = 0; k < cells.length; k++) sum += Number(cells[k]);
  pending.push(`${line},0,interior`);
  if (pending.length >= 4096 && !flush()) await new Promise((resolve) => out.once("drain", resolve));
}
flush();
out.end();
await new Promise((resolve) => out.on("finish", resolve));
if (Number.isNaN(sum)) process.exitCode = 1;
