/**
 * The page's charts, drawn with Observable Plot (SVG): the cost curve S(z) with z* and the
 * current stock, MB and MC against z, the tornado, and the Monte Carlo histogram. Money on each
 * chart is in the scale the results panel uses for the same quantity (scaleOf), so a chart and
 * the text beside it never disagree (mn vs bn). Every label is inside the SVG (no HTML legend),
 * so a downloaded SVG or PNG is complete.
 */
import * as Plot from "@observablehq/plot";
import type { MonteCarloResult } from "../../src/index";
import { isCorner } from "./corner";
import { scaleOf } from "./format";
import type { View } from "./view";

const WIDTH = 520;
const HEIGHT = 240;
const STAR = "#c0392b";
const STOCK = "#2c7fb8";
const MC_COLOUR = "#e67e22";
/** Tornado colours: low and high values, distinct also in grey print and for red-green blindness. */
export const LOW_COLOUR = "#2b8cbe";
export const HIGH_COLOUR = "#e6550d";

/** A unit with its scale's suffix: "bn USD/yr", or "USD/yr" for none. */
const withScale = (suffix: string, unit: string) => (suffix === "" ? unit : `${suffix} ${unit}`);

/** Vertical markers for z* and, when given, the current stock, with labels. */
function markers(zStar: number, stock: number | undefined): Plot.Markish[] {
  const marks: Plot.Markish[] = [
    Plot.ruleX([zStar], { stroke: STAR, strokeWidth: 1.5 }),
    Plot.text([zStar], { x: (d: number) => d, frameAnchor: "top", dx: 4, textAnchor: "start", text: () => "z*", fill: STAR }),
  ];
  if (stock !== undefined) {
    marks.push(
      Plot.ruleX([stock], { stroke: STOCK, strokeDasharray: "4,3" }),
      Plot.text([stock], { x: (d: number) => d, frameAnchor: "top", dx: 4, dy: 14, textAnchor: "start", text: () => "current stock", fill: STOCK }),
    );
  }
  return marks;
}

/** S(z), USD/yr, over the chart's range of reserves, in the scale of S(z*). */
export function costChart(view: View): SVGSVGElement {
  const { curve: c, solution: s } = view;
  const [divisor, suffix] = scaleOf(s.totalCost);
  const points = Array.from(c.z, (z, i) => ({ z, s: c.totalCost[i]! / divisor }));
  // S grows without bound as z -> 0 for some parameter sets: scale to the part from z*/2 on.
  const top = Math.max(...points.filter((p) => p.z >= s.zStar / 2).map((p) => p.s), (1.5 * s.totalCost) / divisor);
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 56,
    x: { label: "reserve z (days of imports)" },
    y: { label: `total cost S(z) (${withScale(suffix, "USD/yr")})`, grid: true, domain: [0, top] },
    clip: true,
    marks: [
      Plot.line(points, { x: "z", y: "s", stroke: "#333" }),
      Plot.dot([{ z: s.zStar, s: s.totalCost / divisor }], { x: "z", y: "s", fill: STAR, r: 4 }),
      ...markers(s.zStar, view.stock),
    ],
  }) as SVGSVGElement;
}

/** MB(z) and MC, USD/yr per day of reserve, in the scale of MC; z* is where they cross. */
export function marginalChart(view: View): SVGSVGElement {
  const { curve: c, solution: s } = view;
  const [divisor, suffix] = scaleOf(s.marginalCost);
  const mc = s.marginalCost / divisor;
  const points = Array.from(c.z, (z, i) => ({ z, mb: c.marginalBenefit[i]! / divisor }));
  const end = c.z[c.z.length - 1]!;
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 56, marginRight: 40,
    // MB grows without bound near z = 0 for some parameter sets: show up to 3 MC.
    y: { label: withScale(suffix, "USD/yr per day"), grid: true, domain: [0, 3 * mc] },
    x: { label: "reserve z (days of imports)" },
    clip: true,
    marks: [
      Plot.line(points, { x: "z", y: "mb", stroke: "#333" }),
      Plot.ruleY([mc], { stroke: MC_COLOUR, strokeWidth: 1.5 }),
      // Labels at the right end instead of a legend: MC on its rule, MB near the top left.
      Plot.text([{ z: end, y: mc }], { x: "z", y: "y", text: () => "MC", dy: -8, textAnchor: "end", fill: MC_COLOUR, fontWeight: "bold" }),
      Plot.text(["marginal benefit MB(z)"], { frameAnchor: "top-right", dy: 4, dx: -4, fill: "#333" }),
      ...markers(s.zStar, view.stock),
    ],
  }) as SVGSVGElement;
}

