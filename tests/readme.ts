/** Reading the README's code blocks in tests, so that the README and the tests cannot drift. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

/** The README section of the mineral templates and their worked example. */
export const MINERALS_HEADING = "Critical minerals: templates with provenance";
/** The README section of the several-country model and its JavaScript example. */
export const COORDINATION_HEADING = "Several countries, one world price: joint releases, Nash versus cooperative reserves";

/** The bodies of the fenced blocks of `language` in the README section titled `heading` (throws if there is no such section). */
export function readmeBlocks(heading: string, language: string): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  // Fences read line by line (an opening fence carries the language, a closing one none), so that
  // an untagged block is never confused with the closing fence of a tagged one.
  const bodies: string[] = [];
  let open: { language: string; lines: string[] } | undefined;
  for (const line of section.split("\n")) {
    if (!line.startsWith("```")) {
      open?.lines.push(line);
    } else if (open) {
      if (open.language === language) bodies.push(open.lines.map((l) => `${l}\n`).join(""));
      open = undefined;
    } else {
      open = { language: line.slice(3).trim(), lines: [] };
    }
  }
  return bodies;
}

/** What a run of a README example gave: its exit status, standard output and standard error. */
export interface ExampleRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the (only) js block of the README section `heading` as an ES module in a scratch project
 * whose node_modules holds this package (what `npm install optimal-reserve` leaves), so that
 * `import ... from "optimal-reserve"` resolves to the built dist/ as in a user's project. Needs
 * `npm run build`.
 */
export function runReadmeExample(heading: string): ExampleRun & { code: string | undefined } {
  const [code] = readmeBlocks(heading, "js");
  if (code === undefined) return { code, status: null, stdout: "", stderr: `no js block in README section "${heading}"` };
  return { code, ...runModule(code) };
}

/** Run `code` as an ES module in a scratch project whose node_modules holds this package (see runReadmeExample). */
export function runModule(code: string): ExampleRun {
  if (!existsSync(join(ROOT, "dist", "index.js"))) throw new Error("dist/index.js is missing: run npm run build");
  const scratch = mkdtempSync(join(tmpdir(), "optimal-reserve-readme-"));
  try {
    mkdirSync(join(scratch, "node_modules"));
    symlinkSync(ROOT, join(scratch, "node_modules", "optimal-reserve"), "dir");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: scratch, encoding: "utf8", timeout: 50_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The command examples of the README section `heading`: untagged fenced blocks whose first line is
 * `$ optimal-reserve <command> ...` (continued over lines ending in a backslash), each as the CLI
 * arguments and the output printed below the command.
 */
export function readmeCommands(heading: string, command: string): { args: string[]; printed: string }[] {
  const blocks = readmeBlocks(heading, "");
  const prefix = `$ optimal-reserve ${command} `;
  return blocks.filter((b) => b.startsWith(prefix)).map((b) => {
    const lines = b.split("\n");
    let end = 0;
    while (lines[end]!.endsWith("\\")) end++;
    const commandLine = lines.slice(0, end + 1).map((l) => l.replace(/\\$/, "")).join(" ").slice("$ optimal-reserve ".length);
    return { args: commandLine.split(/\s+/).filter((a) => a !== ""), printed: lines.slice(end + 1).join("\n") };
  });
}
