/**
 * The parameter values of the current results as a table, with units: shown under the results
 * in print (the form is not printed) so a printed or PDF page says what it was computed from.
 */
import { PARAMETER_SPECS, VERSION } from "../../src/index";
import { formatWords } from "./format";
import type { View } from "./view";

const cell = (tag: "td" | "th", text: string) => Object.assign(document.createElement(tag), { textContent: text });

/** Fill `table` (with an empty <tbody>) and `version` from `view`. */
export function showParameters(table: HTMLTableElement, version: HTMLElement, view: View): void {
  const rows = PARAMETER_SPECS.map((s) => {
    const value = view.params[s.name];
    const words = Math.abs(value) >= 1e6 && Number.isFinite(value) ? ` (${formatWords(value)})` : "";
    const tr = document.createElement("tr");
    tr.dataset.param = s.name;
    const shown = value === Infinity ? "none" : `${value}${words}`;
    tr.append(cell("td", `${s.symbol} ${s.name}`), cell("td", shown), cell("td", s.unit || "—"), cell("td", s.description));
    return tr;
  });
  const gdp = document.createElement("tr");
  gdp.append(cell("td", "includeGdp"), cell("td", String(view.params.includeGdp)), cell("td", "—"), cell("td", "GDP term CG included"));
  const form = document.createElement("tr");
  form.append(cell("td", "gdpLossForm"), cell("td", view.params.gdpLossForm), cell("td", "—"), cell("td", "GDP loss form (paper or linear)"));
  const stock = document.createElement("tr");
  stock.append(cell("td", "z0 currentStock"), cell("td", view.stock === undefined ? "none" : String(view.stock)), cell("td", "days of imports"), cell("td", "current stock"));
  table.tBodies[0]!.replaceChildren(...rows, gdp, form, stock);
  version.textContent = `optimal-reserve ${VERSION}`;
}