/** Days on the tornado's value labels: one decimal. */
const labelDays = (z: number) => (Number.isFinite(z) ? z.toFixed(1) : "n/a");

/** The text a corner bar's label gets after its z*. */
export const CORNER_LABEL = " (d = 1 corner: z* = H)";

/**
 * z* at each parameter's low and high value (base +-50%), largest swing on top: the low bar in
 * the upper half of its row, the high bar in the lower half (both visible when they point the
 * same way), each with its z* as a label at its end. A bar that ends at the d = 1 corner is pale
 * and its label says so: it is a jump to z* = H, not a trend.
 */
export function tornadoChart(view: View): SVGSVGElement {
  const t = view.tornado;
  const row = 26;
  const horizon = view.params.horizon;
  type Bar = { name: string; from: number; to: number; corner: boolean };
  const bars = (side: "zLow" | "zHigh"): Bar[] => t.rows.map((r) => ({ name: r.name, from: t.zStar, to: r[side], corner: isCorner(r) && r[side] === horizon }));
  const lows = bars("zLow");
  const highs = bars("zHigh");
  const anyCorner = [...lows, ...highs].some((b) => b.corner);
  const half = row / 2;
  // A label sits just past its bar's end: right of bars that grow z*, left of bars that lower it.
  const label = (side: Bar[], dy: number, fill: string): Plot.Markish[] => [true, false].map((right) =>
    Plot.text(side.filter((b) => Number.isFinite(b.to) && (b.to >= b.from) === right), {
      y: "name", x: "to", dy, dx: right ? 3 : -3, textAnchor: right ? "start" : "end",
      text: (b: Bar) => `${labelDays(b.to)}${b.corner ? CORNER_LABEL : ""}`, fill, fontSize: 9,
    }));
  const opacity = (b: Bar) => (b.corner ? 0.35 : 1);
  return Plot.plot({
    // A corner label is longer: room for it on the right.
    width: WIDTH, height: 60 + row * t.rows.length, marginLeft: 120, marginRight: anyCorner ? 140 : 36, marginTop: 30,
    // Insets leave room for the value labels beyond the longest bars.
    x: { label: "z* (days of imports)", grid: true, insetLeft: 30, insetRight: 6 },
    y: { label: null, domain: t.rows.map((r) => r.name), padding: 0.1 },
    marks: [
      Plot.barX(lows, { y: "name", x1: "from", x2: "to", fill: LOW_COLOUR, fillOpacity: opacity, insetBottom: half - 1 }),
      Plot.barX(highs, { y: "name", x1: "from", x2: "to", fill: HIGH_COLOUR, fillOpacity: opacity, insetTop: half - 1 }),
      ...label(lows, -row / 4, LOW_COLOUR),
      ...label(highs, row / 4, HIGH_COLOUR),
      Plot.ruleX([t.zStar], { stroke: STAR }),
      // The legend, inside the SVG.
      Plot.text(["■ low value (−50%)"], { frameAnchor: "top-left", dy: -22, fill: LOW_COLOUR }),
      Plot.text(["■ high value (+50%)"], { frameAnchor: "top-left", dy: -22, dx: 120, fill: HIGH_COLOUR }),
    ],
  }) as SVGSVGElement;
}

/** The Monte Carlo histogram of z*, with the current stock marked. */
export function histogramChart(r: MonteCarloResult, stock: number | undefined): SVGSVGElement {
  const { edges, counts } = r.histogram;
  const bins = counts.map((count, k) => ({ x1: edges[k]!, x2: edges[k + 1]!, count }));
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 56,
    x: { label: "z* (days of imports)" },
    y: { label: "samples", grid: true },
    marks: [
      Plot.rectY(bins, { x1: "x1", x2: "x2", y: "count", fill: "#74a9cf", inset: 0.5 }),
      Plot.ruleY([0]),
      ...(stock === undefined ? [] : [
        Plot.ruleX([stock], { stroke: STOCK, strokeDasharray: "4,3" }),
        Plot.text([stock], { x: (d: number) => d, frameAnchor: "top", dx: 4, textAnchor: "start", text: () => "current stock", fill: STOCK }),
      ]),
    ],
  }) as SVGSVGElement;
}
