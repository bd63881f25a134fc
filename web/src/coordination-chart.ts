/**
 * The coordination panel's chart (Observable Plot, SVG, every label inside it): the stock of
 * each country under each profile (every Nash equilibrium found, the cooperative optimum, each
 * burden-sharing rule), stacked by country, with the total at the end of each bar.
 */
import * as Plot from "@observablehq/plot";
import { MBBL } from "./coordination-inputs";

/** One bar: a profile's label and its stocks by country (units). */
export interface StockBar {
  label: string;
  units: readonly number[];
}

/** Country colours (ColorBrewer Dark2: distinct in grey print and for red-green blindness). */
const COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];

/** Horizontal stacked bars of the stocks (Mbbl) by country, one bar per profile. */
export function stocksChart(countries: readonly string[], bars: readonly StockBar[]): SVGSVGElement {
  const rows = bars.flatMap((b) => countries.map((country, j) => ({ profile: b.label, country, mbbl: b.units[j]! / MBBL })));
  const totals = bars.map((b) => ({ profile: b.label, total: b.units.reduce((a, x) => a + x, 0) / MBBL }));
  const colour = (k: number) => COLOURS[k % COLOURS.length]!;
  return Plot.plot({
    width: 560, height: 70 + 30 * bars.length, marginLeft: 150, marginRight: 70, marginTop: 36,
    x: { label: "stock (Mbbl, million barrels)", grid: true },
    y: { label: null, domain: bars.map((b) => b.label), padding: 0.2 },
    color: { domain: [...countries], range: countries.map((_, k) => colour(k)) },
    marks: [
      Plot.barX(rows, Plot.stackX({ y: "profile", x: "mbbl", fill: "country", order: [...countries] })),
      Plot.text(totals, { y: "profile", x: "total", text: (d: { total: number }) => `${d.total.toLocaleString("en-US", { maximumFractionDigits: 1 })}`, dx: 4, textAnchor: "start", fontSize: 10 }),
      Plot.ruleX([0]),
      // The legend, inside the SVG (a downloaded or printed chart is complete).
      ...countries.map((name, k) => Plot.text([`■ ${name}`], { frameAnchor: "top-left", dy: -28, dx: -140 + 70 * k, fill: colour(k), fontWeight: "bold" })),
    ],
  }) as SVGSVGElement;
}
