/**
 * The optimal-reserve command line. Exit codes: 0 success; 2 a usage error, an invalid
 * parameter (the message names it, the value and the allowed range) or a file that cannot be read
 * or written (the message names the path and the reason); 3 a streaming command (sweep, batch)
 * finished but some rows were invalid (each flagged in its error column, counted on stderr);
 * 1 anything unexpected.
 */
import { ParameterError } from "./params";
import { VERSION } from "./version";
import { IoError, UsageError, systemReason } from "./cli/args";
import { findCommand, mainHelp } from "./cli/registry";
import type { StreamSummary } from "./cli/job";

/** A Node system error (ENOENT, EACCES, ENOSPC, ...) from a file operation. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof e.code === "string" && typeof e.syscall === "string";
}

/** The message printed for a failure, and the exit code. */
function failure(name: string, error: unknown): [string, number] {
  if (error instanceof UsageError || error instanceof ParameterError) {
    return [`${error.message}\nRun 'optimal-reserve ${name} --help' for usage.`, 2];
  }
  if (error instanceof IoError) return [error.message, 2];
  if (isSystemError(error)) {
    return [`cannot ${error.syscall}${error.path ? ` ${error.path}` : ""}: ${systemReason(error)}`, 2];
  }
  return [(error as Error).stack ?? String(error), 1];
}

/** `--version` before any `--`, wherever it stands among a command's flags. */
const asksVersion = (argv: string[]) => {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--version");
};

/** `optimal-reserve help <command>`: that command's help from the registry. */
function helpOn(topic: string): number {
  const command = findCommand(topic);
  if (!command) {
    process.stderr.write(`optimal-reserve: unknown command ${JSON.stringify(topic)}\n\n${mainHelp()}\n`);
    return 2;
  }
  process.stdout.write(`${command.help}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" && rest[0] !== undefined) return helpOn(rest[0]);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${mainHelp()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || (findCommand(name) && asksVersion(rest))) {
    process.stdout.write(`optimal-reserve ${VERSION}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    process.stderr.write(`optimal-reserve: unknown command ${JSON.stringify(name)}\n\n${mainHelp()}\n`);
    return 2;
  }
  try {
    const output = await command.run(rest);
    if (typeof output === "string") {
      process.stdout.write(`${output}\n`);
      return 0;
    }
    let summary: StreamSummary | undefined;
    if ("next" in output) {
      let step = output.next();
      for (; !step.done; step = output.next()) if (step.value !== "") process.stdout.write(`${step.value}\n`);
      summary = step.value;
    } else {
      summary = output;
    }
    if (summary?.message) process.stderr.write(`optimal-reserve ${name}: ${summary.message}\n`);
    return summary && summary.invalid > 0 ? 3 : 0;
  } catch (error) {
    const [message, code] = failure(name, error);
    process.stderr.write(`optimal-reserve ${name}: ${message}\n`);
    return code;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
