/**
 * The optimal-reserve command line. Exit codes: 0 success; 2 a usage error or an invalid
 * parameter (the message names it, the value and the allowed range); 3 a streaming command
 * (sweep, batch) finished but some rows were invalid (each flagged in its error column, counted
 * on stderr); 1 anything unexpected.
 */
import { ParameterError } from "./params";
import { UsageError } from "./cli/args";
import { IoError } from "./cli/io";
import { PAPER_HELP, SOLVE_HELP, paperCommand, solveCommand } from "./cli/commands";
import {
  BREAKEVEN_HELP, CURVE_HELP, MC_HELP, TORNADO_HELP, breakevenCommand, curveCommand, mcCommand, tornadoCommand,
} from "./cli/analysis";
import { BATCH_HELP, MERGE_HELP, batchCommand, mergeCommand } from "./cli/batch";
import type { StreamSummary } from "./cli/job";
import { SWEEP_HELP, sweepCommand } from "./cli/sweep";

/**
 * A command returns its whole output, or yields it in pieces (streamed as they come) and returns
 * a summary of the rows it wrote.
 */
type Output = string | Iterator<string, StreamSummary | undefined> | Promise<string | StreamSummary>;
const COMMANDS: Record<string, { run: (argv: string[]) => Output; help: string }> = {
  solve: { run: solveCommand, help: SOLVE_HELP },
  paper: { run: paperCommand, help: PAPER_HELP },
  curve: { run: curveCommand, help: CURVE_HELP },
  sweep: { run: sweepCommand, help: SWEEP_HELP },
  tornado: { run: tornadoCommand, help: TORNADO_HELP },
  mc: { run: mcCommand, help: MC_HELP },
  breakeven: { run: breakevenCommand, help: BREAKEVEN_HELP },
  batch: { run: batchCommand, help: BATCH_HELP },
  merge: { run: mergeCommand, help: MERGE_HELP },
};

const MAIN_HELP = `Usage: optimal-reserve <command> [flags]

How large should a strategic reserve be? Solves the cost-benefit model of Xie, Lin, Su & Pang
(2019) for the optimal reserve z* in days of imports.

Commands:
  solve      solve one parameter set (flags named after the API parameters)
  paper      the paper's 8 published cases next to this model's values
  curve      MB, MC and total cost over a range of reserve sizes
  sweep      z* over a grid of parameter values (--vary), streamed (--out, --resume, --shard i/n)
  tornado    z* at low and high values of every parameter
  mc         Monte Carlo: the distribution of z* under uncertain parameters
  breakeven  the parameter value at which a given stock is optimal
  batch      solve every row of a CSV/NDJSON file, streamed (--resume, --shard i/n)
  merge      merge the outputs of batch or sweep --shard into input order

Run 'optimal-reserve <command> --help' for a command's flags.`;

async function main(argv: string[]): Promise<number> {
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
    if (error instanceof IoError) {
      process.stderr.write(`optimal-reserve ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof ParameterError) {
      process.stderr.write(`optimal-reserve ${name}: ${error.message}\nRun 'optimal-reserve ${name} --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`optimal-reserve ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
