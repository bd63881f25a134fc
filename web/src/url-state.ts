/** The page state in the URL's query, so that a link reproduces the view. */
import { PARAMETER_SPECS } from "../../src/index";
import { defaultState, type PageState } from "./inputs";

/** The query for `state`: only what differs from the default state, as typed (even if invalid). */
export function stateToQuery(state: PageState): string {
  const base = defaultState();
  const query = new URLSearchParams();
  for (const s of PARAMETER_SPECS) if (state.values[s.name] !== base.values[s.name]) query.set(s.name, state.values[s.name]);
  if (state.includeGdp !== base.includeGdp) query.set("includeGdp", String(state.includeGdp));
  if (state.gdpLossForm !== base.gdpLossForm) query.set("gdpLossForm", state.gdpLossForm);
  if (state.currentStock !== "") query.set("currentStock", state.currentStock);
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

/** The state a query describes (missing keys take the defaults; unknown keys are ignored). */
export function stateFromQuery(search: string): PageState {
  const query = new URLSearchParams(search);
  const state = defaultState();
  for (const s of PARAMETER_SPECS) {
    const v = query.get(s.name);
    if (v !== null) state.values[s.name] = v;
  }
  const gdp = query.get("includeGdp");
  if (gdp !== null) state.includeGdp = gdp !== "false" && gdp !== "0";
  state.gdpLossForm = query.get("gdpLossForm") ?? state.gdpLossForm;
  state.currentStock = query.get("currentStock") ?? "";
  return state;
}
