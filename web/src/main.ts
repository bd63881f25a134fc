/**
 * The page: reads the form, keeps the state in the URL, recomputes on every change and shows the
 * results, then the charts. Invalid input is shown beside its field and the last valid results
 * stay (marked stale): never a crash or a NaN.
 */
import { init, type Params } from "../../src/index";
import { chartCaption } from "./caption";
import { costChart, marginalChart, tornadoChart } from "./charts";
import { setupCoordination } from "./coordination-panel";
import { curveCsv, tornadoCsv } from "./export";
import { buildForm, type Form } from "./form";
import { presetOf, readInputs, stateOf } from "./inputs";
import { setupMonteCarlo, type MonteCarloPanel } from "./montecarlo";
import { showPaperTable } from "./paper-table";
import { showParameters } from "./parameters-table";
import { showResults } from "./results";
import { setupStrategy } from "./strategy-panel";
import { addDownloads } from "./takeaway";
import { setupTemplates, type TemplatePanel } from "./templates";
import { stateFromQuery, stateToQuery } from "./url-state";
import { computeView, type View } from "./view";

function byTestId(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing [data-testid=${id}]`);
  return el;
}

/** Compute and chart-drawing times of every update so far (ms): the e2e test reports them. */
const updateTimes: number[] = [];
const drawTimes: number[] = [];
let current: { params: Params; stock: number | undefined } | undefined;
/** The form state last shown (as JSON). */
let shown = "";
/** The latest view whose charts are not drawn yet. */
let undrawn: View | undefined;
/** The view shown (its numbers are what the downloads hold). */
let latest: View | undefined;
let monteCarloPanel: MonteCarloPanel | undefined;
let templatePanel: TemplatePanel | undefined;

/** Keep the state in the URL; a page opened as file:// may refuse it, and then the link just stays. */
function keepInUrl(query: string): void {
  try {
    history.replaceState(null, "", `${location.pathname}${query}`);
  } catch {
    // The page works the same; only the link does not follow the edits.
  }
}

/**
 * Validate, solve and show the numbers at once (well under a millisecond), so that z* is current
 * as soon as the edit's event returns; the charts (several ms) follow in the next frame, once
 * for any number of edits in between.
 */
function update(form: Form): void {
  const state = form.read();
  // An edit that changes nothing ("change" after "input", a slider let go) costs nothing.
  const key = JSON.stringify(state);
  if (key === shown) return;
  shown = key;
  keepInUrl(stateToQuery(state));
  form.showPreset(state);
  // A paper case in the form leaves any applied template: its laws go from the Monte Carlo panel too.
  if (presetOf(state) >= 0 && templatePanel?.forget()) monteCarloPanel?.reset();
  const inputs = readInputs(state);
  form.showErrors(inputs.errors);
  // The numbers and the charts of the last valid inputs stay, dimmed.
  const stale = (on: boolean) => ["results", "outputs"].forEach((id) => document.getElementById(id)!.classList.toggle("stale", on));
  stale(inputs.params === undefined);
  if (!inputs.params) {
    current = undefined;
    return;
  }
  current = { params: inputs.params, stock: inputs.stock };
  monteCarloPanel?.follow();
  const started = performance.now();
  let view: View;
  try {
    view = computeView(inputs.params, inputs.stock);
  } catch (error) {
    // Not expected for validated inputs (the library never returns NaN; it throws): say so.
    stale(true);
    byTestId("status").textContent = `could not solve: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  updateTimes.push(performance.now() - started);
  showResults(view, templatePanel?.unitOf(view.params));
  templatePanel?.show(view.params, view.solution.zStar);
  latest = view;
  showParameters(byTestId("print-params") as HTMLTableElement, byTestId("version"), view, templatePanel?.applied(view.params));
  if (undrawn === undefined) requestAnimationFrame(draw);
  undrawn = view;
}

function draw(): void {
  const view = undrawn;
  undrawn = undefined;
  if (!view) return;
  const started = performance.now();
  byTestId("chart-cost").replaceChildren(costChart(view));
  byTestId("chart-marginal").replaceChildren(marginalChart(view));
  byTestId("chart-tornado").replaceChildren(tornadoChart(view));
  const drawn = performance.now() - started;
  drawTimes.push(drawn);
  byTestId("update-ms").textContent = `${updateTimes.at(-1)!.toFixed(2)} ms (solve, 200-point curve, tornado; charts ${drawn.toFixed(1)} ms)`;
  // Updates computed so far, all of them now drawn: what tests wait for.
  document.body.dataset.updates = String(updateTimes.length);
}

/** CSV, SVG and PNG buttons under the three live charts; a downloaded chart is titled by its figure's caption. */
function addChartDownloads(): void {
  const svgOf = (testId: string) => () => byTestId(testId).querySelector("svg");
  const captionOf = (figure: string) => () => {
    if (!latest) return undefined;
    const title = document.querySelector(`#${figure} figcaption`)!.textContent!;
    return chartCaption(title, latest.params, [
      ...(latest.stock === undefined ? [] : [`current stock ${latest.stock} days of imports`]),
      ...(templatePanel?.captionNotes(latest.params) ?? []),
    ]);
  };
  const curve = () => (latest ? curveCsv(latest.curve) : undefined);
  addDownloads(document.getElementById("figure-cost")!, "cost", { name: "optimal-reserve-cost-curve", svg: svgOf("chart-cost"), caption: captionOf("figure-cost"), csv: curve });
  addDownloads(document.getElementById("figure-marginal")!, "marginal", {
    name: "optimal-reserve-marginal", svg: svgOf("chart-marginal"), caption: captionOf("figure-marginal"), csv: curve,
  });
  addDownloads(document.getElementById("figure-tornado")!, "tornado", {
    name: "optimal-reserve-tornado", svg: svgOf("chart-tornado"), caption: captionOf("figure-tornado"), csv: () => (latest ? tornadoCsv(latest.tornado) : undefined),
  });
}

async function start(): Promise<void> {
  // Compile the kernel asynchronously first; if WebAssembly is unavailable the JS backend runs.
  await init();
  const form = buildForm(document.getElementById("inputs")!, () => update(form));
  form.write(stateFromQuery(location.search));
  templatePanel = setupTemplates(document.getElementById("templates")!, (params, laws) => {
    form.write(stateOf(params, form.read().currentStock));
    update(form);
    monteCarloPanel?.useLaws(laws);
  });
  update(form);
  showPaperTable(byTestId("paper-table") as HTMLTableElement, document.getElementById("paper-note")!);
  addChartDownloads();
  monteCarloPanel = setupMonteCarlo({ current: () => current });
  setupCoordination(document.getElementById("coordination")!);
  setupStrategy(document.getElementById("strategy")!, { current: () => current });
  byTestId("print").addEventListener("click", () => window.print());
  Object.assign(window, { optimalReserveUpdateTimes: updateTimes, optimalReserveDrawTimes: drawTimes });
}

start().catch((error: unknown) => {
  document.body.prepend(Object.assign(document.createElement("pre"), { className: "fatal", textContent: `optimal-reserve failed to start: ${String(error)}` }));
});
