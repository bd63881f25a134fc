/**
 * `--template name` and `--accept-assumptions` on every command that takes parameter flags: the
 * template's values under the flags (and --params), refused (exit 2) until its assumptions are
 * accepted, with each listed by value and reason. Flags override template fields and need no
 * acceptance.
 */
import type { Distributions } from "../analysis/montecarlo";
import type { Params } from "../params";
import { formatAmount } from "./format";
import { findTemplate, templateDistributions, templateParams, type ParameterTemplate } from "../templates/index";
import { UsageError } from "./args";

/** Help lines of the two flags (in every parameter flag list). */
export const TEMPLATE_HELP_LINES = [
  "  --template name            start from a mineral template (optimal-reserve templates lists them with sources);",
  "                             parameter flags and --params override its fields",
  "  --accept-assumptions       accept the template's assumption fields as they stand (without it, and without a",
  "                             flag for each, the command stops and lists them with their values and reasons)",
];

/** The template named by --template, if any (a UsageError for an unknown name or a stray --accept-assumptions). */
export function templateFrom(values: Record<string, unknown>): ParameterTemplate | undefined {
  const name = values.template;
  if (name === undefined) {
    if (values["accept-assumptions"] === true) throw new UsageError("--accept-assumptions needs --template name");
    return undefined;
  }
  try {
    return findTemplate(String(name));
  } catch (error) {
    throw new UsageError(`invalid --template: ${(error as Error).message.replace(/^invalid template: /, "")} (optimal-reserve templates lists them)`);
  }
}

/**
 * The parameters of a command: `given` (from --params and the flags) alone, or, with --template,
 * the template's values under them once its assumptions are accepted (templateParams; its
 * ParameterError lists the ones left, exit 2).
 */
export function applyTemplate(values: Record<string, unknown>, given: Partial<Params>): Partial<Params> {
  const t = templateFrom(values);
  if (t === undefined) return given;
  return templateParams(t, { overrides: given, ...(values["accept-assumptions"] === true ? { confirm: true as const } : {}) });
}

/** With --template: the laws of its assumption fields not given as flags (for mc); else none. */
export function templateDistributionsFrom(values: Record<string, unknown>, given: Partial<Params>): Distributions {
  const t = templateFrom(values);
  return t === undefined ? {} : templateDistributions(t, given);
}

/** What zStarUnits counts: the template's unit and form, or the generic words without a template. */
export function unitsLabel(values: Record<string, unknown>): string {
  const t = templateFrom(values);
  return t === undefined ? "units of the commodity (barrels when imports are in bbl/day)" : `${t.unit} of ${t.form}`;
}

/**
 * With --template, when the run's `imports` is the template's own value and that value is an
 * assumption (no published figure for this form, e.g. all rare-earth compounds for one oxide):
 * the warning that z* x q0 rests on it. Undefined otherwise (z* in days never depends on it).
 */
export function importsCaveat(values: Record<string, unknown>, imports: number | undefined): string | undefined {
  const t = templateFrom(values);
  const f = t?.fields.imports;
  if (t === undefined || f === undefined || f.quality !== "assumption" || imports !== f.value) return undefined;
  return `z* x q0 rests on assumed imports (${formatAmount(f.value)} ${f.unit}, template ${t.id}: no published figure for ${t.form} alone; ` +
    "see optimal-reserve templates); give your own with --imports";
}

/**
 * With --template, the caption note of a --plot chart: which template, the units its values are
 * in, and that its assumptions were accepted (a file taken away must say it by itself). Else none.
 */
export function templateNotes(values: Record<string, unknown>): string[] {
  const t = templateFrom(values);
  if (t === undefined) return [];
  // Two lines of at most about 100 characters, the caption's width.
  return [`Template ${t.id} (${t.form}, ${t.importer} imports): price in USD/${t.unit}, imports in ${t.unit}/day;`,
    `its assumptions accepted or given as flags (optimal-reserve templates --template ${t.id}: every source).`];
}
