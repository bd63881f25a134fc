/**
 * `optimal-reserve strategy simulate|evaluate|optimize|steady`: release and refill strategies
 * (docs/strategy.md). Flags are named after the API's fields (shocks, rule, options, grid).
 */
import { steadyState, type SteadyStateInput } from "../strategy/steady-state";
import { simulateStrategy, type SimulateOptions, type StrategySimulation } from "../strategy/simulate";
import { evaluateStrategy, type EvaluateOptions } from "../strategy/evaluate";
import { optimizeStrategy, type OptimizeOptions } from "../strategy/optimize";
import type { StrategyGrid } from "../strategy/chain";
import type { DisruptionClass, Shocks, StrategyRule } from "../strategy/inputs";
import { SHOCK_PRESETS, shockPreset } from "../strategy/presets";
import { createPool } from "../pool/node";
import { PARAMETER_OPTIONS, UsageError, baseFromFlags, numberOption, parse, parseDecimal } from "./args";
import { FORMAT_HELP, FORMAT_OPTIONS } from "./analysis-flags";
import { backendFrom } from "./commands";
import { progressLine } from "./job";
import { formatFrom, render, type Row } from "./output";

const loadPlot = async () => ({ ...(await import("./plot")), ...(await import("./strategy-plot")) });

const SHOCK_FLAGS = ["onsetRate", "priceReversion", "priceVolatility", "initialLogPrice"] as const;
const RULE_FLAGS = ["maxDrawdownRate", "drawdownLag", "coverFraction", "reserveFloor", "maxFillRate", "buyBelowPrice", "refillDelay", "targetStock", "fillBudget", "sellAbovePrice", "capacity"] as const;
const SIMULATE_FLAGS = ["years", "step", "samples", "seed", "initialStock", "initialRegime", "bins"] as const;
const RUN_FLAGS = [...SIMULATE_FLAGS, "stockLevels", "priceStates"] as const;
const WHOLE_FLAGS: readonly string[] = ["samples", "seed", "initialRegime", "bins", "stockLevels", "priceStates"];

/** The flags describing the shocks and the rule, as each subcommand reads them. */
const SHOCK_INPUT = ["preset", "severity", "meanDuration", "class", ...SHOCK_FLAGS];
const RULE_INPUT = [...RULE_FLAGS, "fillMode"];
const GRID_INPUT = ["stockLevels", "priceStates", "step", "initialStock", "initialRegime"];
/** Every flag each subcommand reads (besides --format, --json, --backend, --help): any other is refused, never ignored. */
const TAKES: Record<string, readonly string[]> = {
  simulate: [...Object.keys(PARAMETER_OPTIONS), ...SHOCK_INPUT, ...RULE_INPUT, ...SIMULATE_FLAGS, "workers", "quiet", "plot"],
  evaluate: [...Object.keys(PARAMETER_OPTIONS), ...SHOCK_INPUT, ...RULE_INPUT, ...GRID_INPUT, "years"],
  optimize: [...Object.keys(PARAMETER_OPTIONS), ...SHOCK_INPUT, ...RULE_INPUT, ...GRID_INPUT, "allowSales", "quiet", "plot"],
  steady: ["onsetRate", "meanDuration", "maxFillRate", "maxDrawdownRate", "capacity"],
};
const EVERY_SUBCOMMAND = ["format", "json", "backend", "help"];

/** Refuse a flag the subcommand does not read (it would be silently ignored), naming the ones that do. */
function checkFlagsTaken(sub: string, values: Values): void {
  const taken = new Set([...TAKES[sub]!, ...EVERY_SUBCOMMAND]);
  for (const name of Object.keys(values)) {
    if (values[name] === undefined || taken.has(name)) continue;
    const readers = Object.keys(TAKES).filter((other) => TAKES[other]!.includes(name));
    throw new UsageError(`--${name} is not read by strategy ${sub}; allowed there: ${[...TAKES[sub]!].filter((f) => !(f in PARAMETER_OPTIONS)).map((f) => `--${f}`).join(" ")}` +
      (sub === "steady" ? "" : " and the parameter flags") + (readers.length > 0 ? ` (--${name} is read by strategy ${readers.join(", ")})` : ""));
  }
}

const OPTIONS = {
  ...PARAMETER_OPTIONS, ...FORMAT_OPTIONS,
  preset: { type: "string" as const }, severity: { type: "string" as const }, meanDuration: { type: "string" as const },
  class: { type: "string" as const, multiple: true }, fillMode: { type: "string" as const }, allowSales: { type: "boolean" as const },
  quiet: { type: "boolean" as const }, workers: { type: "string" as const },
  ...Object.fromEntries([...SHOCK_FLAGS, ...RULE_FLAGS, ...RUN_FLAGS].map((name) => [name, { type: "string" as const }])),
};

