/**
 * The strategy panel's cover fan chart (Observable Plot, SVG): the stock in days of imports over
 * time, p5-p95 and p25-p75 bands and the median, with the rule's target stock. Every label is
 * inside the SVG, as on the page's other charts.
 */
import * as Plot from "@observablehq/plot";
import type { CoverBands } from "../../src/index";

const WIDTH = 520;
const HEIGHT = 240;
const BAND = "#2c7fb8";
const TARGET = "#c0392b";

/** The fan of `bands` (days from the start, stock in days of imports) with `target` marked. */
export function fanChart(bands: CoverBands, target: number): SVGSVGElement {
  const points = bands.time.map((t, i) => ({
    years: t / 365, p5: bands.p5[i]!, p25: bands.p25[i]!, p50: bands.p50[i]!, p75: bands.p75[i]!, p95: bands.p95[i]!,
  }));
  const end = points[points.length - 1]!.years;
  return Plot.plot({
    width: WIDTH, height: HEIGHT, marginLeft: 48,
    x: { label: "years from the start", domain: [0, end] },
    y: { label: "stock (days of imports)", grid: true, domain: [0, Math.max(target, ...bands.p95) * 1.08] },
    marks: [
      Plot.areaY(points, { x: "years", y1: "p5", y2: "p95", fill: BAND, fillOpacity: 0.18 }),
      Plot.areaY(points, { x: "years", y1: "p25", y2: "p75", fill: BAND, fillOpacity: 0.35 }),
      Plot.line(points, { x: "years", y: "p50", stroke: BAND, strokeWidth: 1.8 }),
      Plot.ruleY([target], { stroke: TARGET, strokeDasharray: "4,3" }),
      Plot.text([{ years: end, y: target }], { x: "years", y: "y", text: () => "target", dy: -7, textAnchor: "end", fill: TARGET }),
      Plot.text(["median; p25-p75 and p5-p95 bands"], { frameAnchor: "bottom-left", dx: 4, dy: -4, fill: BAND }),
      Plot.ruleY([0]),
    ],
  }) as SVGSVGElement;
}
