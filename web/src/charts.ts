/**
 * The page's charts, drawn with Observable Plot (SVG): the cost curve S(z) with z* and the
 * current stock, MB and MC against z, the tornado, and the Monte Carlo histogram. Money is shown
 * in billions of USD per year.
 */
import * as Plot from "@observablehq/plot";
import type { MonteCarloResult, TornadoRow } from "../../src/index";
import type { View } from "./view";

const BN = 1e9;
const WIDTH = 520;
const HEIGHT = 240;
const STAR = "#c0392b";
const STOCK = "#2c7fb8";

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

/** S(z), USD/yr, over the chart's range of reserves. */
export function costChart(view: View): Element {
  const { curve: c, solution: s } = view;
  const points = Array.from(c.z, (z, i) => ({ z, s: c.totalCost[i]! / BN }));
  // S grows without bound as z -> 0 for some parameter sets: scale to the part from z*/2 on.
  const top = Math.max(...points.filter((p) => p.z >= s.zStar / 2).map((p) => p.s), (1.5 * s.totalCost) / BN);
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 56,
    x: { label: "reserve z (days of imports)" },
    y: { label: "total cost S(z) (bn USD/yr)", grid: true, domain: [0, top] },
    clip: true,
    marks: [
      Plot.line(points, { x: "z", y: "s", stroke: "#333" }),
      Plot.dot([{ z: s.zStar, s: s.totalCost / BN }], { x: "z", y: "s", fill: STAR, r: 4 }),
      ...markers(s.zStar, view.stock),
    ],
  });
}

/** MB(z) and MC, USD/yr per day of reserve; z* is where they cross. */
export function marginalChart(view: View): Element {
  const { curve: c, solution: s } = view;
  const mc = s.marginalCost / BN;
  const points = Array.from(c.z, (z, i) => ({ z, mb: c.marginalBenefit[i]! / BN }));
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 56,
    // MB grows without bound near z = 0 for some parameter sets: show up to 3 MC.
    y: { label: "bn USD/yr per day", grid: true, domain: [0, 3 * mc] },
    x: { label: "reserve z (days of imports)" },
    clip: true,
    color: { legend: true, domain: ["marginal benefit MB(z)", "marginal cost MC"], range: ["#333", "#e67e22"] },
    marks: [
      Plot.line(points, { x: "z", y: "mb", stroke: () => "marginal benefit MB(z)" }),
      Plot.ruleY([mc], { stroke: "#e67e22", strokeWidth: 1.5 }),
      ...markers(s.zStar, view.stock),
    ],
  });
}

/** z* at each parameter's low and high value (base +-50%), largest swing on top. */
export function tornadoChart(view: View): Element {
  const t = view.tornado;
  // A bar that reaches the d = 1 corner (z* = H by definition) is a jump, not a sensitivity: say so on its label.
  const label = (r: TornadoRow) => (r.corner ? `${r.name} (to d = 1 corner)` : r.name);
  const bars = t.rows.flatMap((r) => [
    { name: label(r), from: t.zStar, to: r.zLow, side: "low value" },
    { name: label(r), from: t.zStar, to: r.zHigh, side: "high value" },
  ]);
  return Plot.plot({
    width: WIDTH, height: 40 + 22 * t.rows.length, marginLeft: 120,
    x: { label: "z* (days of imports)", grid: true },
    y: { label: null, domain: t.rows.map(label) },
    color: { legend: true, domain: ["low value", "high value"], range: ["#6baed6", "#fd8d3c"] },
    marks: [
      Plot.barX(bars, { y: "name", x1: "from", x2: "to", fill: "side" }),
      Plot.ruleX([t.zStar], { stroke: STAR }),
    ],
  });
}

/** The Monte Carlo histogram of z*, with the current stock marked. */
export function histogramChart(r: MonteCarloResult, stock: number | undefined): Element {
  const { edges, counts } = r.histogram;
  const bins = counts.map((count, k) => ({ x1: edges[k]!, x2: edges[k + 1]!, count }));
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 56,
    x: { label: "z* (days of imports)" },
    y: { label: "samples", grid: true },
    marks: [
      Plot.rectY(bins, { x1: "x1", x2: "x2", y: "count", fill: "#74a9cf", inset: 0.5 }),
      Plot.ruleY([0]),
      ...(stock === undefined ? [] : [Plot.ruleX([stock], { stroke: STOCK, strokeDasharray: "4,3" })]),
    ],
  });
}
