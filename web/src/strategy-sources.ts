/**
 * The provenance of a shock preset as lines for the page: every sourced number of
 * SHOCK_PRESETS[name].provenance (value, unit, source, year), with assumptions marked as such.
 */
import type { ShockPreset, Sourced } from "../../src/index";

const isSourced = (x: unknown): x is Sourced =>
  typeof x === "object" && x !== null && "value" in x && "unit" in x && "source" in x && "year" in x;

/** One sourced number as a line: "worldSupply: 100 MMbbl/d (assumption ..., 2023; assumption: ...)". */
function line(label: string, s: Sourced): string {
  const assumption = s.assumption ? `; assumption${s.note ? `: ${s.note}` : ""}` : s.note ? `; ${s.note}` : "";
  return `${label}: ${s.value} ${s.unit} (${s.source}, ${s.year}${assumption})`;
}

/** Every sourced number under `node`, labelled by its path (array items by their label, else their number). */
function walk(label: string, node: unknown, out: string[]): void {
  if (isSourced(node)) {
    out.push(line(label, node));
  } else if (Array.isArray(node)) {
    node.forEach((item, k) => {
      const name = typeof (item as { label?: unknown })?.label === "string" ? (item as { label: string }).label : String(k + 1);
      walk(`${label} ${name}`, item, out);
    });
  } else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) if (key !== "label") walk(label === "" ? key : `${label} ${key}`, value, out);
  }
}

/** The preset's sourced numbers, one line each, in the order the preset lists them. */
export function provenanceLines(preset: ShockPreset): string[] {
  const out: string[] = [];
  walk("", preset.provenance, out);
  return out;
}
