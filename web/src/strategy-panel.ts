/**
 * The strategy panel: a release-and-refill rule under disruption and price shocks (docs/strategy.md).
 * The user picks the shocks (a sourced preset, or one class typed in), types the rule and the run,
 * and gets the cover fan chart, the run-out probability, the cost split with standard errors and
 * the optimal policy's gain over the rule. The work runs in Web Workers (strategy-run.ts), with a
 * progress bar and a cancel button. A bad value is named beside its field with the allowed range;
 * after a failed run the old results stay, dimmed.
 */
import { SHOCK_PRESETS, type Params, type StrategyRule } from "../../src/index";
import { chartCaption, type ChartCaption } from "./caption";
import { formatUsd } from "./format";
import { fanChart } from "./strategy-chart";
import { CUSTOM_SHOCK, RULE_FIELDS, RUN_FIELDS, SHOCK_FIELDS, fieldOf, readStrategyForm, type FieldSpec, type StrategyForm } from "./strategy-fields";
import { StrategyInputError, runStrategy, type StrategyOutcome } from "./strategy-run";
import { provenanceLines } from "./strategy-sources";
import { addDownloads } from "./takeaway";

/** What the panel needs from the page: the current valid parameters (undefined while invalid). */
export interface StrategySource {
  current(): { params: Params } | undefined;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, testId?: string): HTMLElementTagNameMap[K] => {
  const el = Object.assign(document.createElement(tag), props);
  if (testId) el.setAttribute("data-testid", testId);
  return el;
};

/** A percentage with its standard error: "17.81% ± 0.27%". */
const percent = (p: number, se: number) => `${(100 * p).toFixed(2)}% ± ${(100 * se).toFixed(2)}%`;

/**
 * The optimum's gain over the rule in words. Both costs come from sparse direct solves whose
 * rounding is far below 1e-9 relative (an optimal rule showed a gain of -0.006 USD on a cost of
 * about 1e12 USD), so a gain within 1e-9 of the rule's cost is no gain: the rule is optimal on
 * the grid.
 */
function savings(gain: number, ruleCost: number): string {
  if (Math.abs(gain) <= 1e-9 * Math.abs(ruleCost)) return "your rule is optimal on this grid.";
  return `the optimum saves ${formatUsd(gain)} USD (${((100 * gain) / ruleCost).toFixed(2)}% of the rule's cost).`;
}

/** The fields of `specs` as labelled inputs with their unit, range and error line, into `host`. */
function addFields(host: HTMLElement, specs: readonly FieldSpec[], inputs: Map<string, HTMLInputElement>, errors: Map<string, HTMLElement>): void {
  for (const spec of specs) {
    const row = element("div", { className: "strategy-field" });
    const id = `strategy-${spec.name}`;
    const label = element("label", { htmlFor: id, textContent: spec.label });
    const input = element("input", { id, type: "text", inputMode: "decimal", autocomplete: "off", value: spec.initial });
    input.dataset.strategyField = spec.name;
    const unit = element("span", { className: "field-unit", textContent: spec.unit });
    const range = element("span", { className: "range", textContent: `${spec.name}: ${spec.range}${spec.empty ? `; empty: ${spec.empty}` : ""}` });
    const error = element("div", { className: "error" }, `strategy-error-${spec.name}`);
    error.setAttribute("role", "alert");
    row.append(label, input, unit, range, error);
    host.append(row);
    inputs.set(spec.name, input);
    errors.set(spec.name, error);
  }
}

