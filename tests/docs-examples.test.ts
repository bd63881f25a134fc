/**
 * The README's JavaScript examples (the gallium worked example of "Critical minerals: templates
 * with provenance", and the joint release and Nash-versus-cooperative example of the
 * several-country section), each run exactly as printed against the built package (dist/, as
 * `import ... from "optimal-reserve"` resolves it in a user's project), its output compared line
 * for line with the output the README prints after it; and the README's opening example, whose
 * comments say what each console.log prints.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COORDINATION_HEADING, MINERALS_HEADING, readmeBlocks, runModule, runReadmeExample } from "./readme";

describe.each([
  ["the gallium worked example", MINERALS_HEADING],
  ["the joint release and Nash versus cooperative example", COORDINATION_HEADING],
])("README: %s", (_, heading) => {
  it("runs as printed and prints exactly the output the README shows", () => {
    const [printed] = readmeBlocks(heading, "text");
    expect(printed, "the text block").toBeDefined();
    const run = runReadmeExample(heading);
    expect(run.code, "the js block").toBeDefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(printed);
  });
});

describe("README: the opening example", () => {
  it("prints, line by line, what its comments say", () => {
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    // Each console.log line's comment is what it prints (before a colon that starts a remark).
    const expected = code.split("\n").filter((l) => l.startsWith("console.log(")).map((l) => l.split("// ")[1]!.split(":")[0]!.trim());
    expect(expected.length).toBe(4);
    const run = runModule(code);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual(expected);
  });
});
