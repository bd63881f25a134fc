/**
 * Charts for `--plot out.svg|out.png`: Vega-Lite specifications rendered to SVG by Vega's headless
 * renderer in Node (no browser), and SVG to PNG by resvg (@resvg/resvg-js, an optional
 * dependency with prebuilt binaries). Only the CLI bundles Vega; the library has no dependency on
 * it. Every chart carries a caption: the package version, the model's source and the parameters.
 */
import { writeFileSync } from "node:fs";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CAPTION_SOURCE, parameterCaption } from "../caption";
import { resolveParams, type Params } from "../params";
import { IoError, systemReason } from "./args";
import { chartFormat } from "./analysis-flags";

const WIDTH = 560;
const HEIGHT = 260;
const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** Low and high ends of the tornado: blue and orange, told apart also by colour-blind readers. */
const LOW_COLOUR = "#1f77b4";
const HIGH_COLOUR = "#ff7f0e";
const MARK_COLOUR = "#d62728";
/** Caption lines are wrapped at this many characters (about the chart's width at 10 px). */
const CAPTION_CHARS = 100;
/** PNG pixels per SVG pixel: 2 gives a print-quality image of a 600-pixel-wide chart. */
const PNG_SCALE = 2;

/** A chart without its caption: a Vega-Lite view or concatenation (checked by Vega-Lite's compiler). */
type Chart = Record<string, unknown>;

/** What the caption says besides the version: the base parameters and any notes. */
export interface Caption {
  /** The model parameters behind the chart, all listed (omit for charts of other models, e.g. a market). */
  params?: Partial<Params>;
  notes?: string[];
}

/** The caption's lines: version and source, every parameter's value (when given), then the notes. */
function captionLines(caption: Caption): string[] {
  if (caption.params === undefined) return [`${CAPTION_SOURCE}.`, ...(caption.notes ?? [])];
  return [...parameterCaption(resolveParams(caption.params), CAPTION_CHARS), ...(caption.notes ?? [])];
}

/** The full specification: the chart above its caption, on white. */
function withCaption(chart: Chart, caption: Caption): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: { background: "white", font: "DejaVu Sans, Liberation Sans, Arial, sans-serif" },
    title: { text: captionLines(caption), orient: "bottom", anchor: "start", fontSize: 10, fontWeight: "normal", color: "#444", offset: 12 },
    vconcat: [chart],
  } as unknown as TopLevelSpec;
}

async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}

/** The SVG as PNG bytes (resvg, system fonts). */
async function pngOf(svg: string): Promise<Uint8Array> {
  let resvg: typeof import("@resvg/resvg-js");
  try {
    resvg = await import("@resvg/resvg-js");
  } catch {
    throw new IoError("PNG output needs the optional dependency @resvg/resvg-js, which is not installed here " +
      "(npm install @resvg/resvg-js); or write .svg");
  }
  const image = new resvg.Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "zoom", value: PNG_SCALE } });
  return image.render().asPng();
}

/**
 * Render `chart` with its caption and write it to `path`: SVG for `.svg`, PNG for `.png`
 * (UsageError for any other extension). A failed write is an IoError naming the path and reason.
 */
export async function writeChart(path: string, chart: Chart, caption: Caption): Promise<void> {
  const format = chartFormat(path);
  const svg = await svgOf(withCaption(chart, caption));
  const bytes = format === "png" ? await pngOf(svg) : svg;
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new IoError(`cannot write --plot ${path}: ${systemReason(error)}`);
  }
}

/** At most about this many ticks on a log axis (more would overlap at HEIGHT pixels). */
const MAX_LOG_TICKS = 10;

/**
 * Tick values for a log axis over [min, max]: powers of ten (every k-th decade when there are
 * more than MAX_LOG_TICKS), with 2 and 5 times them when the range spans two decades or less.
 */
export function logTicks(min: number, max: number): number[] {
  const first = Math.floor(Math.log10(min));
  const last = Math.ceil(Math.log10(max));
  const steps = Math.log10(max / min) <= 2.5 ? [1, 2, 5] : [1];
  const stride = Math.max(1, Math.ceil((last - first + 1) / MAX_LOG_TICKS));
  const ticks: number[] = [];
  // Decades that are multiples of the stride (1e0, 1e3, 1e6, ... for a stride of 3).
  for (let e = Math.floor(first / stride) * stride; e <= last; e += stride) for (const m of steps) ticks.push(m * 10 ** e);
  return ticks.filter((t) => t >= min && t <= max);
}

/** Above this the word scale (mn, bn, tn) ends and a money axis is labelled in powers of ten. */
const WORD_SCALE_END = 1e15;
/** Money in powers of ten: "1e+9", "2e+15". */
const SCIENTIFIC_LABEL = "format(datum.value, '.1~e')";
/** Money in words: "100,000", "500 mn", "1 bn", "20 bn", "1 tn". */
const WORD_LABEL = "datum.value >= 1e12 ? format(datum.value / 1e12, '~g') + ' tn'"
  + " : datum.value >= 1e9 ? format(datum.value / 1e9, '~g') + ' bn'"
  + " : datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + ' mn' : format(datum.value, ',~g')";

