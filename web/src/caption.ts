/**
 * The title and caption a downloaded chart carries, as the command line's charts do: the package
 * version, the model's source, every parameter value it was drawn with, then notes (the current
 * stock, the Monte Carlo laws). On the page the figure's own caption and the form say this; a
 * file taken away must say it by itself.
 */
import { PARAMETER_SPECS, VERSION, type Params } from "../../src/index";

export interface ChartCaption {
  title: string;
  lines: string[];
}

/** Characters per caption line at 10 px for a 520 px chart. */
const LINE_CHARS = 90;

/** `words` joined by ", " into lines of at most `width` characters. */
function wrap(words: string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 2 + w.length > width) {
      lines.push(`${line},`);
      line = w;
    } else {
      line = line ? `${line}, ${w}` : w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The caption of a chart drawn from `params` (all listed), with `notes` after them. */
export function chartCaption(title: string, params: Params, notes: string[] = []): ChartCaption {
  const values = PARAMETER_SPECS.map((s) => `${s.name} ${params[s.name]}`);
  values.push(`includeGdp ${params.includeGdp}`);
  return {
    title,
    lines: [`optimal-reserve ${VERSION}; model of Xie, Lin, Su & Pang (2019). Parameters:`, ...wrap(values, LINE_CHARS), ...notes.flatMap((n) => wrap(n.split(", "), LINE_CHARS))],
  };
}
