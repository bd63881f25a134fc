/**
 * The model's parameters (MODEL.md section 2): names, units, base values, allowed ranges, and
 * validation with errors that name the parameter, the value and the range.
 */

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
export const PARAMETER_SPECS: readonly ParameterSpec[] = [
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
];

/** All API parameter names, kernel order, includeGdp last. */
export const PARAM_NAMES: readonly ParamName[] = [...PARAMETER_SPECS.map((s) => s.name), "includeGdp"];

const SPEC_BY_NAME: ReadonlyMap<string, ParameterSpec> = new Map(PARAMETER_SPECS.map((s) => [s.name, s]));
const KNOWN_NAMES: ReadonlySet<string> = new Set(PARAM_NAMES);

/** Thrown for a parameter that is missing its type, out of range, or unknown. */
export class ParameterError extends RangeError {
  constructor(
    message: string,
    /** The offending parameter name (as given). */
    readonly parameter: string,
    /** The value given. */
    readonly value: unknown,
  ) {
    super(message);
    this.name = "ParameterError";
  }
}

function formatNumber(x: number): string {
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return String(x);
}

/** Human-readable allowed range of a parameter, e.g. "0.1 <= meanDisruption <= 10000 (days of imports)". */
export function describeRange(name: ParamName, price?: number): string {
  if (name === "includeGdp") return "includeGdp must be true or false";
  const s = SPEC_BY_NAME.get(name) as ParameterSpec;
  const unit = s.unit ? ` (${s.unit})` : "";
  if (name === "priceFloor") {
    const upper = price === undefined ? "price" : `price = ${formatNumber(price)}`;
    return `0 <= priceFloor <= ${upper}${unit}`;
  }
  const lower = `${formatNumber(s.min)} ${s.minInclusive ? "<=" : "<"} ${name}`;
  return s.max === Infinity ? `${lower}${unit}, finite` : `${lower} <= ${formatNumber(s.max)}${unit}`;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return formatNumber(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function rangeError(name: string, value: unknown, range: string): ParameterError {
  return new ParameterError(`invalid ${name}: got ${describeValue(value)}; allowed: ${range}`, name, value);
}

/** Whether `value` lies in the allowed range of `spec` (`price` bounds priceFloor). No allocation. */
export function inRange(spec: ParameterSpec, value: number, price: number): boolean {
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  if (spec.minInclusive ? value < spec.min : value <= spec.min) return false;
  return value <= (spec.name === "priceFloor" ? price : spec.max);
}

/**
 * Merge `params` over the paper's base values and validate every value.
 * Throws ParameterError naming the parameter, the value and the allowed range, for any value
 * out of range or not a finite number (or boolean for includeGdp), and for unknown keys.
 */
export function resolveParams(params: Partial<Params> = {}, base: Params = BASE_PARAMS): Params {
  if (params === null || typeof params !== "object") {
    throw new ParameterError(`parameters must be an object; got ${describeValue(params)}`, "params", params);
  }
  const merged: Params = { ...base };
  const given = params as Record<string, unknown>;
  for (const key in given) {
    if (!KNOWN_NAMES.has(key)) {
      throw new ParameterError(
        `unknown parameter ${JSON.stringify(key)}; known parameters: ${PARAM_NAMES.join(", ")}`, key, given[key]);
    }
    if (given[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = given[key];
  }
  if (typeof merged.includeGdp !== "boolean") {
    throw rangeError("includeGdp", merged.includeGdp, describeRange("includeGdp"));
  }
  const values = numericValues(merged);
  // Types first, so that a bad price is reported as itself and not through priceFloor's range.
  for (let k = 0; k < PARAMETER_SPECS.length; k++) {
    const value = values[k];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw rangeError(PARAMETER_SPECS[k]!.name, value, describeRange(PARAMETER_SPECS[k]!.name, merged.price));
    }
  }
  for (let k = 0; k < PARAMETER_SPECS.length; k++) {
    const s = PARAMETER_SPECS[k]!;
    if (!inRange(s, values[k] as number, merged.price)) throw rangeError(s.name, values[k], describeRange(s.name, merged.price));
  }
  return merged;
}

/** The paper's China-2017 base case (MODEL.md section 2); gdp is 12.2e12 USD (see MODEL.md). */
export const BASE_PARAMS: Readonly<Params> = Object.freeze({
  ...(Object.fromEntries(PARAMETER_SPECS.map((s) => [s.name, s.base])) as Record<NumericParam, number>),
  includeGdp: true,
});

/**
 * The numeric parameters in kernel order (PARAMETER_SPECS), read by name: explicit property
 * reads stay monomorphic, where p[spec.name] in a loop is a slow keyed load on every call.
 */
function numericValues(p: Params): unknown[] {
  return [p.price, p.priceFloor, p.elasticity, p.meanDisruption, p.importDependence, p.imports,
    p.gdpElasticity, p.gdp, p.fixedCost, p.variableCost, p.interestRate, p.horizon];
}

/** The 13 kernel inputs of a resolved parameter set, in kernel order (includeGdp as 1/0). */
export function toKernelInputs(p: Params, out: Float64Array = new Float64Array(PARAM_NAMES.length)): Float64Array {
  const values = numericValues(p);
  for (let k = 0; k < values.length; k++) out[k] = values[k] as number;
  out[values.length] = p.includeGdp ? 1 : 0;
  return out;
}
