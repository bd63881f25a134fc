/** Line-by-line file reading with bounded memory (synchronous: the CLI solves as it reads). */
import { closeSync, openSync, readSync } from "node:fs";

/** Read block size; memory per open file stays about this plus one line. */
const BLOCK_BYTES = 1 << 20;

/** The lines of a file, without their newline (a trailing partial line is returned too). */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const block = Buffer.alloc(BLOCK_BYTES);
    let rest = "";
    for (;;) {
      const n = readSync(fd, block, 0, BLOCK_BYTES, null);
      if (n === 0) break;
      const text = rest + block.toString("utf8", 0, n);
      const parts = text.split("\n");
      rest = parts.pop() as string;
      for (const line of parts) yield line.endsWith("\r") ? line.slice(0, -1) : line;
    }
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}