const SHOCK_HELP = `Shocks (one of):
  --preset name                  ${Object.keys(SHOCK_PRESETS).join(", ")} (sourced; see docs/strategy.md)
  --onsetRate n --severity s --meanDuration d
                                 onsets per year, share of imports lost, mean duration (days)
  --class s:d[:weight[:name]]    repeatable: one disruption class each (with --onsetRate)
  --priceReversion k --priceVolatility v --initialLogPrice x
                                 OU log price of normal times (1/yr, 1/sqrt(yr); default no noise)`;

const RULE_HELP = `Rule (days of imports, days of imports per day, days, USD/unit):
  --maxDrawdownRate r --drawdownLag days --coverFraction c --reserveFloor x
  --maxFillRate f --buyBelowPrice P --refillDelay days --targetStock x --capacity x
  --fillMode volume|dollar --fillBudget USD/day --sellAbovePrice P`;

export const STRATEGY_HELP = `Usage: optimal-reserve strategy simulate|evaluate|optimize|steady [flags]

Release and refill strategies under disruption and price shocks (the paper's section 3).

  simulate   seeded Monte Carlo of a rule: costs, cover bands, run-out probability, refill time
             (--years 10 --step 7 --samples 2000 --seed 1 --initialStock x --initialRegime k --bins 200
             --workers n: the paths split over n worker threads, the same result)
  evaluate   the rule evaluated exactly on a grid (--stockLevels n --priceStates m --step 7
             [--years y: finite horizon] --initialStock x --initialRegime k)
  optimize   the optimal policy by policy iteration (--stockLevels n --capacity x --maxDrawdownRate r
             --maxFillRate f [--allowSales] [--targetStock x: compare with that rule])
  steady     closed-form long run (--onsetRate --meanDuration --maxFillRate --maxDrawdownRate --capacity)

${SHOCK_HELP}

${RULE_HELP}

  --quiet                          no progress line on stderr (simulate, optimize)
  A flag a subcommand does not read is refused: --plot is simulate's fan chart and optimize's policy
  chart; evaluate and steady draw none.
${FORMAT_HELP}`;

type Values = Record<string, unknown>;

/** A number flag in decimal or exponent form only (no hex, binary, Infinity), as every other command reads them. */
function num(values: Values, name: string, integer = false): number | undefined {
  return numberOption(name, values[name], { integer });
}

