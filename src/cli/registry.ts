/**
 * The command table: dispatch (src/cli.ts), the command list of `optimal-reserve --help` and the
 * per-command `--help` all read it. A new command is one entry here.
 */
import { ELASTICITIES_HELP, PAPER_HELP, SOLVE_HELP, elasticitiesCommand, paperCommand, solveCommand } from "./commands";
import {
  BREAKEVEN_HELP, CURVE_HELP, MC_HELP, TORNADO_HELP, breakevenCommand, curveCommand, mcCommand, tornadoCommand,
} from "./analysis";
import { BATCH_HELP, MERGE_HELP, batchCommand, mergeCommand } from "./batch";
import type { StreamSummary } from "./job";
import { SWEEP_HELP, sweepCommand } from "./sweep";
import { TEISBERG_HELP, teisbergCommand } from "./teisberg";
import { COORDINATE_HELP, coordinateCommand } from "./coordinate";
import { RELEASE_HELP, releaseCommand } from "./release";
import { STRATEGY_HELP, strategyCommand } from "./strategy";
import { TEMPLATES_HELP, templatesCommand } from "./templates";

/**
 * What a command returns: its whole output, or its output in pieces (streamed as they come) and
 * then a summary of the rows it wrote, or (async) either.
 */
export type CommandOutput = string | Iterator<string, StreamSummary | undefined> | Promise<string | StreamSummary>;

export interface Command {
  /** The word typed after `optimal-reserve`. */
  name: string;
  /** One line for the command list (at most ~80 characters). */
  summary: string;
  /** The command's help text (`optimal-reserve help <command>`; the command prints it for --help). */
  help: string;
  /** Run with the arguments after the command's name. */
  run: (argv: string[]) => CommandOutput;
}

export const COMMANDS: readonly Command[] = [
  { name: "solve", summary: "solve one parameter set (flags named after the API parameters)", help: SOLVE_HELP, run: solveCommand },
  { name: "elasticities", summary: "dz*/dθ and the elasticity of z* for every parameter", help: ELASTICITIES_HELP, run: elasticitiesCommand },
  { name: "paper", summary: "the paper's 8 published cases next to this model's values", help: PAPER_HELP, run: paperCommand },
  { name: "curve", summary: "MB, MC and total cost over a range of reserve sizes", help: CURVE_HELP, run: curveCommand },
  { name: "sweep", summary: "z* over a grid of parameter values (--vary), streamed (--out, --resume, --shard i/n)", help: SWEEP_HELP, run: sweepCommand },
  { name: "tornado", summary: "z* at low and high values of every parameter", help: TORNADO_HELP, run: tornadoCommand },
  { name: "mc", summary: "Monte Carlo: the distribution of z* under uncertain parameters", help: MC_HELP, run: mcCommand },
  { name: "breakeven", summary: "the parameter value at which a given stock is optimal", help: BREAKEVEN_HELP, run: breakevenCommand },
  { name: "batch", summary: "solve every row of a CSV/NDJSON file, streamed (--resume, --shard i/n)", help: BATCH_HELP, run: batchCommand },
  { name: "merge", summary: "merge the outputs of batch or sweep --shard into input order", help: MERGE_HELP, run: mergeCommand },
  { name: "teisberg", summary: "Teisberg's (1981) strategic-reserve model (GAMS markov.gms): optimal policy, pvcost", help: TEISBERG_HELP, run: teisbergCommand },
  { name: "coordinate", summary: "Nash vs cooperative reserves of several countries, burden-sharing rules", help: COORDINATE_HELP, run: coordinateCommand },
  { name: "release", summary: "a joint release: the world price and each country's gain", help: RELEASE_HELP, run: releaseCommand },
  { name: "strategy", summary: "release and refill: simulate, evaluate, optimize, steady", help: STRATEGY_HELP, run: strategyCommand },
  { name: "templates", summary: "mineral parameter templates, every field with its source (use: --template name)", help: TEMPLATES_HELP, run: templatesCommand },
];

/** The command called `name`, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** `optimal-reserve --help`: the usage and every command of the table. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: optimal-reserve <command> [flags]

How large should a strategic reserve be? Solves the cost-benefit model of Xie, Lin, Su & Pang
(2019) for the optimal reserve z* in days of imports (and in units of the commodity).

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Global flags:
  --version   print the package version (also after a command: optimal-reserve solve --version)
  -h, --help  this help

Run 'optimal-reserve <command> --help' (or 'optimal-reserve help <command>') for a command's flags.`;
}
