/** The analysis commands: curve, sweep, tornado, mc, breakeven. */
import { breakEven } from "../analysis/breakeven";
import { curve } from "../analysis/curve";
import type { Distribution } from "../analysis/distributions";
import { gridChunks, gridCoords, gridLayout, type GridAxes } from "../analysis/grid";
import type { Distributions } from "../analysis/montecarlo";
import { monteCarlo } from "../analysis/montecarlo";
import { tornado, type TornadoRanges } from "../analysis/tornado";
import { PARAMETER_SPECS, type NumericParam } from "../params";
import { STATUS_NAMES } from "../status";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parameterHelp, parse } from "./args";
import { COMMON_OPTIONS, backendFrom } from "./commands";
import { csvLine, formatFrom, render, type Row } from "./output";

/** The chart module (Vega, ~1.8 MB) is loaded only when --plot asks for it. */
const plotting = () => import("./plot");

const FORMAT_OPTIONS = { ...COMMON_OPTIONS, format: { type: "string" as const }, plot: { type: "string" as const } };
const FORMAT_HELP = `  --format csv|json|ndjson|table   output format (default table)
  --plot out.svg                   also write a chart (SVG, rendered without a browser)
  --backend auto|wasm|js           kernel to run (default auto)
  -h, --help                       this help

Parameter flags (the base case; missing ones take the paper's values):
${parameterHelp()}`;

function numericName(flag: string, name: string): NumericParam {
  if (!PARAMETER_SPECS.some((s) => s.name === name)) {
    throw new UsageError(`invalid ${flag}: unknown parameter ${JSON.stringify(name)}; allowed: ${PARAMETER_SPECS.map((s) => s.name).join(", ")}`);
  }
  return name as NumericParam;
}

function splitAssignment(flag: string, text: string): [NumericParam, string] {
  const at = text.indexOf("=");
  if (at < 1) throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: expected name=value`);
  return [numericName(flag, text.slice(0, at)), text.slice(at + 1)];
}

function numbersIn(flag: string, text: string, parts: string[]): number[] {
  return parts.map((p) => {
    const v = p.trim() === "" ? NaN : Number(p);
    if (!Number.isFinite(v)) throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: ${JSON.stringify(p)} is not a number`);
    return v;
  });
}

export const CURVE_HELP = `Usage: optimal-reserve curve [--from z] [--to z] [--points n] [parameter flags] [--format ...]

MB(z), MC and the total cost S(z) at evenly spaced reserves (days), with z* marked.

  --from, --to     first and last reserve (days; default horizon/points and horizon)
  --points n       number of reserves (default 200)
${FORMAT_HELP}`;

/** `optimal-reserve curve`. */
export async function curveCommand(argv: string[]): Promise<string> {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, from: { type: "string" }, to: { type: "string" }, points: { type: "string" } });
  if (values.help) return CURVE_HELP;
  const format = formatFrom(values.format);
  const options: Parameters<typeof curve>[1] = { backend: backendFrom(values) };
  const from = numberOption("from", values.from, { min: 0 });
  const to = numberOption("to", values.to, { min: 0 });
  const points = numberOption("points", values.points, { integer: true, min: 2 });
  if (from !== undefined) options.from = from;
  if (to !== undefined) options.to = to;
  if (points !== undefined) options.points = points;
  const c = curve(baseFromFlags(values), options);
  const rows = Array.from(c.z, (z, i) => ({
    z, marginalBenefit: c.marginalBenefit[i]!, marginalCost: c.marginalCost[i]!, totalCost: c.totalCost[i]!,
  }));
  if (typeof values.plot === "string") {
    const { writeSvg, curveSpec } = await plotting();
    await writeSvg(values.plot, curveSpec(rows, c.zStar));
  }
  return render(format, ["z", "marginalBenefit", "marginalCost", "totalCost"], rows,
    { zStar: c.zStar, status: c.status, totalCostAtStar: c.totalCostAtStar, meta: c.meta },
    ["", `z* = ${c.zStar} days (${c.status}), S(z*) = ${c.totalCostAtStar} USD/yr; z in days, MB and MC in USD/yr per day, S in USD/yr`]);
}

