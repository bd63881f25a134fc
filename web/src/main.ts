/**
 * The page: reads the form, keeps the state in the URL, recomputes on every change (coalesced to
 * one update per frame) and shows the results and charts. Invalid input is shown beside its
 * field and the last valid results stay (marked stale): never a crash or a NaN.
 */
import { init, type Params } from "../../src/index";
import { costChart, marginalChart, tornadoChart } from "./charts";
import { buildForm } from "./form";
import { readInputs } from "./inputs";
import { setupMonteCarlo } from "./montecarlo";
import { showPaperTable } from "./paper-table";
import { showResults } from "./results";
import { stateFromQuery, stateToQuery } from "./url-state";
import { computeView } from "./view";

function byTestId(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing [data-testid=${id}]`);
  return el;
}

/** Compute and chart-drawing times of every update so far (ms): the e2e test reports them. */
const updateTimes: number[] = [];
const drawTimes: number[] = [];
let current: { params: Params; stock: number | undefined } | undefined;

function update(form: ReturnType<typeof buildForm>): void {
  const state = form.read();
  history.replaceState(null, "", `${location.pathname}${stateToQuery(state)}`);
  const inputs = readInputs(state);
  form.showErrors(inputs.errors);
  const results = document.getElementById("results")!;
  results.classList.toggle("stale", inputs.params === undefined);
  if (!inputs.params) {
    current = undefined;
    return;
  }
  current = { params: inputs.params, stock: inputs.stock };
  const started = performance.now();
  let view: ReturnType<typeof computeView>;
  try {
    view = computeView(inputs.params, inputs.stock);
  } catch (error) {
    // Not expected for validated inputs (the library never returns NaN; it throws): say so.
    results.classList.add("stale");
    byTestId("status").textContent = `could not solve: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  const computed = performance.now();
  showResults(view);
  byTestId("chart-cost").replaceChildren(costChart(view));
  byTestId("chart-marginal").replaceChildren(marginalChart(view));
  byTestId("chart-tornado").replaceChildren(tornadoChart(view));
  const drawn = performance.now();
  updateTimes.push(computed - started);
  drawTimes.push(drawn - computed);
  byTestId("update-ms").textContent = `${(computed - started).toFixed(2)} ms (solve, 200-point curve, tornado; charts ${(drawn - computed).toFixed(1)} ms)`;
  document.body.dataset.updates = String(updateTimes.length);
}

async function start(): Promise<void> {
  // Compile the kernel asynchronously first; if WebAssembly is unavailable the JS backend runs.
  await init();
  const form = buildForm(document.getElementById("inputs")!, () => schedule());
  let pending = false;
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      update(form);
    });
  };
  form.write(stateFromQuery(location.search));
  update(form);
  showPaperTable(byTestId("paper-table") as HTMLTableElement, document.getElementById("paper-note")!);
  setupMonteCarlo({ current: () => current });
  Object.assign(window, { optimalReserveUpdateTimes: updateTimes, optimalReserveDrawTimes: drawTimes });
}

start().catch((error: unknown) => {
  document.body.prepend(Object.assign(document.createElement("pre"), { className: "fatal", textContent: `optimal-reserve failed to start: ${String(error)}` }));
});
