/**
 * The Nash-versus-cooperative half of the coordination panel: the library's coordinate() run in a
 * Web Worker (coordination-worker.ts) for a coalition chosen with checkboxes, then every Nash
 * equilibrium found, the cooperative optimum and the burden-sharing rules as a chart and tables
 * (stocks in Mbbl and days of own net imports, payoffs in USD/yr, side payments, spillovers),
 * with each corner the optima sit on said in words (coordination-bounds.ts).
 */
import { coordinate, normalizeMarket, type CoordinationProfile, type CoordinationResult, type MarketInput } from "../../src/index";
import { addDownloads } from "./takeaway";
import { boundsOf } from "./coordination-bounds";
import { stocksChart, type StockBar } from "./coordination-chart";
import { el, valueCell } from "./coordination-dom";
import { showMbbl } from "./coordination-inputs";
import type { CoordinationReply, CoordinationRequest } from "./coordination-protocol";
import CoordinationWorker from "./coordination-worker.ts?worker&inline";
import { formatUsd } from "./format";
import { errorReply } from "./error-reply";

/** One column of the tables: a profile of the result with its label and key (data-profile). */
interface Column {
  key: string;
  label: string;
  profile: CoordinationProfile;
}

const RULE_LABELS: Record<string, string> = { iea90: "IEA 90 days", equalDays: "equal days", consumptionShare: "consumption share" };
const usdYr = (x: number) => `${formatUsd(x)} USD/yr`;
const days = (d: number | null) => (d === null ? "net exporter" : `${d.toFixed(1)} days`);

/** The columns of a result: every Nash equilibrium, the cooperative optimum, each rule. */
function columnsOf(r: CoordinationResult): Column[] {
  const several = r.nash.equilibria.length > 1;
  return [
    ...r.nash.equilibria.map((e, k) => ({ key: `nash-${k}`, label: several ? `Nash ${k + 1}` : "Nash", profile: e })),
    { key: "cooperative", label: r.cooperative.coalition.length === r.countries.length ? "cooperative" : "cooperative (coalition)", profile: r.cooperative },
    ...r.rules.map((rule) => ({ key: `rule-${rule.name}`, label: RULE_LABELS[rule.name] ?? rule.name, profile: rule })),
  ];
}

