/**
 * The model's parameters (docs/model.md, section "Parameters"): names, units, base values, the
 * list of rules (one per parameter, plus the dependent rule priceFloor <= price), and their
 * validation, with errors in the one format of ./rules.ts.
 */
import { ParameterError, formatNumber, invalid, invalidMessage, readNumber } from "./rules";
import { deepFreeze } from "./freeze";
import { assumptionFields, isTemplate, unconfirmedError } from "./templates/types";

export { ParameterError, isParameterError } from "./rules";

/** Every parameter of the model, by its API name. Units in PARAMETER_SPECS. */
export interface Params {
  /** P0, price before the disruption (USD/unit). */
  price: number;
  /** P1, asymptotic floor of inverse demand (USD/unit), 0 <= P1 <= P0. */
  priceFloor: number;
  /** epsilon, price elasticity of import demand (dimensionless, negative). */
  elasticity: number;
  /** lambda, mean disruption size (days of imports). */
  meanDisruption: number;
  /** d, share of consumption that is imported. */
  importDependence: number;
  /** q0, imports per day (units/day). */
  imports: number;
  /** delta, GDP elasticity of oil use. */
  gdpElasticity: number;
  /** gdp0, GDP (USD/yr). */
  gdp: number;
  /** c, storage fixed cost (USD/unit/yr). */
  fixedCost: number;
  /** v, storage variable cost (USD/unit/yr). */
  variableCost: number;
  /** i, cost of capital tied up in the stock (1/yr). */
  interestRate: number;
  /** H, days in the decision period (days). */
  horizon: number;
  /** Add the GDP term CG. */
  includeGdp: boolean;
  /**
   * p, the probability that the disruption happens in a given year (0 < p <= 1; 1, the paper's
   * law, is the default): with probability 1 - p nothing is lost. MB, the expected loss and every
   * gain scale by p (docs/model.md, "Rare events, a choke price, a bounded GDP loss").
   */
  eventProbability: number;
  /**
   * Pc, the choke price (USD/unit, > price): inverse demand saturates there, P(Q) = min(Pc, P1 +
   * (P0 - P1) (Q/H)^-m). `Infinity` (the default) means no choke price, the paper's demand.
   */
  chokePrice: number;
  /**
   * The GDP loss form: `"paper"` (default), delta gdp0 d min(z, t) / (H - d t), or `"linear"`,
   * delta gdp0 d min(z, t) / H (bounded, so d = 1 solves).
   */
  gdpLossForm: GdpLossForm;
}

/** The GDP loss forms, in the order of their kernel codes (0 = paper, 1 = linear). */
export const GDP_LOSS_FORMS = Object.freeze(["paper", "linear"] as const);
/** A GDP loss form (see Params.gdpLossForm). */
export type GdpLossForm = (typeof GDP_LOSS_FORMS)[number];

export type NumericParam = Exclude<keyof Params, "includeGdp" | "gdpLossForm">;
export type ParamName = keyof Params;

/** How one numeric parameter is described and bounded. */
export interface ParameterSpec {
  name: NumericParam;
  symbol: string;
  description: string;
  unit: string;
  base: number;
  min: number;
  max: number;
  /** Whether min itself is allowed (false for "> 0"). */
  minInclusive: boolean;
}

const spec = (
  name: NumericParam, symbol: string, description: string, unit: string, base: number,
  min: number, max: number, minInclusive = true,
): ParameterSpec => ({ name, symbol, description, unit, base, min, max, minInclusive });

/**
 * The numeric parameters in kernel order (the order the WASM layout and loadCase use).
 * priceFloor's upper bound is the price itself; `max` here is only its static part.
 */
export const PARAMETER_SPECS: readonly ParameterSpec[] = deepFreeze([
  spec("price", "P0", "price before the disruption", "USD/unit", 50.8, 0, Infinity, false),
  spec("priceFloor", "P1", "asymptotic floor of inverse demand", "USD/unit", 15, 0, Infinity),
  spec("elasticity", "eps", "price elasticity of import demand", "", -0.1, -10, -0.005),
  spec("meanDisruption", "lambda", "mean disruption size", "days of imports", 21, 0.1, 1e4),
  spec("importDependence", "d", "share of consumption that is imported", "", 0.698, 0, 1, false),
  spec("imports", "q0", "imports per day", "units/day", 8.65e6, 0, Infinity, false),
  spec("gdpElasticity", "delta", "GDP elasticity of oil use", "", 0.34, 0, Infinity),
  spec("gdp", "gdp0", "GDP", "USD/yr", 12.2e12, 0, Infinity),
  spec("fixedCost", "c", "storage fixed cost", "USD/unit/yr", 2.5, 0, Infinity),
  spec("variableCost", "v", "storage variable cost", "USD/unit/yr", 0.4, 0, Infinity),
  spec("interestRate", "i", "cost of capital tied up in the stock", "1/yr", 0.0435, 0, Infinity),
  spec("horizon", "H", "days in the decision period", "days", 365, 1, 3650),
  spec("eventProbability", "p", "probability that the disruption happens in a year", "per year", 1, 0, 1, false),
  // No choke price by default: Infinity. Its lower bound is the price itself (chokePrice > price).
  spec("chokePrice", "Pc", "choke price, where inverse demand saturates", "USD/unit", Infinity, 0, Infinity, false),
]);

