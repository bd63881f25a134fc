/**
 * The README's JavaScript examples (the gallium worked example of "Critical minerals: templates
 * with provenance", and the joint release and Nash-versus-cooperative example of the
 * several-country section), each run exactly as printed against the built package (dist/, as
 * `import ... from "optimal-reserve"` resolves it in a user's project), its output compared line
 * for line with the output the README prints after it.
 */
import { describe, expect, it } from "vitest";
import { COORDINATION_HEADING, MINERALS_HEADING, readmeBlocks, runReadmeExample } from "./readme";

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