/**
 * A y encoding for money (`unit` names it): a log scale when `values` span a decade or more
 * (near z = 0 they span many), linear otherwise. Every label of an axis has one format: words
 * when all ticks are below WORD_SCALE_END, powers of ten otherwise.
 */
function moneyAxis(field: string, unit: string, values: number[]): Record<string, unknown> {
  const finite = values.filter((v) => v > 0 && Number.isFinite(v));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (max < 10 * min) return { field, type: "quantitative", title: unit, scale: { zero: false }, axis: { labelExpr: WORD_LABEL } };
  const ticks = logTicks(min, max);
  const labelExpr = ticks.some((t) => t >= WORD_SCALE_END) ? SCIENTIFIC_LABEL : WORD_LABEL;
  return { field, type: "quantitative", title: `${unit} (log scale)`, scale: { type: "log" }, axis: { values: ticks, labelExpr } };
}

const DAYS_AXIS = "reserve z (days of imports)";

/** The cost curve S(z) with z* marked, above MB and MC (see moneyAxis for the scales). */
export function curveSpec(rows: { z: number; marginalBenefit: number; marginalCost: number; totalCost: number }[], zStar: number): Chart {
  const rule = { mark: { type: "rule", color: MARK_COLOUR, strokeDash: [4, 3] }, data: { values: [{ zStar }] }, encoding: { x: { field: "zStar", type: "quantitative" } } };
  const costs = rows.filter((r) => r.totalCost > 0 && Number.isFinite(r.totalCost));
  const positive = rows.filter((r) => r.marginalBenefit > 0 && Number.isFinite(r.marginalBenefit));
  const marginal = positive.flatMap((r) => [{ z: r.z, value: r.marginalBenefit, series: "MB(z)" }, { z: r.z, value: r.marginalCost, series: "MC" }]);
  return {
    // Each panel keeps its own legend (only the lower one has one), beside that panel.
    resolve: { legend: { color: "independent" } },
    vconcat: [
      {
        width: WIDTH, height: HEIGHT, title: `Total cost S(z); z* = ${zStar.toFixed(2)} days`,
        layer: [
          { data: { values: costs }, mark: "line", encoding: { x: { field: "z", type: "quantitative", title: DAYS_AXIS }, y: moneyAxis("totalCost", "S(z), USD/yr", costs.map((r) => r.totalCost)) } },
          rule,
        ],
      },
      {
        width: WIDTH, height: HEIGHT, title: "Marginal benefit MB(z) and marginal cost MC",
        layer: [
          {
            data: { values: marginal },
            mark: "line",
            encoding: {
              x: { field: "z", type: "quantitative", title: DAYS_AXIS },
              y: moneyAxis("value", "USD/yr per day of reserve", marginal.map((r) => r.value)),
              color: { field: "series", type: "nominal", title: null, legend: { orient: "top-right", fillColor: "white" } },
            },
          },
          rule,
        ],
      },
    ],
  };
}

/** z* against one varied parameter. */
export function sweepSpec(name: string, rows: { x: number; zStar: number }[]): Chart {
  return {
    width: WIDTH, height: HEIGHT, title: `Optimal reserve as ${name} varies`,
    data: { values: rows.filter((r) => Number.isFinite(r.zStar)) },
    mark: { type: "line", point: true },
    encoding: { x: { field: "x", type: "quantitative", title: name }, y: { field: "zStar", type: "quantitative", title: "z* (days of imports)" } },
  };
}

/** A number for a label: 4 significant digits, no exponent for everyday magnitudes. */
const label = (x: number) => (Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(4))));

/** What a bar end at a corner solution is labelled with, and the caption note explaining it. */
export const CORNER_MARK = " (corner)";
export const CORNER_NOTE = "(corner): z* at 0 or at the horizon there, a bound of the model rather than a marginal sensitivity.";

/** Whether z* = `z` is a corner: 0 or the horizon (which is the row's own value on the horizon row). */
function isCorner(z: number, name: string, value: number, horizon: number): boolean {
  return z === 0 || z === (name === "horizon" ? value : horizon);
}

/** Whether any bar end of the tornado is a corner (then its caption carries CORNER_NOTE). */
export function tornadoHasCorner(rows: { name: string; low: number; high: number; zLow: number; zHigh: number }[], horizon: number): boolean {
  return rows.some((r) => isCorner(r.zLow, r.name, r.low, horizon) || isCorner(r.zHigh, r.name, r.high, horizon));
}

/**
 * Tornado: one bar per parameter from the base z* to z* at its low value (blue) and to z* at its
 * high value (orange), each end labelled with its z* (CORNER_MARK where that is a corner, see
 * isCorner); the axis names each parameter's range. `horizon` is the base case's (days).
 */
