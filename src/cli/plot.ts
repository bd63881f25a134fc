/**
 * Charts for `--plot out.svg`: Vega-Lite specifications rendered to SVG by Vega's headless
 * renderer in Node (no browser). Only the CLI bundles Vega; the library has no dependency on it.
 */
import { writeFileSync } from "node:fs";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

const WIDTH = 560;
const HEIGHT = 260;

/** Render a Vega-Lite spec to SVG and write it to `path`. */
export async function writeSvg(path: string, spec: TopLevelSpec): Promise<void> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  writeFileSync(path, await view.toSVG());
}

/** The cost curve S(z) with z* marked, above MB and MC (log scales: both span decades near z = 0). */
export function curveSpec(rows: { z: number; marginalBenefit: number; marginalCost: number; totalCost: number }[], zStar: number): TopLevelSpec {
  const rule = { mark: { type: "rule" as const, color: "#d62728", strokeDash: [4, 3] }, data: { values: [{ zStar }] }, encoding: { x: { field: "zStar", type: "quantitative" as const } } };
  const positive = rows.filter((r) => r.marginalBenefit > 0 && Number.isFinite(r.marginalBenefit));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    vconcat: [
      {
        width: WIDTH, height: HEIGHT, title: `Total cost S(z); z* = ${zStar.toFixed(2)} days`,
        layer: [
          { data: { values: rows }, mark: "line", encoding: { x: { field: "z", type: "quantitative", title: "reserve z (days of imports)" }, y: { field: "totalCost", type: "quantitative", scale: { type: "log" }, title: "S(z) (USD/yr, log scale)" } } },
          rule,
        ],
      },
      {
        width: WIDTH, height: HEIGHT, title: "Marginal benefit and marginal cost",
        layer: [
          {
            data: { values: positive.flatMap((r) => [{ z: r.z, value: r.marginalBenefit, series: "MB" }, { z: r.z, value: r.marginalCost, series: "MC" }]) },
            mark: "line",
            encoding: {
              x: { field: "z", type: "quantitative", title: "reserve z (days of imports)" },
              y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "USD/yr per day" },
              color: { field: "series", type: "nominal", title: null },
            },
          },
          rule,
        ],
      },
    ],
  };
}

/** z* against one varied parameter. */
export function sweepSpec(name: string, rows: { x: number; zStar: number }[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH, height: HEIGHT, title: `Optimal reserve as ${name} varies`,
    data: { values: rows.filter((r) => Number.isFinite(r.zStar)) },
    mark: { type: "line", point: true },
    encoding: { x: { field: "x", type: "quantitative", title: name }, y: { field: "zStar", type: "quantitative", title: "z* (days of imports)" } },
  };
}

/** Tornado: one bar per parameter from z* at its low value to z* at its high value. */
export function tornadoSpec(rows: { name: string; zLow: number; zHigh: number; corner?: boolean }[], zStar: number): TopLevelSpec {
  // A bar that reaches the d = 1 corner (z* = H by definition) is a jump, not a sensitivity: say so on its label.
  const label = (r: { name: string; corner?: boolean }) => (r.corner ? `${r.name} (to the d = 1 corner)` : r.name);
  const order = rows.map(label);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH, height: 22 * rows.length, title: `Tornado: z* at each parameter's low and high value (base ${zStar.toFixed(2)} days)`,
    layer: [
      {
        data: { values: rows.map((r) => ({ name: label(r), from: Math.min(r.zLow, r.zHigh), to: Math.max(r.zLow, r.zHigh) })) },
        mark: "bar",
        encoding: {
          y: { field: "name", type: "nominal", sort: order, title: null },
          x: { field: "from", type: "quantitative", title: "z* (days of imports)" },
          x2: { field: "to" },
        },
      },
      { data: { values: [{ zStar }] }, mark: { type: "rule", color: "#d62728" }, encoding: { x: { field: "zStar", type: "quantitative" } } },
    ],
  };
}

/** Histogram of z* from Monte Carlo, with the current stock marked when given. */
export function histogramSpec(edges: number[], counts: number[], stock?: number): TopLevelSpec {
  const bins = counts.map((count, k) => ({ from: edges[k]!, to: edges[k + 1]!, count }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH, height: HEIGHT, title: "Monte Carlo: distribution of z*",
    layer: [
      {
        data: { values: bins }, mark: "bar",
        encoding: {
          x: { field: "from", type: "quantitative", title: "z* (days of imports)" }, x2: { field: "to" },
          y: { field: "count", type: "quantitative", title: "samples" },
        },
      },
      ...(stock === undefined ? [] : [{
        data: { values: [{ stock }] }, mark: { type: "rule" as const, color: "#d62728", strokeDash: [4, 3] },
        encoding: { x: { field: "stock", type: "quantitative" as const } },
      }]),
    ],
  } as TopLevelSpec;
}
