/** The `solve` and `paper` commands. */
import { NET_BENEFIT_DIVERGES_NOTE, solve, type Solution } from "../solve";
import { paperCases, PRICE_GAP_NOTE } from "../presets";
import type { BackendChoice } from "../backend/index";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, parameterHelp, parse } from "./args";
import { formatAmount, formatDays, table } from "./format";

export const COMMON_OPTIONS = {
  backend: { type: "string" as const },
  json: { type: "boolean" as const },
  help: { type: "boolean" as const, short: "h" },
};

/** The --backend value (default auto). */
export function backendFrom(values: Record<string, unknown>): BackendChoice {
  const b = values.backend;
  if (b === undefined) return "auto";
  if (b === "auto" || b === "wasm" || b === "js") return b;
  throw new UsageError(`invalid --backend: ${JSON.stringify(b)}; allowed: auto, wasm, js`);
}

export const SOLVE_HELP = `Usage: optimal-reserve solve [parameter flags] [--no-gdp] [--backend auto|wasm|js] [--json]

Solve for the optimal reserve z* (days of imports). Missing parameters take the paper's
China-2017 base values.

Parameter flags:
${parameterHelp()}

Other flags:
  --backend auto|wasm|js     kernel to run (default auto: WebAssembly, else JavaScript)
  --json                     print the Solution object as JSON
  -h, --help                 this help`;

export const PAPER_HELP = `Usage: optimal-reserve paper [--backend auto|wasm|js] [--json]

Print the paper's 8 published cases (Xie, Lin, Su & Pang 2019): name, the change from the base
case, the paper's z*, this model's z*, and the difference (days of imports).

  --backend auto|wasm|js     kernel to run (default auto)
  --json                     an array of { name, change, paper, zStar, difference, status, backend }
  -h, --help                 this help`;

function describeNet(s: Solution): string {
  if (s.netBenefitFinite) return `${formatAmount(s.netBenefit)} USD/yr`;
  return `diverges (+Infinity): ${NET_BENEFIT_DIVERGES_NOTE}`;
}

/** `optimal-reserve solve`; returns the text to print. */
export function solveCommand(argv: string[]): string {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...COMMON_OPTIONS });
  if (values.help) return SOLVE_HELP;
  const s = solve(baseFromFlags(values), { backend: backendFrom(values) });
  if (values.json) return JSON.stringify(s, null, 2);
  const rows: [string, string][] = [
    ["optimal reserve   z*", `${formatDays(s.zStar)} days of imports (status ${s.status}, backend ${s.backend})`],
    ["marginal benefit  MB(z*)", `${formatAmount(s.marginalBenefit)} USD/yr per day of reserve`],
    ["marginal cost     MC", `${formatAmount(s.marginalCost)} USD/yr per day of reserve`],
    ["slope             MB'(z*)", `${formatAmount(s.slope)} USD/yr per day^2`],
    ["total cost        S(z*)", `${formatAmount(s.totalCost)} USD/yr`],
    ["net benefit       W(z*)", describeNet(s)],
  ];
  return rows.map(([label, value]) => `${label.padEnd(26)}= ${value}`).join("\n");
}

/** `optimal-reserve paper`; returns the text to print. */
export function paperCommand(argv: string[]): string {
  const { values } = parse(argv, COMMON_OPTIONS);
  if (values.help) return PAPER_HELP;
  const backend = backendFrom(values);
  const rows = paperCases.map((c) => {
    const s = solve(c.params, { backend });
    return { name: c.name, change: c.description, paper: c.paper, zStar: s.zStar, difference: s.zStar - c.paper, status: s.status, backend: s.backend };
  });
  if (values.json) return JSON.stringify(rows, null, 2);
  const body = table(
    ["case", "change", "paper", "z* (days)", "difference"],
    rows.map((r) => [r.name, r.change, String(r.paper), formatDays(r.zStar), (r.difference >= 0 ? "+" : "") + r.difference.toFixed(2)]),
    [false, false, true, true, true],
  );
  return `${body}\n\nbackend: ${rows[0]?.backend}. ${PRICE_GAP_NOTE}`;
}