/** Build the section into `root` for `input`; runs coordinate() at once and on every change. */
export function setupEquilibria(root: HTMLElement, input: MarketInput): void {
  const market = normalizeMarket(input);
  const names = market.countries.map((c) => c.name);
  const boxes = names.map((name) => el("input", { type: "checkbox", checked: true, value: name }, { "data-testid": `coord-coalition-${name}` }));
  const starts = el("input", { type: "text", inputMode: "numeric", value: "4", name: "coord-random-starts" }, { "data-testid": "coord-random-starts" });
  const seed = el("input", { type: "text", inputMode: "numeric", value: "1", name: "coord-seed" }, { "data-testid": "coord-seed" });
  const errors: Record<string, HTMLElement> = Object.fromEntries(["coalition", "randomStarts", "seed"].map((p) => [p, el("div", { className: "error" }, { role: "alert", "data-testid": `coord-error-${p}` })]));
  const status = el("span", {}, { "data-testid": "coord-status" });
  const controls = el("div", { className: "screen-only coord-controls" }, {}, [
    el("div", { className: "coord-field" }, {}, ["cooperating countries (the coalition): ", ...boxes.map((b) => el("label", { className: "coord-member" }, {}, [b, ` ${b.value}`])), errors.coalition!]),
    el("div", { className: "coord-field" }, {}, [
      el("label", {}, {}, ["random starts of the Nash search ", starts]), " ", el("label", {}, {}, ["seed ", seed]), " ", status, errors.randomStarts!, errors.seed!,
    ]),
  ]);

  const summary = el("p", {}, { "data-testid": "coord-summary" });
  const chart = el("div", { className: "chart" }, { "data-testid": "coord-chart" });
  const figure = el("figure", { id: "figure-coordination" }, {}, [el("figcaption", { textContent: "Stocks by country under each Nash equilibrium found, the cooperative optimum and each burden-sharing rule (Mbbl)" }), chart]);
  const stocks = el("table", {}, { "data-testid": "coord-stocks-table" });
  const payoffs = el("table", {}, { "data-testid": "coord-payoffs-table" });
  const side = el("table", {}, { "data-testid": "coord-side-table" });
  const bounds = el("ul", { className: "note" }, { "data-testid": "coord-bounds" });
  const notes = el("ul", { className: "note" }, { "data-testid": "coord-notes" });
  const stale = el("p", { className: "stale-note", textContent: "These results are from the previous valid inputs." });
  const results = el("div", { className: "coord-equilibria-results" }, { "aria-live": "polite", "data-testid": "coord-equilibria-results" }, [
    stale, summary, figure,
    el("h4", { textContent: "Reserves: stock (Mbbl) and days of own net imports" }), el("div", { className: "scroll" }, {}, [stocks]), bounds,
    el("h4", { textContent: "Expected payoffs (−expected disruption loss − holding cost)" }), el("div", { className: "scroll" }, {}, [payoffs]),
    el("h4", { textContent: "Side payments and spillovers" }), el("div", { className: "scroll" }, {}, [side]), notes,
  ]);
  root.append(controls, results);

  let latest: { result: CoordinationResult; columns: Column[] } | undefined;
  addDownloads(figure, "coordination", {
    name: "optimal-reserve-coordination",
    svg: () => chart.querySelector("svg"),
    caption: () => (latest ? { title: "Stocks by country: Nash, cooperative and burden-sharing rules (Mbbl)", lines: [`optimal-reserve ${latest.result.meta.version}, preset iea2022, market ${latest.result.meta.paramsHash}`] } : undefined),
    csv: () => (latest ? stocksCsv(latest.result, latest.columns) : undefined),
  });

  let worker: Worker | undefined;
  /** Why Web Workers cannot start here, once one failed: then coordinate() runs on the main thread. */
  let noWorkers: string | undefined;
  let busy = false;
  let runs = 0;
  let pending = 0;

  const receive = (reply: CoordinationReply, where: string) => {
    busy = false;
    if (reply.type === "error") {
      const line = reply.parameter === undefined ? undefined : errors[reply.parameter];
      if (line) line.textContent = reply.message;
      status.textContent = line ? "" : `could not compute: ${reply.message}`;
      results.classList.add("stale");
      return;
    }
    status.textContent = `done in ${reply.ms.toFixed(0)} ms ${where} (backend ${reply.result.meta.backend})`;
    results.classList.remove("stale");
    latest = { result: reply.result, columns: columnsOf(reply.result) };
    show(reply.result, latest.columns);
    results.dataset.updates = String(++runs);
  };

  /** coordinate() on the main thread (a fraction of a second for the preset), after the status is painted. */
  const runHere = (request: CoordinationRequest) => {
    const ticket = ++pending;
    setTimeout(() => {
      if (ticket !== pending) return;
      const started = performance.now();
      try {
        const result = coordinate(request.market, request.options);
        receive({ type: "result", result, ms: performance.now() - started }, `on the main thread (Web Workers are not available here: ${noWorkers})`);
      } catch (error) {
        receive(errorReply(error), "");
      }
    }, 0);
  };

  const run = () => {
    for (const e of Object.values(errors)) e.textContent = "";
    // A run still going is for inputs that changed: stop it.
    if (busy && worker) {
      worker.terminate();
      worker = undefined;
    }
    busy = true;
    status.textContent = "computing Nash equilibria, the cooperative optimum and the rules…";
    const request: CoordinationRequest = {
      market: input,
      options: { coalition: boxes.filter((b) => b.checked).map((b) => b.value), randomStarts: numberOrText(starts.value), seed: numberOrText(seed.value) },
    };
    if (noWorkers === undefined) {
      try {
        worker ??= new CoordinationWorker();
      } catch (error) {
        noWorkers = error instanceof Error ? error.message : String(error);
      }
    }
    if (!worker) {
      runHere(request);
      return;
    }
    worker.onmessage = (e: MessageEvent<CoordinationReply>) => receive(e.data, "in a Web Worker");
    worker.postMessage(request);
  };

  function show(r: CoordinationResult, columns: Column[]): void {
    const total = (p: CoordinationProfile) => p.units.reduce((a, x) => a + x, 0);
    const head = () => el("tr", {}, {}, [el("th", { textContent: "country" }), ...columns.map((c) => el("th", { textContent: c.label }, { "data-profile": c.key }))]);
    stocks.replaceChildren(el("thead", {}, {}, [head()]), el("tbody", {}, {}, r.countries.map((name, j) => el("tr", {}, { "data-country": name }, [
      el("th", { textContent: name, scope: "row" }),
      ...columns.map((c) => {
        const cell = valueCell(`${showMbbl(c.profile.units[j]!)} Mbbl`, c.profile.units[j]!, { "data-profile": c.key });
        cell.append(el("br"), el("span", { className: "days", textContent: days(c.profile.days[j]!) }));
        return cell;
      }),
    ]))), el("tfoot", {}, {}, [el("tr", {}, { "data-country": "total" }, [
      el("th", { textContent: "total", scope: "row" }), ...columns.map((c) => valueCell(`${showMbbl(total(c.profile))} Mbbl`, total(c.profile), { "data-profile": c.key })),
    ])]));
    payoffs.replaceChildren(el("thead", {}, {}, [head()]), el("tbody", {}, {}, r.countries.map((name, j) => el("tr", {}, { "data-country": name }, [
      el("th", { textContent: name, scope: "row" }), ...columns.map((c) => valueCell(usdYr(c.profile.payoffs[j]!), c.profile.payoffs[j]!, { "data-profile": c.key })),
    ]))), el("tfoot", {}, {}, [
      el("tr", {}, { "data-country": "total" }, [el("th", { textContent: "total", scope: "row" }), ...columns.map((c) => valueCell(usdYr(c.profile.total), c.profile.total, { "data-profile": c.key }))]),
      el("tr", {}, { "data-country": "gap" }, [el("th", { textContent: "cooperative total minus this", scope: "row" }), ...columns.map((c) => {
        const gap = r.cooperative.total - c.profile.total;
        return valueCell(usdYr(gap), gap, { "data-profile": c.key });
      })]),
    ]));
    side.replaceChildren(
      el("thead", {}, {}, [el("tr", {}, {}, ["country", "payoff at Nash 1", "payoff cooperative", "side payment (+ received)", "spillover at Nash 1", "spillover cooperative"].map((h) => el("th", { textContent: h })))]),
      el("tbody", {}, {}, r.countries.map((name, j) => el("tr", {}, { "data-country": name }, [
        el("th", { textContent: name, scope: "row" }),
        valueCell(usdYr(r.nash.payoffs[j]!), r.nash.payoffs[j]!, { "data-field": "nashPayoff" }),
        valueCell(usdYr(r.cooperative.payoffs[j]!), r.cooperative.payoffs[j]!, { "data-field": "cooperativePayoff" }),
        valueCell(usdYr(r.cooperative.sidePayments[j]!), r.cooperative.sidePayments[j]!, { "data-field": "sidePayment" }),
        valueCell(`${r.nash.spillover[j]!.toFixed(3)} USD/yr per bbl`, r.nash.spillover[j]!, { "data-field": "nashSpillover" }),
        valueCell(`${r.cooperative.spillover[j]!.toFixed(3)} USD/yr per bbl`, r.cooperative.spillover[j]!, { "data-field": "cooperativeSpillover" }),
      ]))),
    );
    chart.replaceChildren(stocksChart(r.countries, columns.map((c): StockBar => ({ label: c.label, units: c.profile.units }))));
    bounds.replaceChildren(...columns.map((c) => {
      const b = boundsOf(market, c.profile.units);
      const parts = [
        ...r.countries.map((name, j) => (b.countries[j]!.length > 0 ? `${name} ${b.countries[j]!.join(", ")}` : "")).filter((s) => s !== ""),
        ...b.group,
      ];
      return el("li", { textContent: `${c.label}: ${parts.length > 0 ? parts.join("; ") : "no stock on a bound or kink"}.` }, { "data-profile": c.key });
    }));
    summary.textContent = summaryText(r);
    notes.replaceChildren(...noteLines(r).map((text) => el("li", { textContent: text })));
  }

  for (const b of boxes) b.addEventListener("change", run);
  for (const f of [starts, seed]) f.addEventListener("change", run);
  run();
}

