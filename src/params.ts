/**
 * The model's parameters (docs/model.md, section "Parameters"): names, units, base values, the
 * list of rules (one per parameter, plus the dependent rule priceFloor <= price), and their
 * validation, with errors in the one format of ./rules.ts.
 */
import { ParameterError, formatNumber, invalid, invalidMessage } from "./rules";
import { deepFreeze } from "./freeze";
import { assumptionNames, isTemplate, unconfirmedError } from "./templates/types";

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
}

export type NumericParam = Exclude<keyof Params, "includeGdp">;
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
]);

/** All API parameter names, kernel order, includeGdp last. */
export const PARAM_NAMES: readonly ParamName[] = Object.freeze([...PARAMETER_SPECS.map((s) => s.name), "includeGdp"]);

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
  const s = SPEC_BY_NAME.get(name);
  if (s === undefined) throw invalid("parameter name", name, PARAM_NAMES.join(", "));
  const unit = s.unit ? ` (${s.unit})` : "";
  if (name === "priceFloor") {
    const upper = price === undefined || !Number.isFinite(price) ? "price" : `price = ${formatNumber(price)}`;
    return `0 <= priceFloor <= ${upper}${unit}`;
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
 * dependent rule priceFloor <= price read both ways (priceFloor up to the price, price down to
 * the floor). `lowOpen`: the lower bound itself is excluded.
 */
export function allowedInterval(name: NumericParam, p: Readonly<Params>): { lo: number; hi: number; lowOpen: boolean } {
  const spec = SPEC_BY_NAME.get(name)!;
  if (name === "price" && p.priceFloor > spec.min) return { lo: p.priceFloor, hi: spec.max, lowOpen: false };
  return { lo: spec.min, hi: upperBound(spec, p.price), lowOpen: !spec.minInclusive };
}

/**
 * Whether `value` satisfies the rule of `spec`: a finite number in its range, priceFloor at most
 * `price` (the one dependent rule: 0 <= priceFloor <= price). No allocation.
 */
export function inRange(spec: ParameterSpec, value: number, price: number): boolean {
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
  if (isTemplate(params)) throw unconfirmedError(params, assumptionNames(params));
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
  };
  if (typeof merged.includeGdp !== "boolean") throw parameterError("includeGdp", merged.includeGdp);
  const [price, priceFloor, elasticity, meanDisruption, importDependence, imports, gdpElasticity, gdp, fixedCost,
    variableCost, interestRate, horizon] = PARAMETER_SPECS as [ParameterSpec, ParameterSpec, ParameterSpec,
    ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec, ParameterSpec,
    ParameterSpec, ParameterSpec];
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
  return merged;
}

/** The paper's China-2017 base case (docs/model.md section 2, Parameters); gdp is 12.2e12 USD (docs/model.md section 7, Reading choices). */
export const BASE_PARAMS: Readonly<Params> = Object.freeze({
  ...(Object.fromEntries(PARAMETER_SPECS.map((s) => [s.name, s.base])) as Record<NumericParam, number>),
  includeGdp: true,
});

/** The 13 kernel inputs of a resolved parameter set, in kernel order (includeGdp as 1/0). No allocation given `out`. */
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
  return out;
}
