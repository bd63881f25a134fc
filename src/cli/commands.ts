/** The `solve`, `elasticities` and `paper` commands. */
import { elasticities } from "../analysis/elasticities";
import { NET_BENEFIT_DIVERGES_NOTE, solve, type Solution } from "../solve";
import { paperCases, PRICE_GAP_NOTE } from "../presets";
import type { Status } from "../status";
import type { BackendChoice } from "../backend/index";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parameterHelp, parse } from "./args";
import { formatAmount, formatDays, table } from "./format";
import { formatFrom, render, type Row } from "./output";
import { importsCaveat, templateFrom, unitsLabel } from "./template-flags";

/** --backend and --help (every command); --version is handled before a command runs. */
export const COMMON_OPTIONS = {
  backend: { type: "string" as const },
  help: { type: "boolean" as const, short: "h" },
};

/** --format and its short form --json (see parse in ./args). */
export const OUTPUT_OPTIONS = {
  format: { type: "string" as const },
  json: { type: "boolean" as const },
};

export const OUTPUT_HELP = `  --format csv|json|ndjson|table   output format (default table)
  --json                           short for --format json
  --backend auto|wasm|js           kernel to run (default auto: WebAssembly, else JavaScript)
  --version                        print the package version
  -h, --help                       this help`;

/** The --backend value (default auto). */
export function backendFrom(values: Record<string, unknown>): BackendChoice {
  const b = values.backend;
  if (b === undefined) return "auto";
  if (b === "auto" || b === "wasm" || b === "js") return b;
  throw new UsageError(`invalid --backend: ${JSON.stringify(b)}; allowed: auto, wasm, js`);
}

export const SOLVE_HELP = `Usage: optimal-reserve solve [parameter flags] [--stock days] [--format ...]

Solve for the optimal reserve z* (days of imports, and units of the commodity: z* x imports).
Missing parameters take the paper's China-2017 base values (or, with --template, the template's:
z* is then also given in the template's unit, e.g. kg of gallium metal).

  --stock days                     the reserve held today: also report the gain over it,
                                   S(stock) - S(z*) in USD/yr (finite even where the net
                                   benefit diverges, so stocks can be compared)
${OUTPUT_HELP}

Parameter flags:
${parameterHelp()}`;

export const PAPER_HELP = `Usage: optimal-reserve paper [--format ...]

Print the paper's 8 published cases (Xie, Lin, Su & Pang 2019): name, the change from the base
case, the paper's z*, this model's z* (days of imports and million barrels), and the difference.

  json and ndjson rows: { name, change, paper, zStar, zStarUnits, difference, status, backend }
${OUTPUT_HELP}`;

export const ELASTICITIES_HELP = `Usage: optimal-reserve elasticities [parameter flags] [--format ...]

The sensitivity of z* to every parameter at the base case: the derivative dz*/dθ (days of
imports per unit of the parameter) and the elasticity (θ/z*) dz*/dθ (dimensionless: the %
change of z* per 1% change of the parameter). Every format gives the status of z*, and a note at
a corner: where z* = 0 every derivative is 0; where z* = H (status horizon or unbounded) dz*/dH = 1
and the others are 0 (at horizon the costs' derivatives are one-sided: they can only rise from 0).
${OUTPUT_HELP}

Parameter flags (the base case):
${parameterHelp()}`;

function describeNet(s: Solution): string {
  if (s.netBenefitFinite) return `${formatAmount(s.netBenefit)} USD/yr`;
  return `diverges (+Infinity): ${NET_BENEFIT_DIVERGES_NOTE}`;
}

/** Columns of `solve --format csv|ndjson`, in order. */
const SOLUTION_COLUMNS = [
  "zStar", "zStarUnits", "status", "marginalBenefit", "marginalCost", "slope", "totalCost", "netBenefit",
  "netBenefitFinite", "iterations", "backend",
] as const;

/** The labelled lines of `solve`'s table. */
function solutionTable(s: Solution, stock: number | undefined, units: string, caveat: string | undefined): string {
  const rows: [string, string][] = [
    ["optimal reserve   z*", `${formatDays(s.zStar)} days of imports (status ${s.status}, backend ${s.backend})`],
    ["in units          z* x q0", `${formatAmount(s.zStarUnits)} ${units}`],
    ...(caveat === undefined ? [] : [["                  caveat", caveat] as [string, string]]),
    ["marginal benefit  MB(z*)", `${formatAmount(s.marginalBenefit)} USD/yr per day of reserve`],
    ["marginal cost     MC", `${formatAmount(s.marginalCost)} USD/yr per day of reserve`],
    ["slope             MB'(z*)", `${formatAmount(s.slope)} USD/yr per day^2`],
    ["total cost        S(z*)", `${formatAmount(s.totalCost)} USD/yr`],
    ["net benefit       W(z*)", describeNet(s)],
  ];
  if (stock !== undefined && s.gainOverCurrentStock !== undefined) {
    rows.push(["gain over stock   S(z0)-S(z*)", `${formatAmount(s.gainOverCurrentStock)} USD/yr (moving from z0 = ${stock} days to z*)`]);
  }
  return rows.map(([label, value]) => `${label.padEnd(30)}= ${value}`).join("\n");
}

