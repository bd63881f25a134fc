/**
 * The page's inputs as text (what the fields hold, what the URL keeps) and their validation:
 * every invalid field gets its own message naming the value and the allowed range.
 */
import {
  BASE_PARAMS, PARAMETER_SPECS, describeRange, isParameterError, paperCases, readNumber, readParameterText,
  resolveParams, type NumericParam, type Params,
} from "../../src/index";
import { formatField } from "./format";

/** The fields' text (chokePrice "none" for no choke price), the GDP toggle, the GDP loss form and the current stock ("" for none). */
export interface PageState {
  values: Record<NumericParam, string>;
  includeGdp: boolean;
  /** "paper" or "linear" (Params.gdpLossForm; anything else is reported as invalid). */
  gdpLossForm: string;
  currentStock: string;
}

/** Valid parameters (and stock), or the errors by field name. */
export interface ReadInputs {
  params: Params | undefined;
  stock: number | undefined;
  errors: Map<string, string>;
}

/** The page's initial state: the paper's base case, no current stock. */
export function defaultState(): PageState {
  return stateOf(BASE_PARAMS, "");
}

/** The state of a parameter set (e.g. a preset), keeping the current stock. */
export function stateOf(params: Params, currentStock: string): PageState {
  return {
    values: Object.fromEntries(PARAMETER_SPECS.map((s) =>
      [s.name, params[s.name] === Infinity ? "none" : formatField(params[s.name])])) as Record<NumericParam, string>,
    includeGdp: params.includeGdp,
    gdpLossForm: params.gdpLossForm,
    currentStock,
  };
}

/**
 * The paper case whose parameters the state shows (its index in paperCases), or -1: the preset
 * box names it, so the base case says "base", and any edit away from every case says "custom".
 * Fields are compared as numbers ("31" and "31.0" are the same case).
 */
export function presetOf(state: PageState): number {
  return paperCases.findIndex((c) => c.params.includeGdp === state.includeGdp && c.params.gdpLossForm === state.gdpLossForm &&
    PARAMETER_SPECS.every((s) => parseNumber(state.values[s.name], s.name) === c.params[s.name]));
}

/**
 * Decimal and exponent forms only (the library's readNumber: "0x10" is no number here); for
 * chokePrice also "none" (Infinity, no choke price).
 */
const parseNumber = (text: string, name?: NumericParam): number =>
  name === undefined ? readNumber(text) : readParameterText(name, text);

/**
 * Validate the page state. Each field is checked on its own (the library's resolveParams, run
 * again with each bad field set back to its base value so that every bad field is reported,
 * not only the first); priceFloor is checked against the price given.
 */
export function readInputs(state: PageState): ReadInputs {
  const errors = new Map<string, string>();
  const candidate: Record<string, number | boolean | string> = { includeGdp: state.includeGdp, gdpLossForm: state.gdpLossForm };
  for (const s of PARAMETER_SPECS) {
    const text = state.values[s.name];
    const value = parseNumber(text, s.name);
    if (Number.isNaN(value)) {
      const what = s.name === "chokePrice" ? "a number or none" : "a number";
      errors.set(s.name, `${JSON.stringify(text)} is not ${what}; allowed: ${describeRange(s.name)}`);
      candidate[s.name] = s.base;
    } else {
      candidate[s.name] = value;
    }
  }
  let params: Params | undefined;
  // At most one pass per parameter: each pass reports one bad field and resets it.
  for (let pass = 0; pass <= PARAMETER_SPECS.length && params === undefined; pass++) {
    try {
      params = resolveParams(candidate as Partial<Params>);
    } catch (error) {
      if (!isParameterError(error)) throw error;
      errors.set(error.parameter, error.message);
      candidate[error.parameter] = BASE_PARAMS[error.parameter as keyof Params];
    }
  }
  let stock: number | undefined;
  if (state.currentStock.trim() !== "" && params) {
    stock = parseNumber(state.currentStock);
    if (!(stock >= 0 && stock <= params.horizon)) {
      errors.set("currentStock", `invalid currentStock: got ${JSON.stringify(state.currentStock)}; allowed: 0 <= currentStock <= horizon = ${params.horizon} (days)`);
    }
  }
  return errors.size > 0 ? { params: undefined, stock: undefined, errors } : { params, stock, errors };
}
