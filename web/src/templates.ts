/**
 * The template picker: choose a mineral template, see every field with its provenance (value,
 * unit, quality, year, source or reason), and only after an explicit "Accept" put its values in
 * the form. The assumptions are listed apart, as the library's confirmation asks
 * (templateParams). Once applied, z* is also shown in the template's unit while the form still
 * holds the template's imports.
 */
import {
  PARAM_NAMES, assumptionNames, presets, templateDistributions, templateParams, type Distributions, type ParameterTemplate, type Params,
  type TemplateField,
} from "../../src/index";
import { formatDays, formatField, formatWords } from "./format";
import type { CommodityUnit } from "./results";
import { runGalliumExample } from "./template-example";
import "./templates.css";

export interface TemplatePanel {
  /** Show z* in the applied template's unit (when the form still holds its imports). */
  show(params: Params, zStar: number): void;
  /** The applied template's unit and form while the form still holds its imports, else undefined. */
  unitOf(params: Params): CommodityUnit | undefined;
  /** The applied template while the form still holds its imports (other values may since have been edited), else undefined. */
  applied(params: Params): ParameterTemplate | undefined;
  /** Leave the applied template (the form now holds something else, e.g. a paper case); true if one was applied. */
  forget(): boolean;
  /** A downloaded chart's caption notes: the applied template and its units (while the form holds its imports), else none. */
  captionNotes(params: Params): string[];
}

const TEMPLATES = Object.values(presets.templates) as ParameterTemplate[];

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** One row of the provenance table: assumptions marked, sources as links. */
function fieldRow(name: string, f: TemplateField<unknown>): HTMLTableRowElement {
  const row = element("tr", { className: f.quality }, { "data-field": name });
  const value = typeof f.value === "number" ? formatField(f.value) : String(f.value);
  const where = element("td");
  const url = /https?:\/\/[^\s)]+/.exec(f.source)?.[0];
  if (f.quality === "assumption") where.textContent = f.why ?? f.source;
  else {
    where.append(f.source.replace(url ?? "", "").replace(/,\s*$/, "").trim());
    if (url) where.append(" ", element("a", { href: url, textContent: "(link)", rel: "noopener noreferrer", target: "_blank" }));
    if (f.why) where.append(` — ${f.why}`);
  }
  row.append(element("td", { textContent: name }), element("td", { textContent: value }), element("td", { textContent: f.unit }),
    element("td", { textContent: f.quality }), element("td", { textContent: String(f.year) }), where);
  return row;
}

/**
 * Build the picker into `root`. `apply` receives the template's parameters once the user has
 * accepted its assumptions (the form then shows them), and its assumptions' laws (for the Monte
 * Carlo panel).
 */
export function setupTemplates(root: HTMLElement, apply: (params: Params, laws: Distributions) => void): TemplatePanel {
  root.append(element("h2", { textContent: "Critical minerals: templates with provenance" }));
  root.append(element("p", { className: "note", textContent:
    "A template fills the form with one mineral's parameters (U.S. imports). Price, imports and import reliance come from the USGS " +
    "Mineral Commodity Summaries; the other fields have no published value and are assumptions: read them, then accept them to use the template, or edit the fields afterwards." }));
  const select = element("select", { name: "template" }, { "aria-label": "mineral template", "data-testid": "template-select" });
  select.append(element("option", { value: "", textContent: "choose a mineral template" }));
  for (const t of TEMPLATES) select.append(element("option", { value: t.id, textContent: `${t.name} (${t.form}; ${t.unit})` }));
  const summary = element("p", { className: "template-summary" }, { "data-testid": "template-summary" });
  const table = element("table", { className: "template-fields" }, { "data-testid": "template-fields" });
  const accept = element("button", { type: "button", disabled: true, textContent: "Accept the assumptions and use this template" }, { "data-testid": "template-accept" });
  const state = element("p", { className: "note" }, { "data-testid": "template-state" });
  const units = element("p", { className: "template-units" }, { "data-testid": "template-zstar" });
  // The table scrolls in its own box: long sources must not widen the page (390 px phones).
  const tableBox = element("div", { className: "scroll" });
  tableBox.append(table);
  root.append(select, summary, tableBox, accept, state, units);

  let chosen: ParameterTemplate | undefined;
  let applied: { template: ParameterTemplate; params: Params } | undefined;
  select.addEventListener("change", () => {
    chosen = TEMPLATES.find((t) => t.id === select.value);
    table.replaceChildren();
    accept.disabled = chosen === undefined;
    state.textContent = "";
    if (!chosen) {
      summary.textContent = "";
      return;
    }
    const assumed = assumptionNames(chosen);
    summary.textContent = `${chosen.name}: ${assumed.length} of ${PARAM_NAMES.length} fields are assumptions (marked), to be accepted before use: ${assumed.join(", ")}.`;
    const head = element("tr");
    for (const h of ["parameter", "value", "unit", "quality", "year", "source or reason"]) head.append(element("th", { textContent: h }));
    table.append(element("thead"), element("tbody"));
    table.tHead!.append(head);
    for (const name of PARAM_NAMES) table.tBodies[0]!.append(fieldRow(name, chosen.fields[name] as TemplateField<unknown>));
  });
  accept.addEventListener("click", () => {
    if (!chosen) return;
    // The user has read and accepted every assumption: the library's explicit confirmation.
    const params = templateParams(chosen, { confirm: true });
    applied = { template: chosen, params };
    state.textContent = `${chosen.name}: assumptions accepted (${assumptionNames(chosen).join(", ")}); the form now shows the template, ` +
      "and the Monte Carlo panel samples the assumptions' laws.";
    apply(params, templateDistributions(chosen));
  });

  const example = element("details", { className: "template-example" }, { "data-testid": "template-example" });
  example.append(element("summary", { textContent: "Worked example: is JOGMEC's 60 days of gallium consistent with plausible risk?" }));
  const run = element("button", { type: "button", textContent: "Accept gallium's assumptions and run the example" }, { "data-testid": "template-example-run" });
  const out = element("pre", {}, { "data-testid": "template-example-output" });
  run.addEventListener("click", () => {
    out.textContent = runGalliumExample();
  });
  example.append(run, out);
  root.append(example);

  return {
    forget() {
      const was = applied !== undefined;
      applied = undefined;
      state.textContent = "";
      return was;
    },
    applied(params) {
      return this.unitOf(params) === undefined ? undefined : applied!.template;
    },
    captionNotes(params) {
      const unit = this.unitOf(params);
      if (unit === undefined) return [];
      const t = applied!.template;
      return [`template ${t.id} (${t.form}; ${t.importer} imports): price in USD/${t.unit}; imports in ${t.unit}/day; its assumptions accepted on this page`];
    },
    unitOf(params) {
      return applied !== undefined && params.imports === applied.params.imports ? { unit: applied.template.unit, form: applied.template.form } : undefined;
    },
    show(params, zStar) {
      const same = applied !== undefined && params.imports === applied.params.imports;
      if (!same) {
        units.textContent = "";
        return;
      }
      const t = applied!.template;
      // z* in days never depends on imports, z* in kg does: say so when the imports are assumed.
      const assumed = t.fields.imports.quality === "assumption"
        ? `; the imports are an assumption of the template (no published figure for ${t.form} alone): z* in ${t.unit} rests on it, put your own in the imports field`
        : "";
      units.textContent = `${t.name}: z* = ${formatDays(zStar)} days = ${formatWords(zStar * params.imports)} ${t.unit} of ${t.form} (${formatWords(params.imports)} ${t.unit}/day of imports)${assumed}`;
    },
  };
}
