/**
 * The input files are UTF-8: bytes that are not (Windows-1252 `caf\xe9`, a UTF-16 file) are
 * refused with the line and the byte, never decoded to U+FFFD. The check runs per block read: the
 * native `isUtf8` on the common block, a byte walk (RFC 3629, Table 3-7 of the Unicode Standard:
 * no overlongs, no surrogates, nothing above U+10FFFF) only where a character spans blocks or a
 * block is refused.
 */
import { isUtf8 } from "node:buffer";
import { IoError } from "./args";

/**
 * Where `bytes` stop being UTF-8: `at`, the offset of the first byte of the first invalid
 * sequence (-1 when none), and `tail`, the number of bytes at the end that begin a character the
 * next block may complete.
 */
function utf8Scan(bytes: Uint8Array): { at: number; tail: number } {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes needed, and the allowed range of the first one (the others: 80..BF).
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead === 0xe0) [need, low] = [2, 0xa0];
    else if (lead === 0xed) [need, high] = [2, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) need = 2;
    else if (lead === 0xf0) [need, low] = [3, 0x90];
    else if (lead === 0xf4) [need, high] = [3, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) need = 3;
    else return { at: i, tail: 0 };
    for (let j = 1; j <= need; j++) {
      if (i + j >= n) return { at: -1, tail: n - i };
      const next = bytes[i + j]!;
      if (next < low || next > high) return { at: i, tail: 0 };
      low = 0x80;
      high = 0xbf;
    }
    i += need + 1;
  }
  return { at: -1, tail: 0 };
}

/**
 * A checker for the blocks of one file, in order: `block` throws an IoError naming `path`, the
 * line and the byte when the bytes are not UTF-8 (or the file starts with a UTF-16 byte-order
 * mark); `end` throws when the file ends inside a character. `lineEnd` gives the byte that ends a
 * line (LF, or CR in a CR-only file) and `linesBefore` the lines completed before this block.
 */
export function utf8Checker(path: string): { block(bytes: Buffer, linesBefore: number, lineEnd: number): void; end(lines: number): void } {
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  const refuse = (line: number, byte: number | undefined) =>
    new IoError(`cannot read ${path}: line ${line} is not UTF-8 (${byte === undefined ? "the file ends inside a character" : `byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}`}); save the file as UTF-8`);
  return {
    block(bytes, linesBefore, lineEnd) {
      if (first && bytes.length > 0) {
        first = false;
        if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
          throw new IoError(`cannot read ${path}: the file is UTF-16 (byte-order mark ${bytes[0] === 0xff ? "FF FE" : "FE FF"}); save it as UTF-8`);
        }
      }
      // NUL is valid UTF-8 but no text file holds it: every other byte of a UTF-16 file without
      // a byte-order mark is one.
      const nul = bytes.indexOf(0);
      if (nul >= 0) {
        let line = linesBefore + 1;
        for (let k = bytes.indexOf(lineEnd); k >= 0 && k < nul; k = bytes.indexOf(lineEnd, k + 1)) line++;
        throw new IoError(`cannot read ${path}: line ${line} holds a NUL byte (0x00), so the file is not text (UTF-16 without a byte-order mark?); save it as UTF-8`);
      }
      if (carry.length === 0 && isUtf8(bytes)) return;
      const all = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
      const { at, tail } = utf8Scan(all);
      if (at >= 0) {
        let line = linesBefore + 1;
        for (let k = all.indexOf(lineEnd); k >= 0 && k < at; k = all.indexOf(lineEnd, k + 1)) line++;
        throw refuse(line, all[at]);
      }
      carry = Buffer.from(all.subarray(all.length - tail));
    },
    end(lines) {
      if (carry.length > 0) throw refuse(lines + 1, undefined);
    },
  };
}
