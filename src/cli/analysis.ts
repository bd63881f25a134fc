/** The analysis commands: curve, tornado, mc, breakeven (sweep has its own file). */
import { breakEven } from "../analysis/breakeven";
import { curve } from "../analysis/curve";
import type { Distribution } from "../analysis/distributions";
import type { Distributions } from "../analysis/montecarlo";
import { monteCarlo } from "../analysis/montecarlo";
import { sensitivity } from "../analysis/sensitivity";
import { tornado, type TornadoRanges } from "../analysis/tornado";
import { PARAMETER_SPECS, resolveParams, type NumericParam, type Params } from "../params";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, givenFromFlags, numberOption, parse } from "./args";
import { FORMAT_HELP, FORMAT_OPTIONS, loadPlotting, numbersIn, numericName, plotPath, splitAssignment } from "./analysis-flags";
import { backendFrom } from "./commands";
import { formatFrom, render, type Row } from "./output";
import { templateDistributionsFrom, templateNotes } from "./template-flags";

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
  const plot = plotPath(values);
  const options: Parameters<typeof curve>[1] = { backend: backendFrom(values) };
  const from = numberOption("from", values.from, { min: 0 });
  const to = numberOption("to", values.to, { min: 0 });
  const points = numberOption("points", values.points, { integer: true, min: 2 });
  if (from !== undefined) options.from = from;
  if (to !== undefined) options.to = to;
  if (points !== undefined) options.points = points;
  const base = baseFromFlags(values);
  const c = curve(base, options);
  const rows = Array.from(c.z, (z, i) => ({
    z, marginalBenefit: c.marginalBenefit[i]!, marginalCost: c.marginalCost[i]!, totalCost: c.totalCost[i]!,
  }));
  if (plot !== undefined) {
    const { writeChart, curveSpec } = await loadPlotting();
    await writeChart(plot, curveSpec(rows, c.zStar), { params: base, notes: templateNotes(values) });
  }
  return render(format, ["z", "marginalBenefit", "marginalCost", "totalCost"], rows,
    { zStar: c.zStar, status: c.status, totalCostAtStar: c.totalCostAtStar, meta: c.meta },
    ["", `z* = ${c.zStar} days (${c.status}), S(z*) = ${c.totalCostAtStar} USD/yr; z in days, MB and MC in USD/yr per day, S in USD/yr`]);
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
  const plot = plotPath(values);
  const ranges: TornadoRanges = {};
  for (const text of (values.range as string[] | undefined) ?? []) {
    const [name, spec] = splitAssignment("--range", text);
    const parts = spec.split(":");
    if (parts.length !== 2) throw new UsageError(`invalid --range ${JSON.stringify(text)}: expected name=low:high`);
    const [low, high] = numbersIn("--range", text, parts) as [number, number];
    ranges[name] = [low, high];
  }
  const base = baseFromFlags(values);
  const t = tornado(base, ranges, { backend: backendFrom(values) });
  if (plot !== undefined) {
    const { writeChart, tornadoSpec, tornadoHasCorner, CORNER_NOTE } = await loadPlotting();
    const { horizon } = resolveParams(base);
    const notes = [...(tornadoHasCorner(t.rows, horizon) ? [CORNER_NOTE] : []), ...templateNotes(values)];
    await writeChart(plot, tornadoSpec(t.rows, t.zStar, horizon), { params: base, notes });
  }
  return render(format, ["name", "low", "high", "zLow", "zHigh", "swing", "corner"], t.rows as unknown as Row[],
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
  With --template, the template's assumption fields are sampled from their own laws (the ones
  not set by a flag); --dist replaces a law.
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

/** The most samples `mc` draws in one run: every sample's z* (and parameters) is kept for the quantiles. */
export const MAX_MC_SAMPLES = 10_000_000;

