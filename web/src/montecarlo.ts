/**
 * The Monte Carlo panel: z* under uncertain parameters, each with its own law and range, run off
 * the main thread (mc-run.ts) with a progress bar and a cancel button, so the page never freezes.
 * A law is centred on its parameter's current value and follows it until the user edits it.
 * Bad laws get the library's message beside their row; after a failed run the old results stay,
 * dimmed; samples dropped as invalid are counted on the page.
 */
import { PARAMETER_SPECS, type Distribution, type Distributions, type NumericParam, type Params } from "../../src/index";
import { chartCaption, type ChartCaption } from "./caption";
import { histogramChart } from "./charts";
import { samplesCsvParts } from "./export";
import { formatDays } from "./format";
import { LAW_FIELDS, defaultFields, defaultLaw, lawsFor, toDistribution, type Law, type LawRow } from "./mc-laws";
import { CLI_MC_SAMPLES, MAX_PAGE_SAMPLES, RunInputError, runMonteCarlo, type RunOutcome } from "./mc-run";
import { addDownloads } from "./takeaway";

/** What the panel needs from the page: the current valid inputs (undefined while invalid). */
export interface MonteCarloSource {
  current(): { params: Params; stock: number | undefined } | undefined;
}

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** A law as the caption says it: "meanDisruption lognormal(mean 21 sd 6.3)". */
const lawText = (name: string, d: Distribution) =>
  `${name} ${d.type}(${Object.entries(d).filter(([k]) => k !== "type").map(([k, v]) => `${k} ${String(v)}`).join(" ")})`;

/** One parameter's row of the panel. */
interface RowElements {
  box: HTMLInputElement;
  law: HTMLSelectElement;
  fields: HTMLElement;
  error: HTMLElement;
  /** The user typed into the law's fields: they no longer follow the parameter's value. */
  edited: boolean;
}

/** The panel's hooks for the page. */
export interface MonteCarloPanel {
  /** The parameters changed: laws the user has not edited follow their new values. */
  follow(): void;
  /**
   * Sample exactly `laws` (an accepted template's assumptions, templateDistributions): their rows
   * ticked with those laws, which no longer follow the parameters; every other row unticked. A
   * one-value discrete law ("not sampled") is left out: the panel draws continuous laws only.
   */
  useLaws(laws: Distributions): void;
  /** Back to the panel's start: meanDisruption alone, its default law following the parameters. */
  reset(): void;
}

const int = (text: string) => (/^\s*\d+(\.\d*)?(e\+?\d+)?\s*$/i.test(text) ? Number(text) : NaN);