/** The parameters of the paper's model (kernel columns 0..11); includeGdp follows them. */
const PAPER_NUMERIC = 12;

/**
 * All API parameter names in kernel order: the paper's twelve numeric parameters, includeGdp,
 * then the extensions eventProbability, chokePrice and gdpLossForm (appended to the row).
 */
export const PARAM_NAMES: readonly ParamName[] = Object.freeze([
  ...PARAMETER_SPECS.slice(0, PAPER_NUMERIC).map((s) => s.name), "includeGdp",
  ...PARAMETER_SPECS.slice(PAPER_NUMERIC).map((s) => s.name), "gdpLossForm",
]);

const SPEC_BY_NAME: ReadonlyMap<string, ParameterSpec> = new Map(PARAMETER_SPECS.map((s) => [s.name, s]));
const KNOWN_NAMES: ReadonlySet<string> = new Set(PARAM_NAMES);

/** The spec of a numeric parameter (undefined for any other name). */
export function specOf(name: string): ParameterSpec | undefined {
  return SPEC_BY_NAME.get(name);
}

/**
 * Human-readable allowed range of a parameter, with its unit, e.g. "0.1 <= meanDisruption <=
 * 10000 (days of imports)". priceFloor's upper bound is the price (the one dependent rule),
 * shown with its value when `price` is given.
 */
export function describeRange(name: ParamName, price?: number): string {
  if (name === "includeGdp") return "true or false";
  if (name === "gdpLossForm") return GDP_LOSS_FORMS.map((f) => JSON.stringify(f)).join(" or ");
  const s = SPEC_BY_NAME.get(name);
  if (s === undefined) throw invalid("parameter name", name, PARAM_NAMES.join(", "));
  const unit = s.unit ? ` (${s.unit})` : "";
  if (name === "priceFloor") {
    const upper = price === undefined || !Number.isFinite(price) ? "price" : `price = ${formatNumber(price)}`;
    return `0 <= priceFloor <= ${upper}${unit}`;
  }
  if (name === "chokePrice") {
    const lower = price === undefined || !Number.isFinite(price) ? "price" : `price = ${formatNumber(price)}`;
    return `${lower} < chokePrice${unit}, or Infinity (none)`;
  }
  const lower = `${formatNumber(s.min)} ${s.minInclusive ? "<=" : "<"} ${name}`;
  return s.max === Infinity ? `${lower}${unit}, finite` : `${lower} <= ${formatNumber(s.max)}${unit}`;
}

/** The upper bound of `spec` in a parameter set whose price is `price` (the dependent rule). */
export function upperBound(spec: ParameterSpec, price: number): number {
  return spec.name === "priceFloor" ? price : spec.max;
}

/**
 * The interval `name` may take with the other parameters at `p`: its own range and the
 * dependent rules priceFloor <= price < chokePrice read both ways (priceFloor up to the price,
 * price from the floor to below the choke price, chokePrice above the price). `lowOpen`,
 * `highOpen`: that bound itself is excluded.
 */
export function allowedInterval(
  name: NumericParam, p: Readonly<Params>,
): { lo: number; hi: number; lowOpen: boolean; highOpen: boolean } {
  const spec = SPEC_BY_NAME.get(name)!;
  if (name === "price") {
    const floor = p.priceFloor > spec.min;
    return { lo: floor ? p.priceFloor : spec.min, hi: p.chokePrice, lowOpen: !floor, highOpen: p.chokePrice !== Infinity };
  }
  if (name === "chokePrice") return { lo: p.price, hi: Infinity, lowOpen: true, highOpen: false };
  return { lo: spec.min, hi: upperBound(spec, p.price), lowOpen: !spec.minInclusive, highOpen: false };
}

/**
 * Whether `value` satisfies the rule of `spec`: a finite number in its range, priceFloor at most
 * `price` (0 <= priceFloor <= price), chokePrice above it or Infinity (no choke price). The rule
 * price < chokePrice is checked by resolveParams. No allocation.
 */
