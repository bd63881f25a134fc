/** Reading the README's code blocks in tests, so that the README and the tests cannot drift. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The README section of the mineral templates and their worked example. */
export const MINERALS_HEADING = "Critical minerals: templates with provenance";

/** The bodies of the fenced blocks of `language` in the README section titled `heading` (throws if there is no such section). */
export function readmeBlocks(heading: string, language: string): string[] {
  const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}