export function tornadoSpec(rows: { name: string; low: number; high: number; zLow: number; zHigh: number }[], zStar: number, horizon: number): Chart {
  const axisLabel = (r: (typeof rows)[number]) => `${r.name} ${label(r.low)} to ${label(r.high)}`;
  const order = rows.map(axisLabel);
  const endLabel = (z: number, name: string, value: number) => `${label(z)}${isCorner(z, name, value, horizon) ? CORNER_MARK : ""}`;
  const ends = rows.flatMap((r) => [
    { row: axisLabel(r), end: "at low value", z: r.zLow, text: endLabel(r.zLow, r.name, r.low) },
    { row: axisLabel(r), end: "at high value", z: r.zHigh, text: endLabel(r.zHigh, r.name, r.high) },
  ]).filter((e) => Number.isFinite(e.z)).map((e) => ({ ...e, base: zStar, left: e.z < zStar }));
  const y = { field: "row", type: "nominal", sort: order, title: null, axis: { labelLimit: 400 } };
  const text = (left: boolean) => ({
    transform: [{ filter: left ? "datum.left" : "!datum.left" }],
    mark: { type: "text", align: left ? "right" : "left", dx: left ? -3 : 3, fontSize: 10 },
    encoding: { y, x: { field: "z", type: "quantitative" }, text: { field: "text" } },
  });
  return {
    width: WIDTH, height: 24 * rows.length, title: `Tornado: z* at each parameter's low and high value (base z* = ${zStar.toFixed(2)} days)`,
    data: { values: ends },
    layer: [
      {
        mark: "bar",
        encoding: {
          y, x: { field: "base", type: "quantitative", title: "z* (days of imports)" }, x2: { field: "z" },
          color: { field: "end", type: "nominal", title: "z* with the parameter", scale: { domain: ["at low value", "at high value"], range: [LOW_COLOUR, HIGH_COLOUR] }, legend: { orient: "bottom", titleLimit: 400 } },
        },
      },
      text(true),
      text(false),
      { data: { values: [{ zStar }] }, mark: { type: "rule", color: "#333" }, encoding: { x: { field: "zStar", type: "quantitative" } } },
    ],
  };
}

/** Histogram of z* from Monte Carlo (bars from zero), with the current stock marked when given. */
export function histogramSpec(edges: number[], counts: number[], stock?: number): Chart {
  const bins = counts.map((count, k) => ({ from: edges[k]!, to: edges[k + 1]!, count }));
  return {
    width: WIDTH, height: HEIGHT,
    title: { text: "Monte Carlo: distribution of z*", ...(stock === undefined ? {} : { subtitle: `dashed line: the current stock, ${stock} days` }) },
    layer: [
      {
        data: { values: bins }, mark: { type: "rect", stroke: "white", strokeWidth: 0.5, color: LOW_COLOUR },
        encoding: {
          x: { field: "from", type: "quantitative", title: "z* (days of imports)", scale: { zero: false } }, x2: { field: "to" },
          y: { field: "count", type: "quantitative", title: "samples", scale: { domainMin: 0 } }, y2: { datum: 0 },
        },
      },
      ...(stock === undefined ? [] : [{
        data: { values: [{ stock }] }, mark: { type: "rule", color: MARK_COLOUR, strokeDash: [4, 3] },
        encoding: { x: { field: "stock", type: "quantitative" } },
      }]),
    ],
  };
}

/**
 * Break-even: z* as the parameter varies (points where it is valid), the stock as a horizontal
 * line and the break-even value as a vertical one, meeting at the marked point.
 */
export function breakevenSpec(name: string, points: { x: number; zStar: number }[], value: number, stock: number): Chart {
  return {
    width: WIDTH, height: HEIGHT, title: `Break-even: ${name} = ${label(value)} makes ${stock} days the optimal reserve`,
    layer: [
      { data: { values: points }, mark: "line", encoding: { x: { field: "x", type: "quantitative", title: name, scale: { zero: false } }, y: { field: "zStar", type: "quantitative", title: "z* (days of imports)" } } },
      { data: { values: [{ stock }] }, mark: { type: "rule", color: MARK_COLOUR, strokeDash: [4, 3] }, encoding: { y: { field: "stock", type: "quantitative" } } },
      { data: { values: [{ value }] }, mark: { type: "rule", color: MARK_COLOUR, strokeDash: [4, 3] }, encoding: { x: { field: "value", type: "quantitative" } } },
      {
        data: { values: [{ value, stock, text: `${name} = ${label(value)}` }] },
        layer: [
          { mark: { type: "point", filled: true, color: MARK_COLOUR, size: 60 }, encoding: { x: { field: "value", type: "quantitative" }, y: { field: "stock", type: "quantitative" } } },
          { mark: { type: "text", align: "left", dx: 6, dy: -8, color: MARK_COLOUR }, encoding: { x: { field: "value", type: "quantitative" }, y: { field: "stock", type: "quantitative" }, text: { field: "text" } } },
        ],
      },
    ],
  };
}