function pick<T extends string>(values: Values, names: readonly T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const name of names) {
    const v = num(values, name, WHOLE_FLAGS.includes(name));
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function shocksFrom(values: Values): Shocks {
  const overrides = pick(values, SHOCK_FLAGS);
  if (typeof values.preset === "string") {
    const custom = ["severity", "meanDuration", "class"].filter((name) => values[name] !== undefined);
    if (custom.length > 0) {
      throw new UsageError(`--preset ${values.preset} gives the disruption classes; ${custom.map((c) => `--${c}`).join(", ")} describe a class of your own: give one or the other`);
    }
    return { ...shockPreset(values.preset).shocks, ...overrides };
  }
  const classes: DisruptionClass[] = ((values.class as string[] | undefined) ?? []).map((text) => {
    const [severity, meanDuration, weight, name] = text.split(":");
    const numbers = [severity, meanDuration, weight ?? "1"].map((p) => (p === undefined ? NaN : parseDecimal(p)));
    if (numbers.some((v) => Number.isNaN(v))) throw new UsageError(`invalid --class ${JSON.stringify(text)}: expected severity:meanDuration[:weight[:name]]`);
    return { severity: numbers[0]!, meanDuration: numbers[1]!, weight: numbers[2]!, ...(name ? { name } : {}) };
  });
  const severity = num(values, "severity");
  const meanDuration = num(values, "meanDuration");
  if (severity !== undefined || meanDuration !== undefined) {
    if (severity === undefined || meanDuration === undefined) throw new UsageError("--severity and --meanDuration go together");
    classes.push({ severity, meanDuration, weight: 1 });
  }
  if (classes.length === 0 || overrides.onsetRate === undefined) {
    throw new UsageError("strategy needs shocks: --preset name, or --onsetRate with --severity/--meanDuration or --class");
  }
  return { onsetRate: overrides.onsetRate, classes, ...overrides };
}

function ruleFrom(values: Values): StrategyRule {
  const given = pick(values, RULE_FLAGS) as Partial<StrategyRule>;
  for (const name of ["maxDrawdownRate", "maxFillRate", "targetStock"] as const) {
    if (given[name] === undefined) throw new UsageError(`the rule needs --${name}`);
  }
  const rule = { ...given } as StrategyRule;
  if (values.fillMode !== undefined) {
    if (values.fillMode !== "volume" && values.fillMode !== "dollar") throw new UsageError(`invalid --fillMode: ${JSON.stringify(values.fillMode)}; allowed: volume, dollar`);
    rule.fillMode = values.fillMode;
  }
  return rule;
}

const cell = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

async function simulate(values: Values): Promise<string> {
  const format = formatFrom(values.format);
  const run = pick(values, SIMULATE_FLAGS);
  const show = !values.quiet && process.stderr.isTTY === true;
  const workers = numberOption("workers", values.workers, { integer: true, min: 1 });
  const backend = backendFrom(values);
  const samples = run.samples ?? 2000;
  const progress = progressLine(show, samples, 0, "paths");
  const onProgress = (done: number) => progress.update(done);
  const [params, shocks, rule] = [baseFromFlags(values), shocksFrom(values), ruleFrom(values)];
  let r: StrategySimulation;
  if (workers === undefined) {
    r = simulateStrategy(params, shocks, rule, { ...run, backend, onProgress } satisfies SimulateOptions);
  } else {
    const pool = createPool({ workers, backend });
    try {
      r = await pool.simulateStrategy(params, shocks, rule, { ...run, onProgress });
    } finally {
      await pool.close();
    }
  }
  progress.end();
  if (typeof values.plot === "string") {
    const { writeChart, fanSpec } = await loadPlot();
    await writeChart(values.plot, fanSpec(r.bands, `Stock in days of imports (p5-p95, p25-p75, median); P(run out) = ${(100 * r.runOutProbability).toFixed(1)}%`),
      { params, notes: [`Strategy simulation: ${samples} paths, seed ${run.seed ?? 1}.`] });
  }
  if (format === "json" || values.json) return JSON.stringify(r, null, 2);
  const se = r.standardErrors;
  const rows: Row[] = [
    { quantity: "consumer loss", value: r.costs.consumer, standardError: se.consumer, unit: "USD, discounted" },
    { quantity: "GDP loss", value: r.costs.gdp, standardError: se.gdp, unit: "USD, discounted" },
    { quantity: "storage", value: r.costs.storage, standardError: se.storage, unit: "USD, discounted" },
    { quantity: "purchases (net of sales)", value: r.costs.purchases, standardError: se.purchases, unit: "USD, discounted" },
    { quantity: "total cost", value: r.costs.total, standardError: se.total, unit: "USD, discounted" },
    { quantity: "stock left at the end", value: r.stockLeftValue, standardError: se.stockLeftValue, unit: "USD, discounted" },
    { quantity: "total net of stock left", value: r.netCost, standardError: se.netCost, unit: "USD, discounted" },
    { quantity: "fiscal balance", value: r.fiscalBalance, standardError: se.fiscalBalance, unit: "USD, discounted" },
    { quantity: "run-out probability", value: r.runOutProbability, standardError: se.runOutProbability, unit: "share of paths" },
    { quantity: "expected shortfall", value: r.expectedShortfall, standardError: se.expectedShortfall, unit: "days of imports" },
    { quantity: "time to refill", value: cell(r.timeToRefill), standardError: null, unit: "days" },
    { quantity: "average buy price", value: cell(r.averageBuyPrice), standardError: null, unit: "USD/unit" },
    { quantity: "average sell price", value: cell(r.averageSellPrice), standardError: null, unit: "USD/unit" },
    { quantity: "expected onsets", value: r.expectedOnsets, standardError: null, unit: "disruptions" },
  ];
  const m = r.meta;
  const medianEnd = r.bands.p50[r.bands.p50.length - 1]!;
  if (format !== "table") {
    // The table's footer as rows, so that a csv or ndjson file says how it was made.
    rows.push(
      { quantity: "median stock at the end", value: medianEnd, standardError: null, unit: "days of imports" },
      { quantity: "paths", value: m.samples, standardError: null, unit: "paths" },
      { quantity: "steps", value: m.steps, standardError: null, unit: "steps" },
      { quantity: "step", value: m.step, standardError: null, unit: "days" },
      { quantity: "seed", value: m.seed ?? null, standardError: null, unit: "PRNG seed" },
      { quantity: "backend", value: m.backend, standardError: null, unit: "kernel" },
      { quantity: "version", value: m.version, standardError: null, unit: "optimal-reserve" },
    );
  }
  return render(format, ["quantity", "value", "standardError", "unit"], rows, undefined,
    ["", `${m.samples} paths x ${m.steps} steps of ${m.step} days (seed ${m.seed}, ${m.backend}); median stock at the end ${medianEnd.toFixed(2)} days`]);
}

function gridFrom(values: Values): StrategyGrid {
  const run = pick(values, RUN_FLAGS);
  const grid: StrategyGrid = { stockLevels: run.stockLevels ?? 121 };
  if (run.priceStates !== undefined) grid.priceStates = run.priceStates;
  if (run.step !== undefined) grid.step = run.step;
  const capacity = num(values, "capacity");
  if (capacity !== undefined) grid.capacity = capacity;
  return grid;
}

function evaluate(values: Values): string {
  const format = formatFrom(values.format);
  const run = pick(values, RUN_FLAGS);
  const options: EvaluateOptions = {};
  if (run.years !== undefined) options.years = run.years;
  if (run.initialStock !== undefined) options.initialStock = run.initialStock;
  if (run.initialRegime !== undefined) options.initialRegime = run.initialRegime;
  const e = evaluateStrategy(baseFromFlags(values), shocksFrom(values), ruleFrom(values), gridFrom(values), options);
  if (format === "json" || values.json) return JSON.stringify({ ...e, values: Array.from(e.values) }, null, 2);
  const rows: Row[] = [
    ...Object.entries(e.costs).map(([part, value]) => ({ quantity: `${part} cost`, value, unit: "USD, discounted" })),
    ...(options.years === undefined ? [] : [
      { quantity: "stock left at the end", value: e.stockLeftValue, unit: "USD, discounted" },
      { quantity: "total net of stock left", value: e.netCost, unit: "USD, discounted" },
    ]),
    { quantity: "long-run mean stock", value: e.meanStock, unit: "days of imports" },
    { quantity: "long-run P(run out | disrupted)", value: e.runOutProbability, unit: "probability" },
  ];
  if (format !== "table") {
    // The table's footer as rows, so that a csv or ndjson file says what grid it was computed on.
    rows.push(
      { quantity: "states", value: e.grid.states, unit: "states" },
      { quantity: "stockLevels", value: e.grid.stockLevels, unit: "levels" },
      { quantity: "priceStates", value: e.grid.priceStates, unit: "price states" },
      { quantity: "step", value: e.grid.step, unit: "days" },
      { quantity: "capacity", value: e.grid.capacity, unit: "days of imports" },
      { quantity: "initialStock", value: e.grid.initialStock, unit: "days of imports (grid level)" },
      { quantity: "horizon", value: options.years ?? "infinite", unit: "years" },
    );
  }
  return render(format, ["quantity", "value", "unit"], rows, undefined,
    ["", `exact on ${e.grid.states} states (${e.grid.stockLevels} stock levels x regimes x ${e.grid.priceStates} price states), ${options.years === undefined ? "infinite horizon" : `${options.years} years`}; ` +
      `from ${e.grid.initialStock} days of imports (the grid level nearest the start)`, ...e.meta.notes.map((n) => `note: ${n}`)]);
}

async function optimize(values: Values): Promise<string> {
  const format = formatFrom(values.format);
  const run = pick(values, RUN_FLAGS);
  const limits = pick(values, ["maxDrawdownRate", "maxFillRate"] as const);
  if (limits.maxDrawdownRate === undefined || limits.maxFillRate === undefined) throw new UsageError("optimize needs --maxDrawdownRate and --maxFillRate");
  const options: OptimizeOptions = { maxDrawdownRate: limits.maxDrawdownRate, maxFillRate: limits.maxFillRate, allowSales: values.allowSales === true };
  if (values.targetStock !== undefined) options.rule = ruleFrom(values);
  else {
    // The limits and the grid are the optimum's own; every other rule flag describes the rule to compare with.
    const ruleOnly = RULE_INPUT.filter((name) => !["maxDrawdownRate", "maxFillRate", "capacity"].includes(name) && values[name] !== undefined);
    if (ruleOnly.length > 0) throw new UsageError(`${ruleOnly.map((n) => `--${n}`).join(", ")} describe the rule to compare with: give its --targetStock too`);
  }
  if (run.initialStock !== undefined) options.initialStock = run.initialStock;
  if (run.initialRegime !== undefined) options.initialRegime = run.initialRegime;
  // Policy iteration's steps are few but each is a sparse solve: a fine grid takes seconds to minutes.
  let drawn = false;
  if (!values.quiet && process.stderr.isTTY === true) {
    options.onProgress = (iteration, changed) => {
      drawn = true;
      process.stderr.write(`\rpolicy iteration: step ${iteration}, ${changed} states changed action   `);
    };
  }
  const o = optimizeStrategy(baseFromFlags(values), shocksFrom(values), gridFrom(values), options);
  if (drawn) process.stderr.write("\n");
  if (typeof values.plot === "string") {
    const { writeChart, policySpec } = await loadPlot();
    await writeChart(values.plot, policySpec(o), { params: baseFromFlags(values), notes: ["Optimal release and refill policy (policy iteration)."] });
  }
  if (format === "json" || values.json) return JSON.stringify({ ...o, values: Array.from(o.values) }, null, 2);
  const names = o.policy.map((t) => (o.grid.priceStates > 1 ? `${t.regime} @ ${t.price.toFixed(2)}` : t.regime));
  const rows: Row[] = o.levels.map((level, i) => ({ stock: level, ...Object.fromEntries(o.policy.map((t, k) => [names[k]!, t.nextStock[i]!])), longRunShare: o.stockDistribution[i]! }));
  const footer = [
    "", `next stock (days of imports) from each stock level; refill target ${o.refillTarget.toFixed(2)} days; long-run mean stock ${o.meanStock.toFixed(2)} days; P(empty | disrupted) ${o.runOutProbability.toExponential(3)}`,
    `optimal cost ${o.optimalCost.toExponential(6)} USD` + (o.gain === null ? "" : `; the rule costs ${o.ruleCost!.toExponential(6)} USD, gain ${o.gain.toExponential(6)} USD`),
    `policy iteration: ${o.iterations} steps on ${o.grid.states} states, ${o.grid.actions} actions`,
    ...o.meta.notes.map((n) => `note: the rule's cost: ${n}`),
  ];
  // The footer's numbers, for csv (columns on every row) and ndjson (a leading record), as `release` does.
  const headline = {
    optimalCost: o.optimalCost, ruleCost: o.ruleCost, gain: o.gain, refillTarget: o.refillTarget, meanStock: o.meanStock,
    runOutProbability: o.runOutProbability, iterations: o.iterations, states: o.grid.states, actions: o.grid.actions, step: o.grid.step, capacity: o.grid.capacity,
  };
  if (format === "ndjson") return [{ record: "headline", ...headline }, ...rows.map((row) => ({ record: "level", ...row }))].map((x) => JSON.stringify(x)).join("\n");
  if (format === "csv") return render(format, ["stock", ...names, "longRunShare", ...Object.keys(headline)], rows.map((row) => ({ ...row, ...headline })));
  return render(format, ["stock", ...names, "longRunShare"], rows, undefined, footer);
}

function steady(values: Values): string {
  const format = formatFrom(values.format);
  const input = pick(values, ["onsetRate", "meanDuration", "maxFillRate", "maxDrawdownRate", "capacity"] as const);
  for (const name of ["onsetRate", "meanDuration", "maxFillRate", "maxDrawdownRate", "capacity"] as const) {
    if (input[name] === undefined) throw new UsageError(`steady needs --${name}`);
  }
  const s = steadyState(input as SteadyStateInput);
  if (format === "json" || values.json) return JSON.stringify(s, null, 2);
  const rows: Row[] = [
    { quantity: "runOutProbability", value: s.runOutProbability, unit: "P(empty | disrupted)" },
    { quantity: "emptyAndDisrupted", value: s.emptyAndDisrupted, unit: "share of time" },
    { quantity: "disruptedShare", value: s.disruptedShare, unit: "share of time" },
    { quantity: "fullProbability", value: s.fullProbability, unit: "P(full | normal)" },
    { quantity: "meanStock", value: s.meanStock, unit: "days of imports" },
    { quantity: "theta", value: s.theta, unit: "1/day" },
  ];
  return render(format, ["quantity", "value", "unit"], rows);
}

/** `optimal-reserve strategy <subcommand>`. */
export async function strategyCommand(argv: string[]): Promise<string> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return STRATEGY_HELP;
  const { values } = parse(rest, OPTIONS);
  if (values.help) return STRATEGY_HELP;
  if (Object.hasOwn(TAKES, sub)) checkFlagsTaken(sub, values);
  switch (sub) {
    case "simulate": return simulate(values);
    case "evaluate": return evaluate(values);
    case "optimize": return optimize(values);
    case "steady": return steady(values);
    default: throw new UsageError(`unknown strategy subcommand ${JSON.stringify(sub)}; allowed: simulate, evaluate, optimize, steady`);
  }
}