/** Wire the panel's markup (see index.html). */
export function setupMonteCarlo(source: MonteCarloSource): MonteCarloPanel {
  const list = byId<HTMLDivElement>("mc-params");
  const rows = new Map<NumericParam, RowElements>();
  const baseOf = (name: NumericParam) => source.current()?.params[name] ?? PARAMETER_SPECS.find((s) => s.name === name)!.base;
  // No choke price (Infinity) has no value to centre on: ten times the price, a starting point to edit.
  const valueOf = (name: NumericParam) => Number.isFinite(baseOf(name)) ? baseOf(name) : 10 * baseOf("price");

  /** Centre a row's law on the parameter's current value. */
  const centre = (name: NumericParam) => {
    const r = rows.get(name)!;
    r.edited = false;
    const values = defaultFields(r.law.value as Law, valueOf(name));
    r.fields.querySelectorAll("input").forEach((input, k) => {
      input.value = values[k]!;
    });
  };

  /** Give a row its law's fields, centred on the parameter's current value. */
  const refill = (name: NumericParam) => {
    const r = rows.get(name)!;
    r.fields.replaceChildren(...LAW_FIELDS[r.law.value as Law].map((field) => {
      const label = Object.assign(document.createElement("label"), { textContent: `${field} ` });
      const input = Object.assign(document.createElement("input"), { type: "text", inputMode: "decimal", autocomplete: "off" });
      input.dataset.field = field;
      input.setAttribute("aria-label", `${name} ${field}`);
      label.append(input);
      return label;
    }));
    centre(name);
  };

  for (const s of PARAMETER_SPECS) {
    const row = Object.assign(document.createElement("div"), { className: "mc-law" });
    row.dataset.mcParam = s.name;
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: s.name, checked: s.name === "meanDisruption" });
    const name = document.createElement("label");
    name.append(box, ` ${s.name}`);
    const law = document.createElement("select");
    law.setAttribute("aria-label", `${s.name} law`);
    for (const l of lawsFor(s.name)) law.append(Object.assign(document.createElement("option"), { value: l, textContent: l }));
    law.value = defaultLaw(s.name);
    if (!lawsFor(s.name).includes("lognormal")) law.title = `no lognormal: ${s.name} is negative, and a lognormal variable is positive`;
    const fields = Object.assign(document.createElement("span"), { className: "fields" });
    const error = Object.assign(document.createElement("div"), { className: "error" });
    error.setAttribute("role", "alert");
    error.dataset.testid = `mc-error-${s.name}`;
    row.append(name, law, fields, error);
    list.append(row);
    rows.set(s.name, { box, law, fields, error, edited: false });
    fields.addEventListener("input", () => {
      rows.get(s.name)!.edited = true;
    });
    row.classList.toggle("off", !box.checked);
    // Ticking takes the current value as the centre; so does a change of law.
    box.addEventListener("change", () => {
      row.classList.toggle("off", !box.checked);
      if (box.checked) centre(s.name);
    });
    law.addEventListener("change", () => refill(s.name));
    refill(s.name);
  }

  const run = byId<HTMLButtonElement>("mc-run");
  const cancel = byId<HTMLButtonElement>("mc-cancel");
  const progress = byId<HTMLProgressElement>("mc-progress");
  const status = byId<HTMLElement>("mc-status");
  const note = byId<HTMLElement>("mc-note");
  const results = byId<HTMLElement>("mc-results");
  const summary = byId<HTMLElement>("mc-summary");
  const invalid = byId<HTMLElement>("mc-invalid");
  const chart = byId<HTMLElement>("mc-histogram");
  byId<HTMLElement>("mc-limit").textContent = `at most ${MAX_PAGE_SAMPLES.toLocaleString("en-US")} on this page; ` +
    `the command line's mc takes up to ${CLI_MC_SAMPLES.toLocaleString("en-US")} a run`;
  let last: RunOutcome | undefined;
  let lastCaption: ChartCaption | undefined;
  let controller: AbortController | undefined;
  addDownloads(byId("figure-histogram"), "mc", {
    name: "optimal-reserve-monte-carlo",
    svg: () => chart.querySelector("svg"),
    caption: () => lastCaption,
    csv: () => (last ? samplesCsvParts(last, () => new Promise((resolve) => setTimeout(resolve, 0))) : undefined),
  });

  /** A failed run: say why, keep the old results dimmed. */
  const fail = (message: string) => {
    status.textContent = message;
    results.classList.toggle("stale", last !== undefined);
  };

  /** The ticked rows' laws, or undefined after marking the bad rows. */
  const readLaws = (): Distributions | undefined => {
    const dists: Distributions = {};
    let ok = true;
    for (const [name, r] of rows) {
      r.error.textContent = "";
      if (!r.box.checked) continue;
      const row: LawRow = { name, law: r.law.value as Law, fields: [...r.fields.querySelectorAll("input")].map((i) => i.value) };
      const d = toDistribution(row);
      if ("error" in d) {
        r.error.textContent = d.error;
        ok = false;
      } else {
        dists[name] = d.distribution;
      }
    }
    return ok ? dists : undefined;
  };

  run.addEventListener("click", async () => {
    note.textContent = "";
    const inputs = source.current();
    if (!inputs) return fail("fix the highlighted inputs first");
    const dists = readLaws();
    if (!dists) return fail("fix the laws marked in red");
    if (Object.keys(dists).length === 0) return fail("tick at least one uncertain parameter");
    const asked = int(byId<HTMLInputElement>("mc-samples").value);
    const seed = Number(byId<HTMLInputElement>("mc-seed").value);
    if (!(Number.isInteger(asked) && asked >= 1)) return fail(`samples: ${JSON.stringify(byId<HTMLInputElement>("mc-samples").value)} is not a whole number >= 1`);
    if (!Number.isInteger(seed)) return fail(`seed: ${JSON.stringify(byId<HTMLInputElement>("mc-seed").value)} is not an integer`);
    const samples = Math.min(asked, MAX_PAGE_SAMPLES);
    if (samples < asked) {
      note.textContent = `${asked.toLocaleString("en-US")} samples asked: this page runs at most ${MAX_PAGE_SAMPLES.toLocaleString("en-US")} ` +
        `(memory), so it runs that many; the command line (optimal-reserve mc) takes up to ${CLI_MC_SAMPLES.toLocaleString("en-US")} ` +
        "a run (more: run several seeds and pool them).";
    }
    controller = new AbortController();
    run.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    status.textContent = "drawing the samples";
    const started = performance.now();
    try {
      const outcome = await runMonteCarlo({ base: inputs.params, distributions: dists, samples, seed, bins: 40, currentStock: inputs.stock }, {
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.value = done / total;
          status.textContent = `${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} samples`;
        },
        onNote: (text) => {
          note.textContent = `${note.textContent} ${text}`.trim();
        },
      });
      const r = outcome.result;
      last = outcome;
      lastCaption = chartCaption("Monte Carlo: histogram of z* (days of imports)", inputs.params, [
        `sampled: ${Object.entries(dists).map(([name, d]) => lawText(name, d)).join(", ")}`,
        `${r.samples} valid samples of ${r.samples + r.invalidSamples}, seed ${seed}`,
        ...(inputs.stock === undefined ? [] : [`current stock ${inputs.stock} days of imports`]),
      ]);
      const q = r.quantiles;
      summary.textContent = `${r.samples.toLocaleString("en-US")} valid samples: ` +
        `mean ${formatDays(r.mean)}, sd ${formatDays(r.sd)}, p5 ${formatDays(q.p5)}, median ${formatDays(q.p50)}, p95 ${formatDays(q.p95)} days` +
        (r.probAboveStock === undefined ? "" : `; P(z* > current stock) = ${r.probAboveStock.toFixed(4)}`);
      summary.dataset.mean = String(r.mean);
      summary.dataset.p50 = String(r.quantiles.p50);
      invalid.dataset.count = String(r.invalidSamples);
      invalid.textContent = r.invalidSamples === 0
        ? "No sample was dropped."
        : `${r.invalidSamples.toLocaleString("en-US")} of ${(r.samples + r.invalidSamples).toLocaleString("en-US")} samples were dropped as invalid ` +
          "(a drawn value outside its parameter's allowed range); the statistics are over the rest. Narrow the laws to avoid it.";
      chart.replaceChildren(histogramChart(r, inputs.stock));
      results.classList.remove("stale");
      const where = outcome.workers === 0 ? "the main thread" : `${outcome.workers} workers`;
      status.textContent = `done in ${((performance.now() - started) / 1000).toFixed(2)} s on ${where} (${r.meta.backend.toUpperCase()})`;
    } catch (error) {
      if (controller.signal.aborted) fail("cancelled");
      else if (error instanceof RunInputError && error.parameter && rows.has(error.parameter as NumericParam)) {
        rows.get(error.parameter as NumericParam)!.error.textContent = error.message;
        fail(`the law of ${error.parameter} does not fit: see its row`);
      } else fail(error instanceof Error ? error.message : String(error));
    } finally {
      run.disabled = false;
      cancel.disabled = true;
    }
  });
  cancel.addEventListener("click", () => controller?.abort(new DOMException("cancelled", "AbortError")));
  return {
    follow() {
      for (const [name, r] of rows) if (r.box.checked && !r.edited) centre(name);
    },
    reset() {
      for (const [name, r] of rows) {
        r.box.checked = name === "meanDisruption";
        r.box.closest(".mc-law")!.classList.toggle("off", !r.box.checked);
        r.law.value = defaultLaw(name);
        refill(name);
      }
    },
    useLaws(laws) {
      for (const [name, r] of rows) {
        const d = laws[name];
        const law = d !== undefined && d.type !== "discrete" && lawsFor(name).includes(d.type as Law) ? d : undefined;
        r.box.checked = law !== undefined;
        r.box.closest(".mc-law")!.classList.toggle("off", law === undefined);
        if (law === undefined) continue;
        r.law.value = law.type;
        refill(name);
        // The law's own numbers, written so that reading them back gives the same doubles.
        const numbers = law as unknown as Record<string, number>;
        r.fields.querySelectorAll("input").forEach((input, k) => {
          input.value = String(numbers[LAW_FIELDS[law.type as Law][k]!]);
        });
        r.edited = true;
      }
    },
  };
}