export function inRange(spec: ParameterSpec, value: number, price: number): boolean {
  if (spec.name === "chokePrice") return typeof value === "number" && value > price;
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  if (spec.minInclusive ? value < spec.min : value <= spec.min) return false;
  return value <= upperBound(spec, price);
}

/** The error for `given` (the value or its original text) failing the rule of `name`. */
export function parameterError(name: ParamName, given: unknown, price?: number): ParameterError {
  return invalid(name, given, describeRange(name, price));
}

/** The message for `given` failing the rule of `name` (for batch rows: built only for bad rows). */
export function parameterMessage(name: ParamName, given: unknown, price?: number): string {
  return invalidMessage(name, given, describeRange(name, price));
}

function checkNumeric(spec: ParameterSpec, value: unknown, price: number): void {
  if (!inRange(spec, value as number, price)) throw parameterError(spec.name, value, price);
}

/**
 * Merge `params` over `base` (default: the paper's base values) and validate every value against
 * PARAMETER_SPECS and the dependent rule priceFloor <= price.
 * Throws ParameterError (message: `invalid <name>: got <value>; allowed: <range> (<unit>)`) for
 * any value out of range or not a finite number (or a boolean for includeGdp), for unknown keys,
 * when `params` is not an object, and for a raw parameter template (listing its assumptions:
 * take it through templateParams). Checks run in kernel order, price before priceFloor, so a
 * bad price is reported as itself. Allocates only the merged object.
 */
export function resolveParams(params: Partial<Params> = {}, base: Readonly<Params> = BASE_PARAMS): Params {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw invalid("params", params, "an object of parameters by name");
  }
  // A parameter template (presets.templates) is taken through templateParams, which asks for its assumptions.
  if (isTemplate(params)) throw unconfirmedError(params, assumptionFields(params));
  const given = params as Record<string, unknown>;
  for (const key in given) {
    if (!KNOWN_NAMES.has(key)) {
      throw new ParameterError(
        `unknown parameter ${JSON.stringify(key)}; known parameters: ${PARAM_NAMES.join(", ")}`, key, given[key]);
    }
  }
  // One object literal in kernel order: every result has the same shape (monomorphic reads downstream).
  const g = params as Params;
  const merged: Params = {
    price: g.price === undefined ? base.price : g.price,
    priceFloor: g.priceFloor === undefined ? base.priceFloor : g.priceFloor,
    elasticity: g.elasticity === undefined ? base.elasticity : g.elasticity,
    meanDisruption: g.meanDisruption === undefined ? base.meanDisruption : g.meanDisruption,
    importDependence: g.importDependence === undefined ? base.importDependence : g.importDependence,
    imports: g.imports === undefined ? base.imports : g.imports,
    gdpElasticity: g.gdpElasticity === undefined ? base.gdpElasticity : g.gdpElasticity,
    gdp: g.gdp === undefined ? base.gdp : g.gdp,
    fixedCost: g.fixedCost === undefined ? base.fixedCost : g.fixedCost,
    variableCost: g.variableCost === undefined ? base.variableCost : g.variableCost,
    interestRate: g.interestRate === undefined ? base.interestRate : g.interestRate,
    horizon: g.horizon === undefined ? base.horizon : g.horizon,
    includeGdp: g.includeGdp === undefined ? base.includeGdp : g.includeGdp,
    eventProbability: g.eventProbability === undefined ? base.eventProbability : g.eventProbability,
    chokePrice: g.chokePrice === undefined ? base.chokePrice : g.chokePrice,
    gdpLossForm: g.gdpLossForm === undefined ? base.gdpLossForm : g.gdpLossForm,
  };
  if (typeof merged.includeGdp !== "boolean") throw parameterError("includeGdp", merged.includeGdp);
  const [price, priceFloor, elasticity, meanDisruption, importDependence, imports, gdpElasticity, gdp, fixedCost,
    variableCost, interestRate, horizon, eventProbability, chokePrice] = PARAMETER_SPECS as [ParameterSpec,
    ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec,
    ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec];
  checkNumeric(price, merged.price, Infinity);
  const p0 = merged.price;
  checkNumeric(priceFloor, merged.priceFloor, p0);
  checkNumeric(elasticity, merged.elasticity, p0);
  checkNumeric(meanDisruption, merged.meanDisruption, p0);
  checkNumeric(importDependence, merged.importDependence, p0);
  checkNumeric(imports, merged.imports, p0);
  checkNumeric(gdpElasticity, merged.gdpElasticity, p0);
  checkNumeric(gdp, merged.gdp, p0);
  checkNumeric(fixedCost, merged.fixedCost, p0);
  checkNumeric(variableCost, merged.variableCost, p0);
  checkNumeric(interestRate, merged.interestRate, p0);
  checkNumeric(horizon, merged.horizon, p0);
  checkNumeric(eventProbability, merged.eventProbability, p0);
  checkNumeric(chokePrice, merged.chokePrice, p0);
  if (gdpLossFormCode(merged.gdpLossForm) < 0) throw parameterError("gdpLossForm", merged.gdpLossForm);
  return merged;
}

