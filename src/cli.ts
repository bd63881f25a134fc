/**
 * The optimal-reserve command line. Exit codes: 0 success; 2 a usage error or an invalid
 * parameter (the message names it, the value and the allowed range); 1 anything unexpected.
 */
import { ParameterError } from "./params";
import { UsageError } from "./cli/args";
import { PAPER_HELP, SOLVE_HELP, paperCommand, solveCommand } from "./cli/commands";

const COMMANDS: Record<string, { run: (argv: string[]) => string; help: string }> = {
  solve: { run: solveCommand, help: SOLVE_HELP },
  paper: { run: paperCommand, help: PAPER_HELP },
};

const MAIN_HELP = `Usage: optimal-reserve <command> [flags]

How large should a strategic reserve be? Solves the cost-benefit model of Xie, Lin, Su & Pang
(2019) for the optimal reserve z* in days of imports.

Commands:
  solve     solve one parameter set (flags named after the API parameters)
  paper     the paper's 8 published cases next to this model's values

Run 'optimal-reserve <command> --help' for a command's flags.`;

function main(argv: string[]): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${MAIN_HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`optimal-reserve: unknown command ${JSON.stringify(name)}\n\n${MAIN_HELP}\n`);
    return 2;
  }
  try {
    process.stdout.write(`${command.run(rest)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ParameterError) {
      process.stderr.write(`optimal-reserve ${name}: ${error.message}\nRun 'optimal-reserve ${name} --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`optimal-reserve ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