export const SWEEP_HELP = `Usage: optimal-reserve sweep --vary name=start:stop:count|name=v1,v2,... [--vary ...] [parameter flags] [--format ...]

z*, status and total cost over the product of the varied parameters, streamed in chunks (memory
stays flat for any size). The last --vary changes fastest. Invalid points get status invalid and a
reason in the error column.

  --vary name=a:b:n   n values evenly spaced from a to b (inclusive)
  --vary name=v1,v2   an explicit list
${FORMAT_HELP}`;

function axisValues(text: string): [NumericParam, number[]] {
  const [name, spec] = splitAssignment("--vary", text);
  if (spec.includes(":")) {
    const parts = spec.split(":");
    if (parts.length !== 3) throw new UsageError(`invalid --vary ${JSON.stringify(text)}: a range is start:stop:count`);
    const [a, b, n] = numbersIn("--vary", text, parts) as [number, number, number];
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid --vary ${JSON.stringify(text)}: count must be a whole number >= 1`);
    return [name, Array.from({ length: n }, (_, k) => (n === 1 ? a : k === n - 1 ? b : a + ((b - a) * k) / (n - 1)))];
  }
  return [name, numbersIn("--vary", text, spec.split(","))];
}

/**
 * What a streaming command returns when it finishes: rows written, rows invalid (exit code 3 when
 * any), and a message for stderr (omitted when the command was asked to be quiet).
 */
export interface StreamSummary {
  rows: number;
  invalid: number;
  message?: string;
}

/**
 * `optimal-reserve sweep`: streams its rows chunk by chunk (a generator returning the row counts);
 * with --plot (one axis, so few rows) it computes everything, writes the chart, then prints.
 */
export function sweepCommand(argv: string[]): Generator<string, StreamSummary | undefined> | Promise<string | StreamSummary> {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, vary: { type: "string", multiple: true } });
  if (values.help) return Promise.resolve(SWEEP_HELP);
  if (typeof values.plot === "string") return plotSweep(values, values.plot);
  return sweepRows(values);
}

async function plotSweep(values: Record<string, unknown>, file: string): Promise<string | StreamSummary> {
  const varied = (values.vary as string[] | undefined) ?? [];
  if (varied.length !== 1) throw new UsageError("sweep --plot needs exactly one --vary axis");
  const [name, list] = axisValues(varied[0]!);
  const points: { x: number; zStar: number }[] = [];
  const output: string[] = [];
  // One pass: the rows printed and the points plotted come from the same chunks.
  const rows = sweepRows(values, (start, zStar) => zStar.forEach((z, i) => points.push({ x: list[start + i]!, zStar: z })));
  let step = rows.next();
  for (; !step.done; step = rows.next()) output.push(step.value);
  const { writeSvg, sweepSpec } = await plotting();
  await writeSvg(file, sweepSpec(name, points));
  process.stdout.write(`${output.filter((s) => s !== "").join("\n")}\n`);
  return step.value ?? { rows: 0, invalid: 0 };
}

/** The sweep's output, chunk by chunk; `onChunk` sees each chunk's first index and z* values. */
function* sweepRows(
  values: Record<string, unknown>, onChunk?: (start: number, zStar: Float64Array) => void,
): Generator<string, StreamSummary | undefined> {
  const format = formatFrom(values.format);
  const varied = (values.vary as string[] | undefined) ?? [];
  if (varied.length === 0) throw new UsageError("sweep needs at least one --vary name=start:stop:count or name=v1,v2,...");
  const axes: GridAxes = {};
  for (const text of varied) {
    const [name, list] = axisValues(text);
    if (axes[name]) throw new UsageError(`--vary ${name} given twice`);
    axes[name] = list;
  }
  const layout = gridLayout(axes);
  const names = layout.axes.map((a) => a.name);
  const columns = [...names, "zStar", "status", "totalCost", "error"];
  const base = baseFromFlags(values);
  const backend = backendFrom(values);
  const rowsOf = (chunk: ReturnType<typeof gridChunks> extends Generator<infer C> ? C : never): Row[] => {
    const errors = new Map(chunk.errors.map((e) => [e.row, e.message]));
    return Array.from({ length: chunk.count }, (_, i) => {
      const index = chunk.start + i;
      const row: Row = {};
      gridCoords(layout, index).forEach((c, k) => {
        row[layout.axes[k]!.name] = layout.axes[k]!.values[c]!;
      });
      const invalid = errors.get(index);
      row.zStar = invalid === undefined ? chunk.zStar[i]! : null;
      row.status = STATUS_NAMES[chunk.status[i]!]!;
      row.totalCost = invalid === undefined ? chunk.totalCost[i]! : null;
      row.error = invalid ?? "";
      return row;
    });
  };
  const summary: StreamSummary = { rows: layout.size, invalid: 0 };
  const finish = (): StreamSummary => {
    if (summary.invalid > 0) summary.message = `${summary.invalid} of ${summary.rows} rows invalid (see the error column)`;
    return summary;
  };
  if (format === "json" || format === "table") {
    // Whole-result formats: fine for screens and small sweeps; csv/ndjson stream.
    const rows: Row[] = [];
    for (const chunk of gridChunks(base, axes, { backend })) {
      summary.invalid += chunk.errors.length;
      onChunk?.(chunk.start, chunk.zStar);
      rows.push(...rowsOf(chunk));
    }
    yield render(format, columns, rows);
    return finish();
  }
  if (format === "csv") yield csvLine(columns);
  for (const chunk of gridChunks(base, axes, { backend })) {
    summary.invalid += chunk.errors.length;
    onChunk?.(chunk.start, chunk.zStar);
    const rows = rowsOf(chunk);
    yield format === "csv"
      ? rows.map((r) => csvLine(columns.map((c) => r[c] ?? null))).join("\n")
      : rows.map((r) => JSON.stringify(r)).join("\n");
  }
  return finish();
}

export const TORNADO_HELP = `Usage: optimal-reserve tornado [--range name=low:high ...] [parameter flags] [--format ...]

z* at a low and a high value of every parameter (default base +-50%, clamped to the allowed
range), largest swing first.

  --range name=low:high   your own range for one parameter (repeatable)
${FORMAT_HELP}`;

/** `optimal-reserve tornado`. */
export async function tornadoCommand(argv: string[]): Promise<string> {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, range: { type: "string", multiple: true } });
  if (values.help) return TORNADO_HELP;
  const format = formatFrom(values.format);
  const ranges: TornadoRanges = {};
  for (const text of (values.range as string[] | undefined) ?? []) {
    const [name, spec] = splitAssignment("--range", text);
    const parts = spec.split(":");
    if (parts.length !== 2) throw new UsageError(`invalid --range ${JSON.stringify(text)}: expected name=low:high`);
    const [low, high] = numbersIn("--range", text, parts) as [number, number];
    ranges[name] = [low, high];
  }
  const t = tornado(baseFromFlags(values), ranges, { backend: backendFrom(values) });
  if (typeof values.plot === "string") {
    const { writeSvg, tornadoSpec } = await plotting();
    await writeSvg(values.plot, tornadoSpec(t.rows, t.zStar));
  }
  return render(format, ["name", "low", "high", "zLow", "zHigh", "swing"], t.rows as unknown as Row[],
    { zStar: t.zStar, meta: t.meta }, ["", `base z* = ${t.zStar} days; zLow, zHigh and swing in days`]);
}

export const MC_HELP = `Usage: optimal-reserve mc --dist name=type:... [--dist ...] --samples n --seed s [--stock z0] [--bins k] [parameter flags] [--format ...]

The distribution of z* when parameters are uncertain (seeded, reproducible on both backends).

  --dist name=uniform:min:max | triangular:min:mode:max | normal:mean:sd | lognormal:mean:sd
         | discrete:v1,v2,...[@w1,w2,...]      (normal and lognormal truncated to the allowed range;
                                               lognormal's mean and sd are those of the variable)
  --samples n     number of samples (default 10000)
  --seed s        PRNG seed (default 1)
  --stock z0      also report P(z* > z0)
  --bins k        histogram bins (default 40)
${FORMAT_HELP}`;

function distribution(text: string): [NumericParam, Distribution] {
  const [name, spec] = splitAssignment("--dist", text);
  const [type, ...rest] = spec.split(":");
  const nums = (count: number) => {
    if (rest.length !== count) throw new UsageError(`invalid --dist ${JSON.stringify(text)}: ${type} takes ${count} numbers`);
    return numbersIn("--dist", text, rest);
  };
  switch (type) {
    case "uniform": {
      const [min, max] = nums(2) as [number, number];
      return [name, { type, min, max }];
    }
    case "triangular": {
      const [min, mode, max] = nums(3) as [number, number, number];
      return [name, { type, min, mode, max }];
    }
    case "normal":
    case "lognormal": {
      const [mean, sd] = nums(2) as [number, number];
      return [name, { type, mean, sd }];
    }
    case "discrete": {
      const [vals, weights] = rest.join(":").split("@") as [string, string | undefined];
      const d: Distribution = { type, values: numbersIn("--dist", text, vals.split(",")) };
      if (weights !== undefined) d.weights = numbersIn("--dist", text, weights.split(","));
      return [name, d];
    }
    default:
      throw new UsageError(`invalid --dist ${JSON.stringify(text)}: type must be uniform, triangular, normal, lognormal or discrete`);
  }
}

/** `optimal-reserve mc`. */
export async function mcCommand(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, dist: { type: "string", multiple: true }, samples: { type: "string" },
    seed: { type: "string" }, stock: { type: "string" }, bins: { type: "string" },
  });
  if (values.help) return MC_HELP;
  const format = formatFrom(values.format);
  const dists: Distributions = {};
  for (const text of (values.dist as string[] | undefined) ?? []) {
    const [name, d] = distribution(text);
    dists[name] = d;
  }
  if (Object.keys(dists).length === 0) throw new UsageError("mc needs at least one --dist name=type:...");
  const options: Parameters<typeof monteCarlo>[2] = {
    samples: numberOption("samples", values.samples, { integer: true, min: 1 }) ?? 10000,
    seed: numberOption("seed", values.seed, { integer: true }) ?? 1,
    backend: backendFrom(values),
  };
  const stock = numberOption("stock", values.stock, { min: 0 });
  const bins = numberOption("bins", values.bins, { integer: true, min: 1 });
  if (stock !== undefined) options.currentStock = stock;
  if (bins !== undefined) options.bins = bins;
  const r = monteCarlo(baseFromFlags(values), dists, options);
  if (typeof values.plot === "string") {
    const { writeSvg, histogramSpec } = await plotting();
    await writeSvg(values.plot, histogramSpec(r.histogram.edges, r.histogram.counts, stock));
  }
  const summary: Row = {
    samples: r.samples, invalidSamples: r.invalidSamples, mean: r.mean, sd: r.sd, ...r.quantiles,
    ...(r.probAboveStock !== undefined ? { probAboveStock: r.probAboveStock } : {}),
  };
  if (format === "json") return JSON.stringify(r, null, 2);
  return render(format, Object.keys(summary), [summary], undefined, ["", "z* statistics in days (quantiles p5..p95)"]);
}

export const BREAKEVEN_HELP = `Usage: optimal-reserve breakeven --param name --stock days [parameter flags] [--format ...]

The value of one parameter at which the given stock is exactly the optimal reserve.
${FORMAT_HELP}`;

/** `optimal-reserve breakeven`. */
export function breakevenCommand(argv: string[]): string {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, param: { type: "string" }, stock: { type: "string" } });
  if (values.help) return BREAKEVEN_HELP;
  const format = formatFrom(values.format);
  if (typeof values.param !== "string") throw new UsageError("breakeven needs --param name");
  const stock = numberOption("stock", values.stock, { min: 0 });
  if (stock === undefined) throw new UsageError("breakeven needs --stock days");
  const b = breakEven(baseFromFlags(values), numericName("--param", values.param), stock, { backend: backendFrom(values) });
  if (format === "json") return JSON.stringify(b, null, 2);
  return render(format, ["name", "value", "stock"], [{ name: b.name, value: b.value, stock: b.stock }]);
}
