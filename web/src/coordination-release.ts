/**
 * The joint-release half of the coordination panel (seed 000's question): a slider and a field
 * per country for the volume it releases, a scenario and the days the releases last; on every
 * edit the library's jointRelease gives the world price with and without the releases and each
 * country's loss, gain, own gain and spillover gain (USD over the disruption). Bad input gets its
 * message beside its field, and the last valid results stay, dimmed.
 */
import { jointRelease, normalizeMarket, type JointReleaseResult, type MarketInput, type ProposedRelease } from "../../src/index";
import { el, valueCell } from "./coordination-dom";
import { formatMbbl, showMbbl, limitText, maxRelease, readRelease, type ReleaseState } from "./coordination-inputs";
import { formatUsd } from "./format";

/** A quick choice of releases: a label and each country's volume (Mbbl) over 120 days. */
export interface ReleaseChoice {
  label: string;
  volumes: Record<string, number>;
  days: number;
}

const usd = (x: number) => `${formatUsd(x)} USD`;
const price = (x: number) => `${x.toFixed(3)} USD/bbl`;

/**
 * The price after the first piece, as the CLI's release command says it: "(then 86.464 USD/bbl
 * from day 30)"; empty when the releases last the whole disruption.
 */
export function laterPrices(r: JointReleaseResult): string {
  const later = r.pieces.slice(1);
  return later.length === 0 ? "" : ` (then ${later.map((p) => `${price(p.price)} from day ${p.from}`).join(", ")})`;
}

