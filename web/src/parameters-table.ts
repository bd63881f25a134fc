/**
 * The parameter values of the current results as a table, with units: shown under the results
 * in print (the form is not printed) so a printed or PDF page says what it was computed from.
 */
import { PARAMETER_SPECS, VERSION, type ParamName, type ParameterTemplate, type TemplateField } from "../../src/index";
import { formatWords } from "./format";
import type { View } from "./view";

const cell = (tag: "td" | "th", text: string) => Object.assign(document.createElement(tag), { textContent: text });

/**
 * Where a printed value comes from when a template is applied: its quality, year and source (or,
 * for an assumption, the reason it was accepted on), or that it is the user's own; "" without one.
 */
function provenance(template: ParameterTemplate | undefined, name: ParamName, value: unknown): string {
  if (template === undefined) return "";
  const f = template.fields[name] as TemplateField<unknown>;
  if (!Object.is(f.value, value)) return `; your value, not the ${template.name} template's (${String(f.value)})`;
  const accepted = f.quality === "assumption" ? " (accepted)" : "";
  return `; ${template.name} template: ${f.quality}${accepted}, ${f.year}, ${f.quality === "assumption" ? f.why ?? f.source : f.source}`;
}

/**
 * Fill `table` (with an empty <tbody>) and `version` from `view`; with an applied `template`, each
 * value still the template's shows the template's unit and provenance.
 */
export function showParameters(table: HTMLTableElement, version: HTMLElement, view: View, template?: ParameterTemplate): void {
  const rows = PARAMETER_SPECS.map((s) => {
    const value = view.params[s.name];
    const words = Math.abs(value) >= 1e6 && Number.isFinite(value) ? ` (${formatWords(value)})` : "";
    const tr = document.createElement("tr");
    tr.dataset.param = s.name;
    const shown = value === Infinity ? "none" : `${value}${words}`;
    const fromTemplate = template !== undefined && Object.is(template.fields[s.name].value, value);
    const unit = (fromTemplate ? template.fields[s.name].unit : s.unit) || "—";
    tr.append(cell("td", `${s.symbol} ${s.name}`), cell("td", shown), cell("td", unit), cell("td", s.description + provenance(template, s.name, value)));
    return tr;
  });
  const gdp = document.createElement("tr");
  gdp.dataset.param = "includeGdp";
  gdp.append(cell("td", "includeGdp"), cell("td", String(view.params.includeGdp)), cell("td", "—"),
    cell("td", `GDP term CG included${provenance(template, "includeGdp", view.params.includeGdp)}`));
  const form = document.createElement("tr");
  form.dataset.param = "gdpLossForm";
  form.append(cell("td", "gdpLossForm"), cell("td", view.params.gdpLossForm), cell("td", "—"),
    cell("td", `GDP loss form (paper or linear)${provenance(template, "gdpLossForm", view.params.gdpLossForm)}`));
  const stock = document.createElement("tr");
  stock.append(cell("td", "z0 currentStock"), cell("td", view.stock === undefined ? "none" : String(view.stock)), cell("td", "days of imports"), cell("td", "current stock"));
  table.tBodies[0]!.replaceChildren(...rows, gdp, form, stock);
  version.textContent = `optimal-reserve ${VERSION}`;
}
