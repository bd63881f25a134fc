/**
 * Using a parameter template: its parameters once the caller has accepted or replaced every
 * assumption (templateParams), and the laws of its assumptions for monteCarlo
 * (templateDistributions). A raw template handed to solve() and the other entry points is
 * refused by resolveParams with the same error.
 */
import type { Distribution } from "../analysis/distributions";
import type { Distributions } from "../analysis/montecarlo";
import { PARAM_NAMES, resolveParams, type NumericParam, type Params } from "../params";
import { checkKnownOptions, checkOptions, invalid } from "../rules";
import { MINERAL_TEMPLATES } from "./minerals";
import { assumptionFields, isTemplate, unconfirmedError, type ParameterTemplate, type TemplateField } from "./types";

export { MINERAL_TEMPLATES } from "./minerals";
export { TEMPLATE_KIND, isTemplate, type ParameterTemplate, type TemplateField, type TemplateFields, type Quality } from "./types";

/** How the caller takes a template. */
export interface TemplateChoice {
  /** `true`: accept every assumption as it stands; a list: accept the assumptions named (API names). */
  confirm?: true | readonly string[];
  /** The caller's own values (API names): each replaces the template's value and needs no confirmation. */
  overrides?: Partial<Params>;
}

/** The ids of the built-in templates (presets.templates), for messages and listings. */
export const TEMPLATE_IDS: readonly string[] = Object.freeze(Object.keys(MINERAL_TEMPLATES));

/**
 * The built-in template called `id` (e.g. "gallium"). Throws ParameterError naming the id and the
 * known ids when there is none.
 */
export function findTemplate(id: string): ParameterTemplate {
  const t = (MINERAL_TEMPLATES as Record<string, ParameterTemplate>)[id];
  if (typeof id !== "string" || t === undefined || !Object.hasOwn(MINERAL_TEMPLATES, id)) {
    throw invalid("template", id, `one of ${TEMPLATE_IDS.join(", ")}`);
  }
  return t;
}

function asTemplate(template: ParameterTemplate | string): ParameterTemplate {
  if (typeof template === "string") return findTemplate(template);
  if (!isTemplate(template)) throw invalid("template", template, `a template from presets.templates or one of the ids ${TEMPLATE_IDS.join(", ")}`);
  return template;
}

/**
 * The API names of the assumption fields of `template` (a template or its id), in parameter
 * order: the fields a caller must accept or override. Throws ParameterError for an unknown template.
 */
export function assumptionNames(template: ParameterTemplate | string): (keyof Params)[] {
  return assumptionFields(asTemplate(template));
}

/**
 * The price `overrides` gives instead of the template's, if any: the assumptions stated as
 * multiples of the price (`perPrice`) follow it. Undefined when the price is the template's.
 */
function overriddenPrice(t: ParameterTemplate, overrides: Partial<Params>): number | undefined {
  const price = overrides.price;
  return Object.hasOwn(overrides, "price") && typeof price === "number" && price !== t.fields.price.value ? price : undefined;
}

/**
 * The template's values as a parameter set (no validation, no confirmation); at an overridden
 * `price`, each per-price assumption is its multiple of that price (priceFloor 0.3 P0 stays 0.3 P0).
 */
function templateValues(t: ParameterTemplate, price: number | undefined): Params {
  return Object.fromEntries(PARAM_NAMES.map((name) => {
    const f = t.fields[name] as TemplateField<unknown>;
    return [name, price !== undefined && f.perPrice !== undefined ? f.perPrice * price : f.value];
  })) as unknown as Params;
}

/** `d` with every location and scale multiplied by `ratio` (a per-price law at another price). */
function scaledLaw(d: Distribution, ratio: number): Distribution {
  switch (d.type) {
    case "uniform": return { ...d, min: d.min * ratio, max: d.max * ratio };
    case "triangular": return { ...d, min: d.min * ratio, mode: d.mode * ratio, max: d.max * ratio };
    case "normal":
    case "lognormal": return { ...d, mean: d.mean * ratio, sd: d.sd * ratio };
    case "discrete": return { ...d, values: d.values.map((v) => v * ratio) };
  }
}

/**
 * The parameters of `template` (an object of presets.templates, or its id) with the caller's
 * `overrides` on top, once every assumption field is either overridden or accepted in
 * `confirm` (`true` for all, or a list of API names). An overridden `price` carries the
 * assumptions stated as multiples of the price (`perPrice`: priceFloor 0.3 P0, the storage costs,
 * chokePrice 10 P0) along, unless they are overridden too: an accepted ratio stays that ratio.
 *
 * Result: a full, validated Params (units: the template's, e.g. price in USD/kg and imports in
 * kg/day for gallium, so that a solution's zStarUnits is in `template.unit`).
 * Throws ParameterError: when an assumption field is neither overridden nor confirmed (parameter
 * "assumptions"; the message lists each with its value and reason, the value is the list of
 * names); when `confirm` names a field that is no assumption of this template; for an unknown
 * template, an unknown override name or an override out of range (resolveParams' message).
 */
export function templateParams(template: ParameterTemplate | string, choice: TemplateChoice = {}): Params {
  const t = asTemplate(template);
  const c = checkOptions("choice", choice);
  checkKnownOptions(c, ["confirm", "overrides"]);
  const overrides = checkOptions("overrides", c.overrides ?? {});
  const params = resolveParams(overrides, templateValues(t, overriddenPrice(t, overrides)));
  const assumptions = assumptionFields(t);
  const confirm = c.confirm;
  if (confirm !== undefined && confirm !== true) {
    if (!Array.isArray(confirm)) throw invalid("confirm", confirm, "true, or a list of the template's assumption names");
    for (const name of confirm) {
      if (!assumptions.includes(name as keyof Params)) {
        throw invalid("confirm", name, `an assumption field of template ${t.id}: ${assumptions.join(", ")}`);
      }
    }
  }
  const unconfirmed = assumptions.filter((name) =>
    confirm !== true && !(confirm ?? []).includes(name) && !Object.hasOwn(overrides, name));
  if (unconfirmed.length > 0) throw unconfirmedError(t, unconfirmed);
  return params;
}

/**
 * The uncertainty of `template`'s assumptions as monteCarlo distributions (API name -> law),
 * leaving out the fields in `overrides` (the caller's own values are not sampled). At an
 * overridden `price`, the laws of the per-price assumptions are scaled to it (as in
 * templateParams). Sourced and derived values are fixed. Use with templateParams(template, ...) as the base:
 * `monteCarlo(templateParams(t, { confirm: true }), templateDistributions(t), options)`.
 * Throws ParameterError for an unknown template.
 */
export function templateDistributions(template: ParameterTemplate | string, overrides: Partial<Params> = {}): Distributions {
  const t = asTemplate(template);
  const given = checkOptions("overrides", overrides);
  const price = overriddenPrice(t, given);
  const out: Distributions = {};
  for (const name of assumptionFields(t)) {
    const f = t.fields[name] as TemplateField<unknown>;
    const d = f.distribution;
    if (d === undefined || Object.hasOwn(given, name)) continue;
    out[name as NumericParam] = price !== undefined && f.perPrice !== undefined ? scaledLaw(d, price / t.fields.price.value) : d;
  }
  return out;
}
