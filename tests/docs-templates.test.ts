/**
 * The README's worked example of "Critical minerals: templates with provenance", run exactly as
 * printed against the built package (dist/, as `import ... from "optimal-reserve"` resolves it
 * in a user's project), its output compared line for line with the output the README prints.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINERALS_HEADING, readmeBlocks } from "./readme";

const ROOT = join(__dirname, "..");

let scratch: string;

beforeAll(() => {
  expect(existsSync(join(ROOT, "dist", "index.js")), "dist/index.js (run npm run build)").toBe(true);
  // What `npm install optimal-reserve` leaves in a project: the package under node_modules.
  scratch = mkdtempSync(join(tmpdir(), "optimal-reserve-templates-"));
  mkdirSync(join(scratch, "node_modules"));
  symlinkSync(ROOT, join(scratch, "node_modules", "optimal-reserve"), "dir");
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("README: the gallium worked example", () => {
  it("runs as printed and prints exactly the output the README shows", () => {
    const [code] = readmeBlocks(MINERALS_HEADING, "js");
    const [printed] = readmeBlocks(MINERALS_HEADING, "text");
    expect(code, "the js block").toBeDefined();
    expect(printed, "the text block").toBeDefined();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code!], { cwd: scratch, encoding: "utf8", timeout: 50_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(printed);
  });
});
