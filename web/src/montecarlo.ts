/**
 * The Monte Carlo panel: z* under uncertain parameters, solved in Web Workers (the package's
 * browser pool) with a progress bar and a cancel button, so the page never freezes.
 */
import { PARAMETER_SPECS, type Distribution, type Distributions, type MonteCarloResult, type NumericParam, type Params } from "../../src/index";
import { createPool } from "../../src/pool-browser";
import type { Pool } from "../../src/pool/core";
import { histogramChart } from "./charts";
import { formatDays } from "./format";

/** What the panel needs from the page: the current valid inputs (undefined while invalid). */
export interface MonteCarloSource {
  current(): { params: Params; stock: number | undefined } | undefined;
}

type Law = "lognormal" | "normal" | "uniform";

/** A law centred on `value` with relative spread `spread` (sd for normal laws, half-width for uniform). */
function law(type: Law, value: number, spread: number): Distribution {
  const width = Math.abs(value) * spread;
  if (type === "uniform") return { type, min: value - width, max: value + width };
  return { type, mean: value, sd: width };
}

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** Wire the panel's markup (see index.html). */
export function setupMonteCarlo(source: MonteCarloSource): void {
  const list = byId<HTMLDivElement>("mc-params");
  for (const s of PARAMETER_SPECS) {
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: s.name, checked: s.name === "meanDisruption" });
    const label = document.createElement("label");
    label.append(box, ` ${s.name}`);
    list.append(label);
  }
  const run = byId<HTMLButtonElement>("mc-run");
  const cancel = byId<HTMLButtonElement>("mc-cancel");
  const progress = byId<HTMLProgressElement>("mc-progress");
  const status = byId<HTMLElement>("mc-status");
  const summary = byId<HTMLElement>("mc-summary");
  const chart = byId<HTMLElement>("mc-histogram");
  let pool: Pool | undefined;
  let controller: AbortController | undefined;

  const number = (id: string) => Number(byId<HTMLInputElement>(id).value);

  run.addEventListener("click", async () => {
    const inputs = source.current();
    if (!inputs) {
      status.textContent = "fix the highlighted inputs first";
      return;
    }
    const spread = number("mc-spread") / 100;
    const samples = number("mc-samples");
    const seed = number("mc-seed");
    const type = byId<HTMLSelectElement>("mc-law").value as Law;
    const names = [...list.querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value as NumericParam);
    if (names.length === 0) {
      status.textContent = "tick at least one uncertain parameter";
      return;
    }
    const dists: Distributions = Object.fromEntries(names.map((n) => [n, law(type, inputs.params[n], spread)]));
    controller = new AbortController();
    run.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    status.textContent = "running";
    const started = performance.now();
    try {
      // Chunks of 2048 samples (a few ms each): frequent progress, and a cancel takes effect at once.
      pool ??= createPool({
        chunkSize: 2048,
        createWorker: () => new Worker(new URL("../../src/pool/web-worker.ts", import.meta.url), { type: "module" }),
      });
      const r: MonteCarloResult = await pool.monteCarlo(inputs.params, dists, {
        samples, seed, bins: 40, ...(inputs.stock === undefined ? {} : { currentStock: inputs.stock }),
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.value = done / total;
          status.textContent = `${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} samples`;
        },
      });
      const q = r.quantiles;
      summary.textContent = `${r.samples.toLocaleString("en-US")} samples (${r.invalidSamples} outside the allowed range): ` +
        `mean ${formatDays(r.mean)}, sd ${formatDays(r.sd)}, p5 ${formatDays(q.p5)}, median ${formatDays(q.p50)}, p95 ${formatDays(q.p95)} days` +
        (r.probAboveStock === undefined ? "" : `; P(z* > current stock) = ${r.probAboveStock.toFixed(4)}`);
      summary.dataset.mean = String(r.mean);
      summary.dataset.p50 = String(r.quantiles.p50);
      chart.replaceChildren(histogramChart(r, inputs.stock));
      status.textContent = `done in ${((performance.now() - started) / 1000).toFixed(2)} s on ${pool.workers} workers (${r.meta.backend.toUpperCase()})`;
    } catch (error) {
      if (controller.signal.aborted) status.textContent = "cancelled";
      else status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      run.disabled = false;
      cancel.disabled = true;
    }
  });
  cancel.addEventListener("click", () => controller?.abort(new DOMException("cancelled", "AbortError")));
}
