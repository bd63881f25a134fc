/** `optimal-reserve templates`: the mineral templates, every field with its value, unit, quality, year and source. */
import { PARAM_NAMES } from "../params";
import { presets } from "../presets";
import type { ParameterTemplate, TemplateField } from "../templates/index";
import { COMMON_OPTIONS, OUTPUT_HELP, OUTPUT_OPTIONS } from "./commands";
import { parse } from "./args";
import { formatFrom, render, type Row } from "./output";
import { templateFrom } from "./template-flags";

export const TEMPLATES_HELP = `Usage: optimal-reserve templates [--template name] [--format ...]

The parameter templates (critical minerals, U.S. imports): every field with its value, unit,
quality (sourced: printed in the source; derived: computed from a sourced value; assumption: no
published value, to be accepted with --accept-assumptions or replaced by a flag), the year it
refers to, and its source or the reason for the assumption. --template name shows one.
Use a template with 'optimal-reserve solve --template gallium --accept-assumptions' (and on
curve, sweep, tornado, mc, breakeven, elasticities, batch).

  json: the templates as objects (fields with value, unit, source, year, quality, why, distribution,
        perPrice: the multiple of the price an assumption follows when --price is given)
  csv and ndjson rows: { template, parameter, value, unit, quality, year, source, why, distribution }
${OUTPUT_HELP}`;

/** One row per field of `t`. */
function rows(t: ParameterTemplate): Row[] {
  return PARAM_NAMES.map((name) => {
    const f = t.fields[name] as TemplateField<number | boolean | string>;
    return {
      template: t.id, parameter: name, value: f.value, unit: f.unit, quality: f.quality, year: f.year, source: f.source,
      why: f.why ?? "", distribution: f.distribution === undefined ? "" : JSON.stringify(f.distribution),
    };
  });
}

/** The table of one template: a heading, then parameter, value, unit, quality, year and source or reason. */
function tableOf(t: ParameterTemplate): string {
  const body = render("table", ["parameter", "value", "unit", "quality", "year", "source / why"],
    rows(t).map((r): Row => ({ ...r, value: String(r.value), "source / why": r.quality === "assumption" ? r.why! : `${String(r.source)}${r.why ? ` (${String(r.why)})` : ""}` })));
  return `${t.id}: ${t.name}, ${t.form}; imports of the ${t.importer}; z* in days and in ${t.unit}\n${body}\n${t.notes.map((n) => `event or target: ${n}`).join("\n")}`;
}

/** `optimal-reserve templates`. */
export function templatesCommand(argv: string[]): string {
  const { values } = parse(argv, { ...COMMON_OPTIONS, ...OUTPUT_OPTIONS, template: { type: "string" } });
  if (values.help) return TEMPLATES_HELP;
  const format = formatFrom(values.format);
  const one = templateFrom(values);
  const chosen = one === undefined ? (Object.values(presets.templates) as ParameterTemplate[]) : [one];
  if (format === "json") return JSON.stringify(one ?? presets.templates, null, 2);
  if (format === "table") return chosen.map(tableOf).join("\n\n");
  return render(format, ["template", "parameter", "value", "unit", "quality", "year", "source", "why", "distribution"], chosen.flatMap(rows));
}