/** The paper's China-2017 base case (docs/model.md section 2, Parameters); gdp is 12.2e12 USD (docs/model.md section 7, Reading choices). */
export const BASE_PARAMS: Readonly<Params> = Object.freeze({
  ...(Object.fromEntries(PARAMETER_SPECS.map((s) => [s.name, s.base])) as Record<NumericParam, number>),
  includeGdp: true,
  gdpLossForm: "paper",
});

/** How "no choke price" may be written in text (flags, CSV cells, form fields), any case: chokePrice = Infinity. */
export const NO_CHOKE_PRICE_SPELLINGS = Object.freeze(["none", "infinity", "inf"] as const);

/**
 * The value of a parameter written as text (a flag, a CSV cell, a form field): a decimal number
 * (the strict readNumber of ./rules.ts), for chokePrice also a spelling of "none" (Infinity), for
 * gdpLossForm its kernel code, for includeGdp not handled here (readBoolean). NaN when unreadable.
 */
export function readParameterText(name: ParamName, text: string): number {
  if (name === "gdpLossForm") return toKernelValue(name, typeof text === "string" ? text.trim().toLowerCase() : text);
  if (name === "chokePrice" && typeof text === "string" &&
    (NO_CHOKE_PRICE_SPELLINGS as readonly string[]).includes(text.trim().toLowerCase())) return Infinity;
  return readNumber(text);
}

/** The kernel code of a GDP loss form (0 paper, 1 linear), or -1 for anything else. */
export function gdpLossFormCode(form: unknown): number {
  return (GDP_LOSS_FORMS as readonly unknown[]).indexOf(form);
}

/**
 * The kernel value of one parameter (a number, includeGdp as 1/0, gdpLossForm as its code) for
 * a value of its type; anything else is NaN (refused by the column rules).
 */
export function toKernelValue(name: ParamName, value: unknown): number {
  if (name === "includeGdp") return value === true ? 1 : value === false ? 0 : NaN;
  if (name === "gdpLossForm") {
    const code = gdpLossFormCode(value);
    return code < 0 ? NaN : code;
  }
  return typeof value === "number" ? value : NaN;
}

/**
 * The kernel inputs of a resolved parameter set, in kernel order (PARAM_NAMES; includeGdp as 1/0,
 * gdpLossForm as its code). No allocation given `out`.
 */
export function toKernelInputs(p: Params, out: Float64Array = new Float64Array(PARAM_NAMES.length)): Float64Array {
  out[0] = p.price;
  out[1] = p.priceFloor;
  out[2] = p.elasticity;
  out[3] = p.meanDisruption;
  out[4] = p.importDependence;
  out[5] = p.imports;
  out[6] = p.gdpElasticity;
  out[7] = p.gdp;
  out[8] = p.fixedCost;
  out[9] = p.variableCost;
  out[10] = p.interestRate;
  out[11] = p.horizon;
  out[12] = p.includeGdp ? 1 : 0;
  out[13] = p.eventProbability;
  out[14] = p.chokePrice;
  out[15] = gdpLossFormCode(p.gdpLossForm);
  return out;
}

/**
 * Throw a ParameterError unless `p` keeps the extensions (eventProbability, chokePrice,
 * gdpLossForm) at their defaults: for the models that do not take them (the release-and-refill
 * strategy and the per-day loss, docs/strategy.md), so that a value given is refused, never
 * silently ignored. `model` names the function in the message.
 */
export function requirePaperExtensions(p: Readonly<Params>, model: string): void {
  const note = `the defaults (${model} does not take the extensions of docs/model.md section 11)`;
  if (p.eventProbability !== 1) throw invalid("eventProbability", p.eventProbability, `1, ${note}`);
  if (p.chokePrice !== Infinity) throw invalid("chokePrice", p.chokePrice, `Infinity (none), ${note}`);
  if (p.gdpLossForm !== "paper") throw invalid("gdpLossForm", p.gdpLossForm, `"paper", ${note}`);
}
