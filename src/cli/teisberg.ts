/** The `teisberg` command: Teisberg's (1981) reserve model as GAMS markov.gms writes it, solved exactly. */
import { TEISBERG_LEVELS, solveTeisberg } from "../strategy/teisberg";
import { parse } from "./args";
import { OUTPUT_HELP, OUTPUT_OPTIONS } from "./commands";
import { table } from "./format";
import { formatFrom, render } from "./output";

export const TEISBERG_HELP = `Usage: optimal-reserve teisberg [--format csv|json|ndjson|table] [--json]

Solve Teisberg's (1981) stochastic dynamic programme of the US Strategic Petroleum Reserve, as the
GAMS model library writes it (markov.gms): reserve levels 0, 3, ..., 21, a normal and a disrupted
market, discount 0.95. Prints the optimal next reserve level for each current level in each market
state, and pvcost = 0.0625 x the sum over the 16 starting states of the optimal expected discounted
cost (the model's own units). Solved by policy iteration (exact linear solves) and checked
against value iteration with a proven error bound.

JSON output: { pvcost, policy: { normal: number[], disrupted: number[] } }; csv and ndjson give one
row per current level (level, nextNormal, nextDisrupted, and pvcost on every row).

${OUTPUT_HELP.split("\n").filter((l) => !l.includes("--backend")).join("\n")}`;

/** `optimal-reserve teisberg`; returns the text to print. */
export function teisbergCommand(argv: string[]): string {
  const { values } = parse(argv, { ...OUTPUT_OPTIONS, help: { type: "boolean", short: "h" } });
  if (values.help) return TEISBERG_HELP;
  const format = formatFrom(values.format);
  const exact = solveTeisberg("policy-iteration");
  const check = solveTeisberg("value-iteration");
  const agreement = Math.abs(check.pvcost - exact.pvcost) / Math.abs(exact.pvcost);
  if (format === "json") return JSON.stringify({ pvcost: exact.pvcost, policy: exact.policy }, null, 2);
  if (format !== "table") {
    const rows = TEISBERG_LEVELS.map((level, l) => ({
      level, nextNormal: exact.policy.normal[l]!, nextDisrupted: exact.policy.disrupted[l]!, pvcost: exact.pvcost,
    }));
    return render(format, ["level", "nextNormal", "nextDisrupted", "pvcost"], rows);
  }
  const body = table(
    ["level", "next (normal)", "next (disrupted)"],
    TEISBERG_LEVELS.map((level, l) => [String(level), String(exact.policy.normal[l]), String(exact.policy.disrupted[l])]),
    [true, true, true],
  );
  return `${body}\n\npvcost = ${exact.pvcost.toFixed(6)} (0.0625 x the sum of the optimal expected discounted cost over the 16 starting states)\n`
    + `policy iteration; value iteration agrees to ${agreement.toExponential(1)} relative.`;
}
