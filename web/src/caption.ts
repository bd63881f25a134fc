/**
 * The title and caption a downloaded chart carries, as the command line's charts do: the package
 * version, the model's source, every parameter value it was drawn with, then notes (the current
 * stock, the Monte Carlo laws). On the page the figure's own caption and the form say this; a
 * file taken away must say it by itself.
 */
import { parameterCaption, wrapList } from "../../src/caption";
import type { Params } from "../../src/index";

export interface ChartCaption {
  title: string;
  lines: string[];
}

/** Characters per caption line at 10 px for a 520 px chart. */
const LINE_CHARS = 90;

/** The caption of a chart drawn from `params` (all listed), with `notes` after them. */
export function chartCaption(title: string, params: Params, notes: string[] = []): ChartCaption {
  return {
    title,
    lines: [...parameterCaption(params, LINE_CHARS), ...notes.flatMap((n) => wrapList(n.split(", "), LINE_CHARS))],
  };
}
