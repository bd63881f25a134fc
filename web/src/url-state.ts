/** The page state in the URL's query, so that a link reproduces the view. */
import { GDP_LOSS_FORMS, PARAMETER_SPECS, readBoolean } from "../../src/index";
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
  // The library's spellings (true/false, yes/no, on/off, t/f, 1/0, any case); others keep the default.
  const gdp = readBoolean(query.get("includeGdp") ?? "");
  if (gdp !== undefined) state.includeGdp = gdp;
  // A form in any case and spacing, as the CLI reads it; anything else stays as given (its error quotes it).
  const form = query.get("gdpLossForm");
  const known = GDP_LOSS_FORMS.find((f) => f === form?.trim().toLowerCase());
  state.gdpLossForm = known ?? form ?? state.gdpLossForm;
  state.currentStock = query.get("currentStock") ?? "";
  return state;
}