/** Build the release controls and results into `root` for `market`; starts with `initial`. */
export function setupRelease(root: HTMLElement, input: MarketInput, choices: readonly ReleaseChoice[], initial: ReleaseChoice): void {
  const market = normalizeMarket(input);
  if (market.disruptions.kind !== "scenarios") throw new Error("the coordination panel needs a market with disruption scenarios");
  const scenarios = market.disruptions.scenarios;
  const names = market.countries.map((c) => c.name);

  const scenario = el("select", { name: "coord-scenario" }, { "aria-label": "disruption scenario", "data-testid": "coord-scenario" });
  scenarios.forEach((s, k) => scenario.append(el("option", {
    value: String(k),
    // Short enough for a phone's closed select (tests/web-coordination.test.ts measures it).
    textContent: `${k + 1}: ${(100 * s.severity).toFixed(0)}% of supply, ${s.duration} days, ${s.rate}/yr (assumed)`,
  })));
  const days = el("input", { type: "text", name: "coord-days", inputMode: "decimal", autocomplete: "off", value: String(initial.days) }, { "data-testid": "coord-days" });
  const daysError = el("div", { className: "error" }, { role: "alert", "data-testid": "coord-error-days" });
  const rows = new Map<string, { slider: HTMLInputElement; field: HTMLInputElement; range: HTMLElement; error: HTMLElement; row: HTMLElement }>();

  const quick = el("div", { className: "coord-quick" }, {}, ["Releases: "]);
  for (const choice of choices) {
    const b = el("button", { type: "button", textContent: choice.label });
    b.addEventListener("click", () => {
      days.value = String(choice.days);
      for (const name of names) rows.get(name)!.field.value = String(choice.volumes[name] ?? 0);
      scenario.value = "0";
      update(true);
    });
    quick.append(b);
  }
  const daysRow = el("div", { className: "coord-field" }, {}, [
    el("label", { className: "label" }, {}, ["every release lasts ", days, " days from the disruption's start"]), daysError,
  ]);
  const controls = el("div", { className: "coord-releases" });
  for (const name of names) {
    const id = `coord-release-${name}`;
    const slider = el("input", { type: "range", min: "0", step: "0.5" }, { "aria-label": `${name} release slider`, "data-country": name, "data-testid": `coord-slider-${name}` });
    const field = el("input", { type: "text", id, name: id, inputMode: "decimal", autocomplete: "off", value: String(initial.volumes[name] ?? 0) }, { "data-testid": `coord-volume-${name}` });
    const range = el("div", { className: "range" });
    const error = el("div", { className: "error" }, { role: "alert", "data-testid": `coord-error-${name}` });
    const row = el("div", { className: "coord-release" }, { "data-country": name }, [
      el("label", { htmlFor: id, className: "label", textContent: `${name} releases` }), slider, field, el("span", { className: "field-unit", textContent: "Mbbl" }), range, error,
    ]);
    slider.addEventListener("input", () => {
      field.value = slider.value;
      update(false);
    });
    for (const type of ["input", "change"]) field.addEventListener(type, () => update(false));
    rows.set(name, { slider, field, range, error, row });
    controls.append(row);
  }
  for (const type of ["input", "change"]) days.addEventListener(type, () => update(true));
  scenario.addEventListener("change", () => {
    days.value = String(scenarios[Number(scenario.value)]!.duration);
    update(true);
  });

  const prices = el("dl", { className: "coord-prices" });
  const table = el("table", {}, { "data-testid": "coord-release-table" });
  table.createTHead().append(el("tr", {}, {}, ["country", "released (Mbbl)", "loss without releases", "loss with them", "gain", "own gain", "spillover gain"].map((h) => el("th", { textContent: h }))));
  const body = table.createTBody();
  const foot = table.createTFoot();
  const summary = el("p", {}, { "data-testid": "coord-release-summary" });
  const note = el("p", { className: "note" }, { "data-testid": "coord-release-note" });
  const stale = el("p", { className: "stale-note", textContent: "Some release inputs are invalid (see the messages beside them): the results are those of the last valid inputs." });
  const results = el("div", { className: "coord-release-results" }, { "aria-live": "polite", "data-testid": "coord-release-results" }, [
    stale, summary, prices, el("div", { className: "scroll" }, {}, [table]), note,
  ]);
  root.append(el("div", { className: "screen-only coord-controls" }, {}, [
    el("label", { className: "coord-field" }, {}, ["Disruption scenario (share of world supply lost, duration, rate a year; each an assumption)", scenario]), daysRow, quick, controls,
  ]), results);

  let shown = "";
  let updates = 0;
  /** Read, validate, solve and show; `limits` also refreshes the sliders' ranges (days or scenario changed). */
  function update(limits: boolean): void {
    const state: ReleaseState = {
      scenario: Number(scenario.value),
      days: days.value,
      volumes: Object.fromEntries(names.map((n) => [n, rows.get(n)!.field.value])),
    };
    const read = readRelease(input, state);
    daysError.textContent = read.errors.get("days") ?? "";
    days.setAttribute("aria-invalid", String(read.errors.has("days")));
    const d = Number(days.value);
    for (const [name, r] of rows) {
      const message = read.errors.get(name) ?? "";
      r.error.textContent = message;
      r.row.classList.toggle("invalid", message !== "");
      r.field.setAttribute("aria-invalid", String(message !== ""));
      if (limits && !read.errors.has("days")) {
        r.slider.max = formatMbbl(maxRelease(market, name, d));
        r.range.textContent = `allowed: 0 to ${formatMbbl(maxRelease(market, name, d))} Mbbl (${limitText(market, name, d)})`;
      }
      if (message === "" && Number.isFinite(Number(r.field.value))) r.slider.value = r.field.value;
    }
    results.classList.toggle("stale", read.releases === undefined);
    if (!read.releases) return;
    const key = JSON.stringify([state.scenario, read.releases]);
    if (key === shown) return;
    shown = key;
    show(jointRelease(input, read.releases, { scenario: state.scenario }), read.releases);
    results.dataset.updates = String(++updates);
  }

  function show(r: JointReleaseResult, releases: ProposedRelease[]): void {
    const drop = r.price.without - r.price.with;
    // Releases shorter than the disruption: the price with them holds for the first piece only.
    const firstDays = r.pieces.length > 1 ? ` for days 0 to ${r.pieces[0]!.to}` : "";
    prices.replaceChildren(
      el("dt", { textContent: "normal price P̄" }), valueTerm("dd", price(r.price.normal), r.price.normal, "coord-price-normal"),
      el("dt", { textContent: "world price in the disruption, no release" }), valueTerm("dd", price(r.price.without), r.price.without, "coord-price-without"),
      el("dt", { textContent: "world price with these releases" }), valueTerm("dd", `${price(r.price.with)}${firstDays}${laterPrices(r)}`, r.price.with, "coord-price-with"),
      el("dt", { textContent: "the releases take off" }), valueTerm("dd", `${drop.toFixed(3)} USD/bbl${firstDays}`, drop, "coord-price-drop"),
    );
    body.replaceChildren(...r.countries.map((c) => el("tr", {}, { "data-country": c.name }, [
      el("th", { textContent: c.name, scope: "row" }),
      valueCell(showMbbl(c.released), c.released, { "data-field": "released" }),
      valueCell(usd(c.lossWithout), c.lossWithout, { "data-field": "lossWithout" }),
      valueCell(usd(c.lossWith), c.lossWith, { "data-field": "lossWith" }),
      valueCell(usd(c.gain), c.gain, { "data-field": "gain" }),
      valueCell(usd(c.ownGain), c.ownGain, { "data-field": "ownGain" }),
      valueCell(usd(c.spillover), c.spillover, { "data-field": "spillover" }),
    ])));
    const released = r.countries.reduce((a, c) => a + c.released, 0);
    const freeRiders = r.countries.filter((c) => c.released === 0);
    summary.textContent = released === 0
      ? `No release: the disruption takes the world price from ${price(r.price.normal)} to ${price(r.price.without)}.`
      : `Releasing ${showMbbl(released)} Mbbl takes ${drop.toFixed(3)} USD/bbl off the disruption price${firstDays}${laterPrices(r)}; the ${r.countries.length} countries gain ${usd(r.totalGain)} together, ` +
        `${freeRiders.length > 0 ? `of which ${usd(freeRiders.reduce((a, c) => a + c.gain, 0))} goes to those releasing nothing (${freeRiders.map((c) => c.name).join(", ")}).` : "every one of them releasing."}`;
    foot.replaceChildren(el("tr", {}, {}, [
      el("th", { textContent: "total", scope: "row" }), valueCell(showMbbl(released), released), el("td"), el("td"),
      valueCell(usd(r.totalGain), r.totalGain, { "data-field": "totalGain" }), el("td"), el("td"),
    ]));
    const d = releases[0]?.days ?? 0;
    note.textContent = [
      `Scenario [an assumption]: ${(100 * r.scenario.severity).toFixed(0)}% of world supply lost for ${r.scenario.duration} days. ` +
        `Money in USD over the ${r.scenario.duration}-day disruption, net of refilling the released oil at the normal price afterwards; ` +
        `gain = own gain + spillover gain (what the others' releases give it). ${releases.length > 0 ? `Every release runs ${Math.min(d, r.scenario.duration)} days at an even rate.` : "No release."}`,
      r.note ?? "",
      "The UK's 1.5 Mbbl of November 2021 is not in the preset (not one of its five countries).",
      `Backend ${r.meta.backend}; optimal-reserve ${r.meta.version}; market ${r.meta.paramsHash}.`,
    ].filter((s) => s !== "").join(" ");
  }

  /** A <dd> with its text and full-precision value. */
  function valueTerm(tag: "dd", text: string, value: number, testId: string): HTMLElement {
    const e = el(tag, { textContent: text }, { "data-testid": testId });
    e.dataset.value = String(value);
    return e;
  }

  update(true);
}