/** A field's number, or its text when it is none (the library's message then quotes it). */
function numberOrText(text: string): number {
  const x = text.trim() === "" ? NaN : Number(text);
  return (Number.isFinite(x) ? x : text) as number;
}

/** One paragraph: how many equilibria, the totals, the gain from cooperation, the closest rule. */
function summaryText(r: CoordinationResult): string {
  const mbbl = (p: CoordinationProfile) => showMbbl(p.units.reduce((a, x) => a + x, 0));
  const n = r.nash.equilibria.length;
  const nash = n === 1
    ? `One Nash equilibrium found: ${mbbl(r.nash)} Mbbl in all.`
    : `${n} distinct Nash equilibria found (totals ${r.nash.equilibria.map(mbbl).join(", ")} Mbbl): the game has several, and the search reports each one it reached.`;
  const closest = r.rules.find((x) => x.name === r.closestRule)!;
  // Rules whose totals agree to 1e-9 (the library's tie rule) are named together: which of them is "closest" is rounding.
  const tied = r.rules.filter((x) => Math.abs(x.total - closest.total) <= 1e-9 * Math.abs(closest.total));
  const best = tied.length > 1
    ? `Rules with the largest total payoff (their totals agree to within one part in a billion): ${tied.map((x) => `${RULE_LABELS[x.name]} (${gapText(r, x.gapToCooperative)})`).join(", ")}.`
    : `Rule with the largest total payoff: ${RULE_LABELS[closest.name]} (${gapText(r, closest.gapToCooperative)}).`;
  const below = r.cooperative.belowNash
    ? ` The coalition does worse together than at Nash: the outsiders best-respond and hold less when it holds more, so no side payments can leave every member as well off as at Nash.`
    : "";
  return `${nash} Cooperative optimum of ${r.cooperative.coalition.join(", ")}: ${mbbl(r.cooperative)} Mbbl, ` +
    `a gain of ${usdYr(r.cooperative.gain)} over Nash 1 for the coalition.${below} ${best}`;
}

