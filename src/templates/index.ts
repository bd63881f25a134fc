/**
 * Using a parameter template: its parameters once the caller has accepted or replaced every
 * assumption (templateParams), and the laws of its assumptions for monteCarlo
 * (templateDistributions). A raw template handed to solve() and the other entry points is
 * refused by resolveParams with the same error.
 */
import type { Distributions } from "../analysis/montecarlo";
import { PARAM_NAMES, resolveParams, type NumericParam, type Params } from "../params";
import { checkKnownOptions, checkOptions, invalid } from "../rules";
import { MINERAL_TEMPLATES } from "./minerals";
import { assumptionFields, isTemplate, unconfirmedError, type ParameterTemplate } from "./types";

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

/** The template's values as a parameter set (no validation, no confirmation). */
function templateValues(t: ParameterTemplate): Params {
  return Object.fromEntries(PARAM_NAMES.map((name) => [name, t.fields[name].value])) as unknown as Params;
}

/**
 * The parameters of `template` (an object of presets.templates, or its id) with the caller's
 * `overrides` on top, once every assumption field is either overridden or accepted in
 * `confirm` (`true` for all, or a list of API names).
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
  const params = resolveParams(overrides, templateValues(t));
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
 * leaving out the fields in `overrides` (the caller's own values are not sampled). Sourced and
 * derived values are fixed. Use with templateParams(template, ...) as the base:
 * `monteCarlo(templateParams(t, { confirm: true }), templateDistributions(t), options)`.
 * Throws ParameterError for an unknown template.
 */
export function templateDistributions(template: ParameterTemplate | string, overrides: Partial<Params> = {}): Distributions {
  const t = asTemplate(template);
  const given = checkOptions("overrides", overrides);
  const out: Distributions = {};
  for (const name of assumptionFields(t)) {
    const d = t.fields[name].distribution;
    if (d !== undefined && !Object.hasOwn(given, name)) out[name as NumericParam] = d;
  }
  return out;
}
