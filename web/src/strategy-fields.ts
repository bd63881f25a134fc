/**
 * The strategy panel's inputs: the rule's fields, the custom shock's fields and the run settings,
 * each named after the library's parameter, with its unit, default and allowed range (the
 * library's own wording), and the reading of the typed text into the library's arguments. Text
 * that is not a number is refused here, naming the field, the text and the range; numbers out of
 * range are refused by the library itself (planSimulation, optimizeStrategy), whose
 * ParameterError names the same field.
 */
import { SHOCK_PRESETS, type Shocks, type StrategyGrid, type StrategyRule } from "../../src/index";
import type { SimulateOptions } from "../../src/strategy/simulate";

export interface FieldSpec {
  /** The library's name of the value (a StrategyRule field, a shock field or a run option). */
  name: string;
  /** What it is, in words. */
  label: string;
  unit: string;
  /** The text the field starts with ("" for an optional field left to its default). */
  initial: string;
  /** The allowed values, as the library says them. */
  range: string;
  /** What an empty field means (optional fields only). */
  empty?: string;
  /** Whole numbers only. */
  integer?: boolean;
}

/** The rule (StrategyRule), in the order the panel shows it; defaults are the README's worked example. */
export const RULE_FIELDS: readonly FieldSpec[] = [
  { name: "maxDrawdownRate", label: "release rate cap", unit: "days of imports per day", initial: "2", range: "0 <= maxDrawdownRate <= 1e3" },
  { name: "drawdownLag", label: "drawdown lag", unit: "days", initial: "0", range: "a finite drawdownLag >= 0" },
  { name: "coverFraction", label: "cover fraction", unit: "share of the shortfall", initial: "1", range: "0 <= coverFraction <= 10" },
  { name: "reserveFloor", label: "reserve floor", unit: "days of imports", initial: "0", range: "0 <= reserveFloor <= capacity" },
  { name: "maxFillRate", label: "fill cap", unit: "days of imports per day", initial: "0.1", range: "0 <= maxFillRate <= 1e3" },
  { name: "buyBelowPrice", label: "buy below price", unit: "USD/unit", initial: "", range: "buyBelowPrice > 0", empty: "always buy" },
  { name: "refillDelay", label: "refill delay", unit: "days", initial: "0", range: "a finite refillDelay >= 0" },
  { name: "targetStock", label: "target stock", unit: "days of imports", initial: "117", range: "0 <= targetStock <= 100000" },
  { name: "capacity", label: "capacity", unit: "days of imports", initial: "", range: "0 < capacity <= 100000, >= targetStock", empty: "the target stock" },
  { name: "sellAbovePrice", label: "sell above price", unit: "USD/unit", initial: "", range: "sellAbovePrice > buyBelowPrice (set a buy below price)", empty: "never sell" },
];

/** One disruption class typed in (the "custom" shock choice); defaults as the README's worked example. */
export const SHOCK_FIELDS: readonly FieldSpec[] = [
  { name: "onsetRate", label: "disruption onsets", unit: "per year", initial: "0.3836", range: "0 <= onsetRate <= 1e4" },
  { name: "severity", label: "severity", unit: "share of imports lost", initial: "0.3", range: "0 < severity < 1" },
  { name: "meanDuration", label: "mean duration", unit: "days", initial: "182.5", range: "meanDuration > 0" },
];

/** The run: simulateStrategy's options and the grid of the optimal policy. */
export const RUN_FIELDS: readonly FieldSpec[] = [
  { name: "years", label: "horizon", unit: "years", initial: "10", range: "0 < years <= 200" },
  { name: "step", label: "step", unit: "days", initial: "7", range: "0 < step <= 365" },
  { name: "samples", label: "paths", unit: "", initial: "2000", range: "an integer 2 <= samples <= 1000000", integer: true },
  { name: "seed", label: "seed", unit: "", initial: "1", range: "an integer", integer: true },
  { name: "stockLevels", label: "grid stock levels (optimum)", unit: "", initial: "61", range: "an integer 2 <= stockLevels <= 20000 (x regimes x price states <= 20000 states)", integer: true },
];

/** The shock choice of the custom class (the rest are SHOCK_PRESETS' names). */
export const CUSTOM_SHOCK = "custom";

/** Every field the panel has, by name (a ParameterError's parameter maps to its field). */
export const ALL_FIELDS: readonly FieldSpec[] = [...RULE_FIELDS, ...SHOCK_FIELDS, ...RUN_FIELDS];

/** The typed text of every field, the shock choice and the regime at time 0. */
export interface StrategyForm {
  values: Record<string, string>;
  shock: string;
  /** Start with a disruption (of the first class) just begun. */
  startDisrupted: boolean;
}

/** The library's arguments read from the form. */
export interface StrategyRequest {
  shocks: Shocks;
  rule: StrategyRule;
  options: Omit<SimulateOptions, "backend" | "onProgress">;
  grid: StrategyGrid;
}

/** Text of a field that is not a number, by field name: "name: got "text", not a number; allowed: range". */
export type FieldErrors = Record<string, string>;

/** A decimal number as the page accepts it (what Number() reads, without hex, blanks or Infinity). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function readField(spec: FieldSpec, text: string, errors: FieldErrors): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") {
    if (spec.empty === undefined) errors[spec.name] = `${spec.name}: empty; allowed: ${spec.range}`;
    return undefined;
  }
  const value = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value) || (spec.integer && !Number.isInteger(value))) {
    errors[spec.name] = `${spec.name}: got ${JSON.stringify(text)}, not ${spec.integer ? "a whole number" : "a number"}; allowed: ${spec.range}`;
    return undefined;
  }
  return value;
}

/** The form's request, or the fields whose text is not a number (ranges are the library's to check). */
export function readStrategyForm(form: StrategyForm): { request: StrategyRequest } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = (specs: readonly FieldSpec[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const spec of specs) {
      const value = readField(spec, form.values[spec.name] ?? spec.initial, errors);
      if (value !== undefined) out[spec.name] = value;
    }
    return out;
  };
  const rule = read(RULE_FIELDS) as unknown as StrategyRule;
  const run = read(RUN_FIELDS);
  let shocks: Shocks;
  if (form.shock === CUSTOM_SHOCK) {
    const c = read(SHOCK_FIELDS);
    shocks = { onsetRate: c.onsetRate!, classes: [{ name: "custom", weight: 1, severity: c.severity!, meanDuration: c.meanDuration! }] };
  } else {
    shocks = SHOCK_PRESETS[form.shock]!.shocks;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const { stockLevels, ...options } = run;
  return {
    request: {
      shocks, rule, options: { ...options, initialRegime: form.startDisrupted ? 1 : 0 },
      grid: { stockLevels: stockLevels!, capacity: rule.capacity ?? rule.targetStock, step: run.step! },
    },
  };
}

/**
 * The field a library error is about: its parameter, with a class's field ("classes[0].severity")
 * mapped to the custom class's field; undefined if the panel has no such field.
 */
export function fieldOf(parameter: string | undefined): string | undefined {
  if (parameter === undefined) return undefined;
  const name = parameter.replace(/^classes\[0\]\./, "");
  return ALL_FIELDS.some((f) => f.name === name) ? name : undefined;
}