/**
 * A rule's distance to the cooperative total in words: within one part in a billion of it (the
 * library's tie rule, below the search's accuracy) it "reaches" it, as the CLI says; otherwise the
 * gap in USD/yr.
 */
export function gapText(r: CoordinationResult, gap: number): string {
  return Math.abs(gap) <= 1e-9 * Math.abs(r.cooperative.total)
    ? "reaches the cooperative total, to within one part in a billion"
    : `${usdYr(gap)} below the cooperative total`;
}

/** The caveats the result itself raises, and the method. */
function noteLines(r: CoordinationResult): string[] {
  const lines: string[] = [];
  const eq = r.nash.equilibria;
  eq.forEach((e, k) => lines.push(`Nash ${k + 1}: reached from the starts ${e.starts.join(", ")}; ${e.iterations} Gauss-Seidel sweeps, ${e.converged ? "converged" : "NOT converged"}; total payoff ${usdYr(e.total)}.`));
  if (eq.length > 1 && eq.every((e) => Math.abs(e.total - eq[0]!.total) <= 1e-9 * Math.abs(eq[0]!.total))) {
    lines.push("The equilibria found have the same total payoff (to within one part in a billion): they are likely points of a continuum of equilibria (any split of the same total that no one wants to change), of which the search shows those it reached.");
  }
  if (!r.cooperative.splitDetermined) {
    lines.push("The cooperative split is not determined (equal holding costs): only the coalition's total is; the split shown, and the side payments computed from it, are one choice among many.");
  }
  if (!r.cooperative.converged) lines.push("The cooperative search did NOT converge.");
  // A rule's level is in days for the day rules and in units (a total) for the consumption share.
  lines.push(`Rules: ${r.rules.map((x) => `${RULE_LABELS[x.name]}, ${x.description}: ${x.name === "consumptionShare" ? `${showMbbl(x.level)} Mbbl in all` : `${x.level.toFixed(2)} days`}`).join("; ")}.`);
  lines.push("Spillovers are one-sided (right) derivatives: at a kink they give the value of one more barrel past it.");
  lines.push(`Side payments: transfers giving each member its Nash 1 payoff plus an equal share of the gain${r.cooperative.belowNash ? " (here the gain is negative: every member ends below its Nash payoff)" : ""}. Method: ${r.meta.method}. optimal-reserve ${r.meta.version}, backend ${r.meta.backend}, market ${r.meta.paramsHash}, seed ${r.meta.seed}.`);
  return lines;
}

/**
 * The stocks table as CSV: country, then each profile's stock in barrels to 12 significant
 * digits (the search's accuracy is about 1e-12 relative: a stock on a kink, 239999999.99975985,
 * is written 240000000).
 */
function stocksCsv(r: CoordinationResult, columns: Column[]): string {
  const rows = [["country", ...columns.map((c) => `${c.label} (bbl)`)]];
  r.countries.forEach((name, j) => rows.push([name, ...columns.map((c) => String(Number(c.profile.units[j]!.toPrecision(12))))]));
  return `${rows.map((row) => row.join(",")).join("\n")}\n`;
}
