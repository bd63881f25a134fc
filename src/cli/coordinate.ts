/** The `coordinate` command: Nash versus cooperative reserves and burden-sharing rules. */
import { coordinate, type CoordinationResult, type Profile } from "../coordination/coordinate";
import { coordinationMonteCarlo, type CoordinationUncertainty } from "../coordination/montecarlo";
import { IEA2022_UNCERTAINTY } from "../coordination/presets";
import { UsageError, numberOption, parse } from "./args";
import { backendFrom } from "./commands";
import { MARKET_HELP, MARKET_OPTIONS, marketFromFlags, readJsonFile } from "./market-file";
import { formatFrom, render, type Row } from "./output";

export const COORDINATE_HELP = `Usage: optimal-reserve coordinate (--market file.json | --preset iea2022) [flags]

Each country's reserve at the Nash equilibrium (Gauss-Seidel best responses from several starts;
every distinct equilibrium is listed), at the cooperative optimum of a coalition, and under the
burden-sharing rules iea90 (90 days of net imports), equalDays and consumptionShare; with expected
payoffs (USD/yr), the gain from cooperation, side payments and spillovers (USD/yr per unit).
Rows: one per profile and country; days are days of the country's own net imports (empty for a
net exporter).

  --coalition A,B,...              the cooperating countries (default all)
  --starts n                       random starts of the Nash search besides the four fixed ones (default 4)
  --seed n                         seed of the random starts and of --mc (default 1)
  --mc n                           also a Monte Carlo of n draws over the uncertain inputs
  --uncertainty file.json          what --mc draws (only with --mc) ({ elasticity: {low, high}, stocks: { name: {low, high} } });
                                   default for --preset iea2022: elasticity -0.35..-0.13, China's stock 200-277 Mbbl
  --plot out.svg                   also write a chart of the stocks (SVG)
${MARKET_HELP}`;

/** Totals within this fraction of each other are equal: the library's tie rule (closestRule), below the search's accuracy. */
const TIE = 1e-9;

const COLUMNS = ["profile", "country", "days", "units", "payoff", "spillover", "sidePayment"];

function rows(r: CoordinationResult): Row[] {
  const out: Row[] = [];
  const add = (profile: string, p: Profile, side?: number[]) =>
    r.countries.forEach((country, j) => out.push({
      profile, country, days: p.days[j] ?? null, units: p.units[j]!, payoff: p.payoffs[j]!, spillover: p.spillover[j]!,
      sidePayment: side ? side[j]! : null,
    }));
  add("nash", r.nash);
  r.nash.equilibria.slice(1).forEach((e, k) => add(`nash#${k + 2}`, e));
  add("cooperative", r.cooperative, r.cooperative.sidePayments);
  for (const rule of r.rules) add(rule.name, rule);
  return out;
}

function footer(r: CoordinationResult): string[] {
  const bn = (x: number) => `${(x / 1e9).toFixed(3)} bn USD/yr`;
  const lines = [
    "",
    `Nash: ${r.nash.equilibria.length} distinct equilibri${r.nash.equilibria.length === 1 ? "um" : "a"} found; the first (from zero stocks) took ${r.nash.iterations} sweeps${r.nash.converged ? "" : " (NOT converged)"}; total ${bn(r.nash.total)}`,
    `cooperative (${r.cooperative.coalition.join(", ")}): total ${bn(r.cooperative.total)}, gain over Nash ${bn(r.cooperative.gain)}, ${r.cooperative.iterations} sweeps${r.cooperative.converged ? "" : " (NOT converged)"}`,
  ];
  if (r.cooperative.note) lines.push(`  note: ${r.cooperative.note}; docs/coordination.md, "Side payments"`);
  for (const note of r.meta.notes) lines.push(`note: ${note}`);
  if (!r.cooperative.splitDetermined) lines.push("  note: members with equal holding costs: only the cooperative total is determined; the split (and the side payments) shown is one of many");
  const reaches = (gap: number) => Math.abs(gap) <= TIE * Math.abs(r.cooperative.total);
  for (const rule of r.rules) {
    lines.push(`rule ${rule.name} (${rule.description}): total ${bn(rule.total)}, ${reaches(rule.gapToCooperative) ? "the cooperative total (to within one part in a billion)" : `${bn(rule.gapToCooperative)} below cooperative`}`);
  }
  const reaching = r.rules.filter((x) => reaches(x.gapToCooperative)).map((x) => x.name);
  lines.push(`closest rule to the cooperative optimum: ${r.closestRule}${reaching.length > 1 ? ` (${reaching.join(", ")} all reach the cooperative total)` : ""}`);
  lines.push("units in the market's units; payoff = -(expected disruption loss) - holding cost, USD/yr; spillover = what one more unit gives the others, USD/yr; sidePayment > 0 received");
  lines.push(`meta: ${r.meta.method}; backend ${r.meta.backend}; version ${r.meta.version}; market ${r.meta.paramsHash}`);
  return lines;
}

