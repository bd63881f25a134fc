/** Vega-Lite charts of the strategy command: the cover fan chart and the optimal policy table. */
import type { CoverBands } from "../strategy/simulate";
import type { StrategyOptimum } from "../strategy/optimize";

const WIDTH = 560;
const HEIGHT = 260;

/** The stock's p5-p95 and p25-p75 bands with the median, in days of imports, over time. */
export function fanSpec(bands: CoverBands, title: string): Record<string, unknown> {
  const rows = bands.time.map((t, i) => ({
    t, p5: bands.p5[i]!, p25: bands.p25[i]!, p50: bands.p50[i]!, p75: bands.p75[i]!, p95: bands.p95[i]!,
  }));
  const x = { field: "t", type: "quantitative" as const, title: "days from the start" };
  return {
    width: WIDTH, height: HEIGHT, title, data: { values: rows },
    layer: [
      { mark: { type: "area", opacity: 0.25, color: "#1f77b4" }, encoding: { x, y: { field: "p5", type: "quantitative", title: "stock (days of imports)" }, y2: { field: "p95" } } },
      { mark: { type: "area", opacity: 0.4, color: "#1f77b4" }, encoding: { x, y: { field: "p25", type: "quantitative" }, y2: { field: "p75" } } },
      { mark: { type: "line", color: "#1f77b4" }, encoding: { x, y: { field: "p50", type: "quantitative" } } },
    ],
  };
}

/** Next stock against current stock, one line per regime (and price state). */
export function policySpec(optimum: StrategyOptimum): Record<string, unknown> {
  const rows = optimum.policy.flatMap((table) => table.nextStock.map((next, i) => ({
    level: optimum.levels[i]!, next, series: optimum.grid.priceStates > 1 ? `${table.regime}, ${table.price.toFixed(1)} USD` : table.regime,
  })));
  return {
    width: WIDTH, height: HEIGHT, title: `Optimal policy; refill target ${optimum.refillTarget.toFixed(1)} days`,
    data: { values: rows },
    mark: "line",
    encoding: {
      x: { field: "level", type: "quantitative", title: "stock now (days of imports)" },
      y: { field: "next", type: "quantitative", title: "stock next step (days of imports)" },
      color: { field: "series", type: "nominal", title: null },
    },
  };
}