/** `optimal-reserve mc`. */
export async function mcCommand(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, dist: { type: "string", multiple: true }, samples: { type: "string" },
    seed: { type: "string" }, stock: { type: "string" }, bins: { type: "string" },
  });
  if (values.help) return MC_HELP;
  const format = formatFrom(values.format);
  const plot = plotPath(values);
  const dists: Distributions = templateDistributionsFrom(values, givenFromFlags(values));
  for (const text of (values.dist as string[] | undefined) ?? []) {
    const [name, d] = distribution(text);
    dists[name] = d;
  }
  if (Object.keys(dists).length === 0) throw new UsageError("mc needs at least one --dist name=type:... (or a --template with assumptions to sample)");
  const options: Parameters<typeof monteCarlo>[2] = {
    samples: numberOption("samples", values.samples, { integer: true, min: 1 }) ?? 10000,
    seed: numberOption("seed", values.seed, { integer: true }) ?? 1,
    backend: backendFrom(values),
  };
  if (options.samples > MAX_MC_SAMPLES) {
    throw new UsageError(`invalid --samples ${options.samples}: the limit is ${MAX_MC_SAMPLES} (the quantiles keep every sample in memory); run several seeds and pool them`);
  }
  const stock = numberOption("stock", values.stock, { min: 0 });
  const bins = numberOption("bins", values.bins, { integer: true, min: 1 });
  if (stock !== undefined) options.currentStock = stock;
  if (bins !== undefined) options.bins = bins;
  const base = baseFromFlags(values);
  const r = monteCarlo(base, dists, options);
  if (plot !== undefined) {
    const { writeChart, histogramSpec } = await loadPlotting();
    const laws = [...(values.template !== undefined ? [`the assumption laws of template ${String(values.template)}`] : []), ...((values.dist as string[] | undefined) ?? [])];
    const notes = [`Sampled (${r.samples} samples, seed ${options.seed}): ${laws.join("; ")}`, ...templateNotes(values)];
    await writeChart(plot, histogramSpec(r.histogram.edges, r.histogram.counts, stock), { params: base, notes });
  }
  if (r.invalidSamples > 0) {
    process.stderr.write(`optimal-reserve mc: ${r.invalidSamples} of ${r.samples + r.invalidSamples} samples were invalid parameter sets and left out of the statistics\n`);
  }
  const summary: Row = {
    samples: r.samples, invalidSamples: r.invalidSamples, mean: r.mean, sd: r.sd, ...r.quantiles,
    ...(r.probAboveStock !== undefined ? { probAboveStock: r.probAboveStock } : {}),
  };
  if (format === "json") return JSON.stringify(r, null, 2);
  return render(format, Object.keys(summary), [summary], undefined, ["", "z* statistics in days (quantiles p5..p95)"]);
}

export const BREAKEVEN_HELP = `Usage: optimal-reserve breakeven --param name --stock days [parameter flags] [--format ...] [--plot out.svg]

The value of one parameter at which the given stock is exactly the optimal reserve. --plot draws
z* against that parameter with the stock and the break-even value marked.
${FORMAT_HELP}`;

/** Points of the break-even chart. */
const BREAKEVEN_POINTS = 120;

/**
 * The range the break-even chart spans: the base value and the break-even value with half their
 * distance (at least 20% of the value) either side, clipped to the parameter's allowed range.
 */
function chartRange(name: NumericParam, p: Params, value: number): [number, number] {
  const spec = PARAMETER_SPECS.find((s) => s.name === name)!;
  const a = Math.min(p[name], value);
  const b = Math.max(p[name], value);
  const margin = Math.max(0.5 * (b - a), 0.2 * Math.abs(value), 1e-6);
  const upper = name === "priceFloor" ? p.price : spec.max;
  return [Math.max(a - margin, spec.min), Math.min(b + margin, upper)];
}

/** `optimal-reserve breakeven`. */
export async function breakevenCommand(argv: string[]): Promise<string> {
  const { values } = parse(argv, { ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS, param: { type: "string" }, stock: { type: "string" } });
  if (values.help) return BREAKEVEN_HELP;
  const format = formatFrom(values.format);
  const plot = plotPath(values);
  if (typeof values.param !== "string") throw new UsageError("breakeven needs --param name");
  const stock = numberOption("stock", values.stock, { min: 0 });
  if (stock === undefined) throw new UsageError("breakeven needs --stock days");
  const base = baseFromFlags(values);
  const backend = backendFrom(values);
  const b = breakEven(base, numericName("--param", values.param), stock, { backend });
  if (plot !== undefined) {
    const [lo, hi] = chartRange(b.name, resolveParams(base), b.value);
    const xs = Array.from({ length: BREAKEVEN_POINTS }, (_, k) => lo + ((hi - lo) * k) / (BREAKEVEN_POINTS - 1));
    const s = sensitivity(base, b.name, xs, { backend });
    const points = xs.map((x, k) => ({ x, zStar: s.zStar[k]! })).filter((pt) => Number.isFinite(pt.zStar));
    const { writeChart, breakevenSpec } = await loadPlotting();
    await writeChart(plot, breakevenSpec(b.name, points, b.value, stock), { params: base, notes: templateNotes(values) });
  }
  if (format === "json") return JSON.stringify(b, null, 2);
  return render(format, ["name", "value", "stock"], [{ name: b.name, value: b.value, stock: b.stock }]);
}
