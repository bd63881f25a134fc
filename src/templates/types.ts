/**
 * The shape of a parameter template (a commodity whose every parameter carries its provenance),
 * and the one error for a template used before its assumptions are accepted. No import of the
 * parameter module, so that resolveParams (src/params.ts) can refuse a raw template with it.
 */
import type { Distribution } from "../analysis/distributions";
import type { Params } from "../params";
import { ParameterError } from "../rules";

/**
 * Where a value comes from. `sourced`: printed in the source named. `derived`: computed from a
 * sourced value (how: `why`). `assumption`: no published value; the package's choice, with its
 * reason in `why` and its uncertainty in `distribution`.
 */
export type Quality = "sourced" | "derived" | "assumption";

/** One parameter of a template, with its provenance. */
export interface TemplateField<V = number> {
  value: V;
  /** The value's unit ("" for a pure number). */
  unit: string;
  /** Where the value comes from: the publication, its edition and a link; for an assumption, what it rests on. */
  source: string;
  /** The year the value refers to (for an assumption: the year it was made). */
  year: number;
  quality: Quality;
  /** How a derived value was computed, or why an assumption is needed and what it rests on. */
  why?: string;
  /** For a numeric assumption: its uncertainty, as a law monteCarlo samples. */
  distribution?: Distribution;
  /**
   * For an assumption stated as a multiple of the price P0 (priceFloor 0.3 P0, chokePrice 10 P0,
   * the storage costs): that multiple. Value and law follow a price the caller gives in
   * `overrides` (templateParams, templateDistributions), so the accepted ratio is kept.
   */
  perPrice?: number;
}

/** Every parameter of the model, each with its provenance. */
export type TemplateFields = { [K in keyof Params]: TemplateField<Params[K]> };

/** The marker of a template object (so that a raw template handed to solve() is recognised). */
export const TEMPLATE_KIND = "optimal-reserve/template";

/** A commodity's full parameter set with provenance on every value. */
export interface ParameterTemplate {
  kind: typeof TEMPLATE_KIND;
  /** Short identifier: the key in presets.templates and the CLI's --template value. */
  id: string;
  /** Display name, e.g. "Gallium". */
  name: string;
  /** The stored form the units refer to, e.g. "gallium metal (99.99999%)". */
  form: string;
  /** The commodity unit of that form (imports are in unit/day, price in USD/unit, zStarUnits in unit). */
  unit: "kg" | "t";
  /** Whose imports the sourced values describe. */
  importer: string;
  /** Every model parameter with its value and provenance. */
  fields: TemplateFields;
  /** Events and targets the assumptions were read against (with sources). */
  notes: readonly string[];
}

/** Whether `value` is a parameter template (a raw one, not yet turned into parameters). */
export function isTemplate(value: unknown): value is ParameterTemplate {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === TEMPLATE_KIND;
}

/** The names of a template's assumption fields, in parameter order (no check of `t`: see assumptionNames in ./index.ts). */
export function assumptionFields(t: ParameterTemplate): (keyof Params)[] {
  return (Object.keys(t.fields) as (keyof Params)[]).filter((k) => t.fields[k].quality === "assumption");
}

/** One assumption as a line of an error or a listing: `name = value unit (why)`. */
export function describeAssumption(t: ParameterTemplate, name: keyof Params): string {
  const f = t.fields[name];
  const unit = f.unit ? ` ${f.unit}` : "";
  return `${name} = ${String(f.value)}${unit}: ${f.why ?? f.source}`;
}

/**
 * The ParameterError for a template whose assumption fields `names` are neither confirmed nor
 * overridden: it lists each with its value and reason, and says how to accept or replace them.
 * `parameter` is "assumptions" and `value` the list of names.
 */
export function unconfirmedError(t: ParameterTemplate, names: readonly (keyof Params)[]): ParameterError {
  const lines = names.map((n) => `  ${describeAssumption(t, n)}`);
  return new ParameterError(
    `invalid assumptions: template ${t.id} has ${names.length} assumption field${names.length === 1 ? "" : "s"} neither confirmed nor overridden ` +
    `(no published value; the package's assumption):\n${lines.join("\n")}\n` +
    "allowed: accept them (templateParams(template, { confirm: true }) or a list of names; CLI --accept-assumptions; " +
    "the page's Accept button) or give your own values (overrides; CLI parameter flags)",
    "assumptions", names);
}