/** Build the panel inside `host` (an empty section of index.html) and wire it. */
export function setupStrategy(host: HTMLElement, source: StrategySource): void {
  const inputs = new Map<string, HTMLInputElement>();
  const errors = new Map<string, HTMLElement>();
  const controls = element("div", { className: "screen-only strategy-controls" });
  const intro = element("p", {
    className: "note",
    textContent: "Simulate a release-and-refill rule under random disruptions (seeded Monte Carlo, the paths split over Web Workers) " +
      "and compare it with the optimal policy on a grid (policy iteration, exact). Costs are expected and discounted, in USD, " +
      "under the parameters above.",
  });
  const shock = element("select", { id: "strategy-shock" }, "strategy-shock");
  shock.append(element("option", { value: CUSTOM_SHOCK, textContent: "custom: one disruption class (typed below)" }));
  for (const name of Object.keys(SHOCK_PRESETS)) shock.append(element("option", { value: name, textContent: `preset: ${name}` }));
  const shockLabel = element("label", { htmlFor: "strategy-shock", textContent: "shocks " });
  const shockNote = element("p", { className: "note" }, "strategy-shock-note");
  const sources = element("details", { className: "note" }, "strategy-sources");
  const sourceList = element("ul");
  sources.append(element("summary", { textContent: "where the preset's numbers come from" }), sourceList);
  const custom = element("div", { className: "strategy-fields" });
  addFields(custom, SHOCK_FIELDS, inputs, errors);
  const ruleBox = element("fieldset", { className: "strategy-fields" });
  ruleBox.append(element("legend", { textContent: "rule" }));
  addFields(ruleBox, RULE_FIELDS, inputs, errors);
  const runBox = element("fieldset", { className: "strategy-fields" });
  runBox.append(element("legend", { textContent: "run" }));
  addFields(runBox, RUN_FIELDS, inputs, errors);
  const disrupted = element("input", { type: "checkbox", id: "strategy-disrupted" }, "strategy-disrupted");
  const disruptedLabel = element("label", { className: "strategy-check" });
  disruptedLabel.append(disrupted, " start in a disruption (of the first class) just begun");
  runBox.append(disruptedLabel);
  const run = element("button", { type: "button", textContent: "Run strategy" }, "strategy-run");
  const cancel = element("button", { type: "button", textContent: "Cancel", disabled: true }, "strategy-cancel");
  const progress = element("progress", { max: 1, value: 0 }, "strategy-progress");
  const status = element("span", {}, "strategy-status");
  const note = element("p", { className: "note" }, "strategy-note");
  controls.append(intro, shockLabel, shock, shockNote, sources, custom, ruleBox, runBox, run, cancel, progress, status, note);

  const results = element("div", { id: "strategy-results" }, "strategy-results");
  const staleNote = element("p", { className: "stale-note", textContent: "These results are from the previous run." });
  const summary = element("p", {}, "strategy-summary");
  const figure = element("figure", { id: "figure-fan" });
  figure.append(element("figcaption", { textContent: "Stock under the rule over time: median, p25-p75 and p5-p95 of the paths" }));
  const chart = element("div", { className: "chart" }, "strategy-fan");
  figure.append(chart);
  const costs = element("table", {}, "strategy-costs");
  const costsBox = element("div", { className: "scroll" });
  costsBox.append(costs);
  const optimum = element("p", {}, "strategy-optimum");
  // On paper the controls are gone: the shocks and the rule of these results are listed instead.
  const printed = element("p", { className: "print-only note" }, "strategy-inputs");
  results.append(staleNote, summary, figure, costsBox, optimum, printed);
  host.append(element("h2", { textContent: "Release and refill strategy" }), controls, results);

  let last: StrategyOutcome | undefined;
  let lastCaption: ChartCaption | undefined;
  let controller: AbortController | undefined;
  addDownloads(figure, "strategy", {
    name: "optimal-reserve-strategy-fan",
    svg: () => chart.querySelector("svg"),
    caption: () => lastCaption,
    csv: () => {
      if (!last) return undefined;
      const b = last.simulation.bands;
      return ["days,p5,p25,p50,p75,p95", ...b.time.map((t, i) => [t, b.p5[i], b.p25[i], b.p50[i], b.p75[i], b.p95[i]].join(","))].join("\n") + "\n";
    },
  });

  const showShock = () => {
    const isCustom = shock.value === CUSTOM_SHOCK;
    custom.hidden = !isCustom;
    shockNote.textContent = isCustom ? "" : SHOCK_PRESETS[shock.value]!.description;
    sources.hidden = isCustom;
    sourceList.replaceChildren(...(isCustom ? [] : provenanceLines(SHOCK_PRESETS[shock.value]!).map((text) => element("li", { textContent: text }))));
  };
  shock.addEventListener("change", showShock);
  showShock();

  const clearErrors = () => errors.forEach((e) => (e.textContent = ""));
  const fail = (message: string) => {
    status.textContent = message;
    results.classList.toggle("stale", last !== undefined);
  };

  const show = (outcome: StrategyOutcome, params: Params, rule: StrategyRule) => {
    const r = outcome.simulation;
    const m = r.meta;
    const se = r.standardErrors;
    summary.dataset.runOut = String(r.runOutProbability);
    summary.dataset.runOutSe = String(se.runOutProbability);
    summary.dataset.p50End = String(r.bands.p50[r.bands.p50.length - 1]);
    summary.textContent = `P(the stock runs out at least once in ${m.horizon} days) = ${percent(r.runOutProbability, se.runOutProbability)}; ` +
      `expected shortfall left uncovered ${r.expectedShortfall.toFixed(3)} ± ${se.expectedShortfall.toFixed(3)} days of imports; ` +
      `time to refill ${r.timeToRefill === null ? "n/a (no refill completed)" : `${r.timeToRefill.toFixed(1)} days`}; ` +
      `${m.samples.toLocaleString("en-US")} paths x ${m.steps} steps of ${m.step} days, seed ${m.seed}.`;
    chart.replaceChildren(fanChart(r.bands, m.rule.targetStock));
    const rows: [string, string, number, number | null][] = [
      ["consumer", "consumer loss", r.costs.consumer, se.consumer],
      ["gdp", "GDP loss", r.costs.gdp, se.gdp],
      ["storage", "storage", r.costs.storage, se.storage],
      ["purchases", "purchases (net of sales)", r.costs.purchases, se.purchases],
      ["total", "total cost", r.costs.total, se.total],
      ["stockLeftValue", "value of the stock left at the end", r.stockLeftValue, se.stockLeftValue],
      ["netCost", "total net of the stock left", r.netCost, se.netCost],
      ["fiscalBalance", "fiscal balance of the reserve", r.fiscalBalance, se.fiscalBalance],
    ];
    const head = element("thead");
    head.innerHTML = "<tr><th>cost (expected, discounted)</th><th>USD</th><th>standard error</th></tr>";
    const body = element("tbody");
    for (const [part, label, value, error] of rows) {
      const tr = element("tr");
      tr.dataset.part = part;
      const cell = element("td", { textContent: formatUsd(value) });
      cell.dataset.value = String(value);
      tr.append(element("td", { textContent: label }), cell, element("td", { textContent: error === null ? "" : formatUsd(error) }));
      body.append(tr);
    }
    costs.replaceChildren(head, body);
    const o = outcome.optimum;
    if ("optimum" in o) {
      const best = o.optimum;
      optimum.dataset.gain = String(best.gain);
      optimum.dataset.optimalCost = String(best.optimalCost);
      optimum.dataset.ruleCost = String(best.ruleCost);
      optimum.dataset.refillTarget = String(best.refillTarget);
      const timers = (rule.drawdownLag ?? 0) !== 0 || (rule.refillDelay ?? 0) !== 0 ? " without its drawdown lag and refill delay (timers are not grid states)" : "";
      optimum.textContent = `Optimal versus your rule (exact, infinite horizon, ${best.grid.states} states): the optimal policy costs ` +
        `${formatUsd(best.optimalCost)} USD, your rule${timers} ${formatUsd(best.ruleCost!)} USD: ${savings(best.gain!, best.ruleCost!)} ` +
        `It refills to ${best.refillTarget.toFixed(2)} days; long-run mean stock ${best.meanStock.toFixed(2)} days; ` +
        `long-run P(empty | disrupted) ${best.runOutProbability.toExponential(3)}.` +
        best.meta.notes.map((n) => ` Note: ${n}.`).join("");
    } else {
      for (const key of ["gain", "optimalCost", "ruleCost", "refillTarget"]) delete optimum.dataset[key];
      optimum.textContent = `Optimal versus your rule: not computed: ${o.error}`;
      // A field only the optimum reads (the grid's stock levels) is marked as any bad field is.
      const field = fieldOf(o.parameter);
      if (field !== undefined) errors.get(field)!.textContent = o.error;
    }
    lastCaption = chartCaption("Stock under the rule (days of imports): median, p25-p75, p5-p95", params, [
      `shocks: ${shock.value}`, `rule: ${Object.entries(rule).map(([k, v]) => `${k} ${String(v)}`).join(", ")}`,
      `${m.samples} paths, seed ${m.seed}, step ${m.step} days`,
    ]);
    printed.textContent = `Shocks: ${shock.value === CUSTOM_SHOCK ? "custom" : `preset ${shock.value}`} ` +
      `(onsetRate ${m.shocks.onsetRate}/yr; ${m.shocks.classes.map((c) => `${c.name}: weight ${c.weight.toFixed(4)}, severity ${c.severity}, meanDuration ${c.meanDuration} days`).join("; ")}; ` +
      `priceReversion ${m.shocks.priceReversion}/yr, priceVolatility ${m.shocks.priceVolatility}). Rule: ` +
      `${Object.entries(m.rule).map(([k, v]) => `${k} ${String(v)}`).join(", ")}. Start: ${m.initialRegime === 0 ? "normal times" : "a disruption just begun"}, stock ${m.initialStock} days.`;
    last = outcome;
    results.classList.remove("stale");
  };

  run.addEventListener("click", async () => {
    clearErrors();
    note.textContent = "";
    const page = source.current();
    if (!page) return fail("fix the highlighted parameters above first");
    const form: StrategyForm = { values: Object.fromEntries([...inputs].map(([name, input]) => [name, input.value])), shock: shock.value, startDisrupted: disrupted.checked };
    const read = readStrategyForm(form);
    if ("errors" in read) {
      for (const [name, message] of Object.entries(read.errors)) errors.get(name)!.textContent = message;
      return fail(`fix the fields marked in red: ${Object.values(read.errors).join("; ")}`);
    }
    controller = new AbortController();
    run.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    status.textContent = "running";
    const started = performance.now();
    try {
      const outcome = await runStrategy(page.params, read.request, {
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.value = done / total;
          status.textContent = `${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} paths`;
        },
        onNote: (text) => {
          note.textContent = text;
        },
      });
      show(outcome, page.params, read.request.rule);
      const where = outcome.workers === 0 ? "the main thread" : `${outcome.workers} workers`;
      status.textContent = `done in ${((performance.now() - started) / 1000).toFixed(2)} s on ${where} (${outcome.simulation.meta.backend.toUpperCase()})`;
      host.dataset.runs = String(Number(host.dataset.runs ?? 0) + 1);
    } catch (error) {
      if (controller.signal.aborted) fail("cancelled");
      else if (error instanceof StrategyInputError) {
        const field = fieldOf(error.parameter);
        if (field !== undefined) errors.get(field)!.textContent = error.message;
        fail(error.message);
      } else fail(error instanceof Error ? error.message : String(error));
    } finally {
      run.disabled = false;
      cancel.disabled = true;
    }
  });
  cancel.addEventListener("click", () => controller?.abort(new DOMException("cancelled", "AbortError")));
}