function uncertaintyFrom(values: Record<string, unknown>): CoordinationUncertainty {
  const file = values.uncertainty;
  if (typeof file !== "string") {
    if (values.preset === "iea2022") return IEA2022_UNCERTAINTY;
    throw new UsageError("--mc needs --uncertainty file.json (or --preset iea2022)");
  }
  return readJsonFile("--uncertainty", file) as CoordinationUncertainty;
}

/** `optimal-reserve coordinate`. */
export async function coordinateCommand(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    ...MARKET_OPTIONS, coalition: { type: "string" }, starts: { type: "string" }, seed: { type: "string" },
    mc: { type: "string" }, uncertainty: { type: "string" }, plot: { type: "string" },
  });
  if (values.help) return COORDINATE_HELP;
  const format = formatFrom(values.format);
  const market = marketFromFlags(values);
  const backend = backendFrom(values);
  const randomStarts = numberOption("starts", values.starts, { integer: true, min: 0 });
  const seed = numberOption("seed", values.seed, { integer: true });
  const samples = numberOption("mc", values.mc, { integer: true, min: 1 });
  if (samples === undefined && values.uncertainty !== undefined) throw new UsageError("--uncertainty is what --mc draws: give --mc n with it (or leave it out)");
  const coalition = typeof values.coalition === "string" ? values.coalition.split(",").map((s) => s.trim()) : undefined;
  const r = coordinate(market, {
    backend, ...(coalition ? { coalition } : {}), ...(randomStarts === undefined ? {} : { randomStarts }), ...(seed === undefined ? {} : { seed }),
  });
  const mc = samples === undefined ? undefined : coordinationMonteCarlo(market, uncertaintyFrom(values), {
    samples, backend, ...(seed === undefined ? {} : { seed }),
    onProgress: (done, total) => { if (process.stderr.isTTY) process.stderr.write(`\rMonte Carlo ${done}/${total}`); },
  });
  if (mc && process.stderr.isTTY) process.stderr.write("\n");
  const table = rows(r);
  if (typeof values.plot === "string") {
    const [{ writeChart }, { stocksSpec }] = await Promise.all([import("./plot"), import("./coordination-plot")]);
    await writeChart(values.plot, stocksSpec(table.filter((x) => !String(x.profile).startsWith("nash#")).map((x) => ({
      country: String(x.country), profile: String(x.profile), units: x.units as number,
    }))), { notes: [`Reserves by country: Nash, cooperative and burden-sharing rules; market ${String(values.preset ?? values.market)}.`] });
  }
  const extra: string[] = [];
  if (mc) {
    const m = (x: number) => (x / 1e6).toFixed(1);
    extra.push("", `Monte Carlo (${mc.samples} draws, seed ${mc.meta.seed}): stock in million units, 5% / 50% / 95%`);
    mc.countries.forEach((name, j) => {
      const n = mc.nashUnits[j]!;
      const c = mc.cooperativeUnits[j]!;
      extra.push(`  ${name.padEnd(12)} Nash ${m(n.p05)} / ${m(n.p50)} / ${m(n.p95)}   cooperative ${m(c.p05)} / ${m(c.p50)} / ${m(c.p95)}`);
    });
    extra.push(`  group total  Nash ${m(mc.nashTotalUnits.p05)} / ${m(mc.nashTotalUnits.p50)} / ${m(mc.nashTotalUnits.p95)}   cooperative ${m(mc.cooperativeTotalUnits.p05)} / ${m(mc.cooperativeTotalUnits.p50)} / ${m(mc.cooperativeTotalUnits.p95)}`);
    extra.push(`  gain from cooperation (bn USD/yr): ${(mc.gain.p05 / 1e9).toFixed(3)} / ${(mc.gain.p50 / 1e9).toFixed(3)} / ${(mc.gain.p95 / 1e9).toFixed(3)}`);
  }
  return render(format, COLUMNS, table, { ...r, ...(mc ? { monteCarlo: mc } : {}) }, [...footer(r), ...extra]);
}
