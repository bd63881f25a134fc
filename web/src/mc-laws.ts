/**
 * The Monte Carlo panel's laws, one per uncertain parameter, as the library's `monteCarlo` takes
 * them (Distribution): normal and lognormal by mean and sd, uniform by min and max, triangular by
 * min, mode and max. The fields are text, checked here with the library's own rules
 * (checkDistribution) so that each bad row gets the library's message beside it.
 */
import { PARAMETER_SPECS, type Distribution, type NumericParam } from "../../src/index";
import { checkDistribution } from "../../src/analysis/distributions";
import { formatField } from "./format";

export type Law = Distribution["type"] & ("normal" | "lognormal" | "uniform" | "triangular");

/** The fields of each law, in order. */
export const LAW_FIELDS: Record<Law, readonly string[]> = {
  normal: ["mean", "sd"],
  lognormal: ["mean", "sd"],
  uniform: ["min", "max"],
  triangular: ["min", "mode", "max"],
};

/** One ticked parameter's row: its law and the law's fields as typed. */
export interface LawRow {
  name: NumericParam;
  law: Law;
  fields: string[];
}

/** Relative spread of the default laws: sd, or half-width, 30% of the value. */
export const DEFAULT_SPREAD = 0.3;

/**
 * The laws offered for a parameter: lognormal only where the allowed range is positive (a
 * lognormal variable is > 0; elasticity, for one, is negative).
 */
export function lawsFor(name: NumericParam): Law[] {
  const spec = PARAMETER_SPECS.find((s) => s.name === name)!;
  return spec.min >= 0 ? ["lognormal", "normal", "uniform", "triangular"] : ["normal", "uniform", "triangular"];
}

/** The default law of a parameter: the first one offered. */
export const defaultLaw = (name: NumericParam): Law => lawsFor(name)[0]!;

/** A default bound or spread as a reader would type it: 6 significant digits (66.04, not 66.03999999999999). */
const rounded = (x: number) => formatField(Number(x.toPrecision(6)));

/** The fields of `law` centred on `value` (exactly) with the default spread. */
export function defaultFields(law: Law, value: number): string[] {
  const width = Math.abs(value) * DEFAULT_SPREAD;
  const [lo, hi] = [rounded(value - width), rounded(value + width)];
  switch (law) {
    case "normal":
    case "lognormal":
      return [formatField(value), rounded(width)];
    case "uniform":
      return [lo, hi];
    case "triangular":
      return [lo, formatField(value), hi];
  }
}

/** The row's law as a Distribution, or the message to show beside it. */
export function toDistribution(row: LawRow): { distribution: Distribution } | { error: string } {
  const names = LAW_FIELDS[row.law];
  const values: number[] = [];
  for (const [k, field] of names.entries()) {
    const text = row.fields[k] ?? "";
    const x = text.trim() === "" ? NaN : Number(text);
    if (!Number.isFinite(x)) return { error: `${row.name}: ${field} ${JSON.stringify(text)} is not a number` };
    values.push(x);
  }
  const [a, b, c] = values as [number, number, number];
  const distribution: Distribution = row.law === "uniform" ? { type: "uniform", min: a, max: b }
    : row.law === "triangular" ? { type: "triangular", min: a, mode: b, max: c }
    : { type: row.law, mean: a, sd: b };
  try {
    checkDistribution(row.name, distribution);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return { distribution };
}