/** `optimal-reserve solve`; returns the text to print. */
export function solveCommand(argv: string[]): string {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...COMMON_OPTIONS, ...OUTPUT_OPTIONS, stock: { type: "string" } });
  if (values.help) return SOLVE_HELP;
  const format = formatFrom(values.format);
  // Any number: its range (0 <= stock <= horizon) is the library's one stock rule and message.
  const stock = numberOption("stock", values.stock);
  const base = baseFromFlags(values);
  const s = solve(base, { backend: backendFrom(values), ...(stock !== undefined ? { currentStock: stock } : {}) });
  const caveat = importsCaveat(values, base.imports);
  if (format === "table") return solutionTable(s, stock, unitsLabel(values), caveat);
  // With --template: which one, the unit zStarUnits is in, and whether it rests on an assumed imports.
  const t = templateFrom(values);
  const about: Row = t === undefined ? {} : { template: t.id, zStarUnit: t.unit, ...(caveat === undefined ? {} : { zStarUnitsCaveat: caveat }) };
  const row: Row = { ...(s as unknown as Row), ...about, ...(stock !== undefined ? { currentStock: stock } : {}) };
  if (format === "json") return JSON.stringify(row, null, 2);
  const columns: string[] = [...SOLUTION_COLUMNS, ...Object.keys(about), ...(stock !== undefined ? ["currentStock", "gainOverCurrentStock"] : [])];
  return render(format, columns, [row]);
}

/** `optimal-reserve elasticities`; returns the text to print. */
export function elasticitiesCommand(argv: string[]): string {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...COMMON_OPTIONS, ...OUTPUT_OPTIONS });
  if (values.help) return ELASTICITIES_HELP;
  const format = formatFrom(values.format);
  const e = elasticities(baseFromFlags(values), { backend: backendFrom(values) });
  const note = cornerNote(e.status);
  // json and the table say the status and note once (beside the rows, below the table); csv and
  // ndjson carry them on every row.
  const once = format === "json" || format === "table";
  const rows = e.rows.map((r): Row => (once ? { ...r } : { ...r, status: e.status, ...(note ? { note } : {}) }));
  const columns = ["name", "value", "derivative", "elasticity", ...(once ? [] : ["status", ...(note ? ["note"] : [])])];
  return render(format, columns, rows, { zStar: e.zStar, status: e.status, ...(note ? { note } : {}), meta: e.meta },
    ["", `base z* = ${formatDays(e.zStar)} days (status ${e.status}); derivative = dz*/dθ in days per unit of the parameter, elasticity = (θ/z*) dz*/dθ`,
      ...(note ? [`note: ${note}`] : [])]);
}

/** What the derivatives mean at a corner solution (undefined for an interior z*). */
function cornerNote(status: Status): string | undefined {
  switch (status) {
    case "interior": return undefined;
    case "horizon": return "corner z* = H (no holding cost): dz*/dH = 1; the costs' derivatives are one-sided (costs can only rise from 0); the others are 0";
    case "unbounded": return "corner z* = H (importDependence = 1 with the GDP term): dz*/dH = 1, every other derivative is 0";
    case "nearHorizon": return "z* within rounding of H: every derivative is reported as 0";
    default: return "corner z* = 0: z* does not move locally, every derivative is 0";
  }
}

/** Million, for the paper's reserves in barrels. */
const MILLION = 1e6;

/** `optimal-reserve paper`; returns the text to print. */
export function paperCommand(argv: string[]): string {
  const { values } = parse(argv, { ...COMMON_OPTIONS, ...OUTPUT_OPTIONS });
  if (values.help) return PAPER_HELP;
  const format = formatFrom(values.format);
  const backend = backendFrom(values);
  const rows = paperCases.map((c) => {
    const s = solve(c.params, { backend });
    return {
      name: c.name, change: c.description, paper: c.paper, zStar: s.zStar, zStarUnits: s.zStarUnits,
      difference: s.zStar - c.paper, status: s.status, backend: s.backend,
    };
  });
  if (format === "json") return JSON.stringify(rows, null, 2);
  if (format !== "table") return render(format, Object.keys(rows[0]!), rows);
  const body = table(
    ["case", "change", "paper", "z* (days)", "z* (mn bbl)", "difference"],
    rows.map((r) => [r.name, r.change, String(r.paper), formatDays(r.zStar), (r.zStarUnits / MILLION).toFixed(1),
      (r.difference >= 0 ? "+" : "") + r.difference.toFixed(2)]),
    [false, false, true, true, true, true],
  );
  return `${body}\n\nbackend: ${rows[0]?.backend}. z* in million barrels = z* x imports (bbl/day). ${PRICE_GAP_NOTE}`;
}
