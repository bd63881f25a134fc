/** The analysis commands: curve, tornado, mc, breakeven (sweep has its own file). */
import { breakEven } from "../analysis/breakeven";
import { curve } from "../analysis/curve";
import type { Distribution } from "../analysis/distributions";
import type { Distributions } from "../analysis/montecarlo";
import { monteCarlo } from "../analysis/montecarlo";
import { tornado, type TornadoRanges } from "../analysis/tornado";
import type { NumericParam } from "../params";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parse } from "./args";
import { FORMAT_HELP, FORMAT_OPTIONS, loadPlotting, numbersIn, numericName, splitAssignment } from "./analysis-flags";
import { backendFrom } from "./commands";
import { formatFrom, render, type Row } from "./output";

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
    const { writeSvg, curveSpec } = await loadPlotting();
    await writeSvg(values.plot, curveSpec(rows, c.zStar));
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
    const { writeSvg, tornadoSpec } = await loadPlotting();
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
  if (options.samples > MAX_MC_SAMPLES) {
    throw new UsageError(`invalid --samples ${options.samples}: the limit is ${MAX_MC_SAMPLES} (the quantiles keep every sample in memory); run several seeds and pool them`);
  }
  const stock = numberOption("stock", values.stock, { min: 0 });
  const bins = numberOption("bins", values.bins, { integer: true, min: 1 });
  if (stock !== undefined) options.currentStock = stock;
  if (bins !== undefined) options.bins = bins;
  const r = monteCarlo(baseFromFlags(values), dists, options);
  if (typeof values.plot === "string") {
    const { writeSvg, histogramSpec } = await loadPlotting();
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
