/** The text under every chart (CLI and page): package version, the model's source, every parameter. */
import type { Params } from "./params";
import { PARAMETER_SPECS } from "./params";
import { VERSION } from "./version";

/** The first words of every caption: the package version and the model's source. */
export const CAPTION_SOURCE = `optimal-reserve ${VERSION}; model of Xie, Lin, Su & Pang (2019)`;

/** `words` joined by ", " into lines of at most `width` characters. */
export function wrapList(words: readonly string[], width: number): string[] {
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

/** "<source>. Parameters:" and every parameter's value of `p`, wrapped at `width` characters. */
export function parameterCaption(p: Params, width: number): string[] {
  const values = PARAMETER_SPECS.map((s) => `${s.name} ${p[s.name] === Infinity ? "none" : p[s.name]}`);
  values.push(`includeGdp ${p.includeGdp}`, `gdpLossForm ${p.gdpLossForm}`);
  return [`${CAPTION_SOURCE}. Parameters:`, ...wrapList(values, width)];
}
