/**
 * The inputs of the strategy models (docs/strategy.md, "Simulating a rule"): the shock process
 * and the release-and-refill rule, with defaults and validation. Units: time in days (rates per
 * year where said), stock in days of imports, rates in days of imports per day, prices in USD/unit.
 */
import { checkKnownOptions, invalid } from "../rules";

/** One class of disruption: drawn with probability weight / Σ weights at an onset. */
export interface DisruptionClass {
  /** A label (e.g. "3 MMBD"). */
  name?: string;
  /** Relative weight (> 0); normalised over the classes. */
  weight: number;
  /** σ_k: share of normal imports lost while it lasts, in (0, 1). */
  severity: number;
  /** D_k: mean duration (days, > 0); durations are memoryless (exponential). */
  meanDuration: number;
}

/** The disruption and price process. */
export interface Shocks {
  /** λ_on: disruption onsets per year of normal time (1/yr, >= 0). */
  onsetRate: number;
  /** The disruption classes (at least one). */
  classes: DisruptionClass[];
  /** κ: mean reversion of the normal-time log price (1/yr, >= 0; 0 is a random walk). Default 0. */
  priceReversion?: number;
  /** σ_P: volatility of the normal-time log price (1/sqrt(yr), >= 0). Default 0 (no price noise). */
  priceVolatility?: number;
  /** χ0: the log deviation of the normal-time price from P0 at time 0. Default 0. */
  initialLogPrice?: number;
}

/** A release-and-refill rule (docs/strategy.md, "Rules"). */
export interface StrategyRule {
  /** Most release per day (days of imports per day, >= 0). */
  maxDrawdownRate: number;
  /** Days from an onset before release starts (>= 0). Default 0. */
  drawdownLag?: number;
  /** Share of the shortfall the release aims to cover (>= 0). Default 1. */
  coverFraction?: number;
  /** Stock never released or sold below this (days of imports, >= 0). Default 0. */
  reserveFloor?: number;
  /** Most fill per day (days of imports per day, >= 0). */
  maxFillRate: number;
  /** Buy only when the normal-time price is at most this (USD/unit). Default Infinity (always). */
  buyBelowPrice?: number;
  /** Days after a recovery before refilling starts (>= 0). Default 0. */
  refillDelay?: number;
  /** The stock refills aim at (days of imports, >= 0). */
  targetStock: number;
  /** "volume" fills at maxFillRate; "dollar" also spends at most fillBudget a day. Default "volume". */
  fillMode?: "volume" | "dollar";
  /** USD per day spent on refill in "dollar" mode (> 0 there). */
  fillBudget?: number;
  /** Sell in normal times when the price is at least this (USD/unit). Default: never. */
  sellAbovePrice?: number;
  /** Storage capacity (days of imports). Default max(targetStock, the initial stock). */
  capacity?: number;
}

/** A rule with every default filled in. */
export type ResolvedRule = Required<Omit<StrategyRule, "sellAbovePrice">> & { sellAbovePrice: number };

/** Shocks with every default filled in and the class weights normalised. */
export interface ResolvedShocks {
  onsetRate: number;
  classes: Required<DisruptionClass>[];
  priceReversion: number;
  priceVolatility: number;
  initialLogPrice: number;
}

function check(name: string, value: unknown, ok: (x: number) => boolean, range: string): number {
  if (typeof value !== "number" || Number.isNaN(value) || !ok(value)) throw invalid(name, value, range);
  return value;
}

/** The keys each input object may have (a misspelt field is never ignored). */
const SHOCK_KEYS = ["onsetRate", "classes", "priceReversion", "priceVolatility", "initialLogPrice"] as const;
const CLASS_KEYS = ["name", "weight", "severity", "meanDuration"] as const;
const RULE_KEYS = ["maxDrawdownRate", "drawdownLag", "coverFraction", "reserveFloor", "maxFillRate", "buyBelowPrice", "refillDelay",
  "targetStock", "fillMode", "fillBudget", "sellAbovePrice", "capacity"] as const;

const finiteAtLeast = (min: number) => (x: number) => Number.isFinite(x) && x >= min;

/**
 * Largest stock (days of imports; 274 years) a rule, a grid or a start may name, as steadyState's
 * capacity: beyond it storage costs (q0 (c + v)/H · x per day) stop being meaningful long before
 * they overflow, and a bound keeps every sum finite.
 */
export const MAX_STOCK = 1e5;
const stockRange = (name: string) => `0 <= ${name} <= ${MAX_STOCK} (days of imports)`;
const stockOk = (x: number) => x >= 0 && x <= MAX_STOCK;

/** Validate the shock process; throws ParameterError naming the field, the value and the range. */
export function resolveShocks(shocks: Shocks): ResolvedShocks {
  if (shocks === null || typeof shocks !== "object" || Array.isArray(shocks)) throw invalid("shocks", shocks, "an object { onsetRate, classes, priceReversion?, priceVolatility?, initialLogPrice? }");
  checkKnownOptions(shocks, SHOCK_KEYS);
  const onsetRate = check("onsetRate", shocks.onsetRate, (x) => x >= 0 && x <= 1e4, "0 <= onsetRate <= 1e4 (onsets per year)");
  if (!Array.isArray(shocks.classes) || shocks.classes.length === 0) {
    throw invalid("classes", shocks.classes, "a non-empty array of { name?, weight, severity, meanDuration }");
  }
  const classes = shocks.classes.map((c, k) => {
    const where = `classes[${k}]`;
    if (c === null || typeof c !== "object" || Array.isArray(c)) throw invalid(where, c, "an object { name?, weight, severity, meanDuration }");
    checkKnownOptions(c, CLASS_KEYS);
    if (c.name !== undefined && typeof c.name !== "string") throw invalid(`${where}.name`, c.name, "a string");
    const weight = check(`${where}.weight`, c.weight, (x) => Number.isFinite(x) && x > 0, "a finite weight > 0");
    const severity = check(`${where}.severity`, c.severity, (x) => x > 0 && x < 1, "0 < severity < 1 (share of normal imports lost)");
    const meanDuration = check(`${where}.meanDuration`, c.meanDuration, (x) => Number.isFinite(x) && x > 0, "meanDuration > 0 (days)");
    return { name: c.name ?? `class ${k + 1}`, weight, severity, meanDuration };
  });
  // Normalise by the largest weight first: finite weights near 1e308 would overflow their sum.
  const largest = Math.max(...classes.map((c) => c.weight));
  let total = 0;
  for (const c of classes) total += c.weight / largest;
  for (const c of classes) c.weight = c.weight / largest / total;
  return {
    onsetRate,
    classes,
    priceReversion: check("priceReversion", shocks.priceReversion ?? 0, (x) => x >= 0 && x <= 1e3, "0 <= priceReversion <= 1e3 (1/yr)"),
    priceVolatility: check("priceVolatility", shocks.priceVolatility ?? 0, (x) => x >= 0 && x <= 10, "0 <= priceVolatility <= 10 (1/sqrt(yr))"),
    initialLogPrice: check("initialLogPrice", shocks.initialLogPrice ?? 0, (x) => Math.abs(x) <= 10, "|initialLogPrice| <= 10"),
  };
}

/** The rule's targetStock, validated: the default start of a run (days of imports). Throws ParameterError. */
export function ruleTargetStock(rule: StrategyRule): number {
  if (rule === null || typeof rule !== "object" || Array.isArray(rule)) throw invalid("rule", rule, "an object { maxDrawdownRate, maxFillRate, targetStock, ... } (StrategyRule)");
  return check("targetStock", rule.targetStock, stockOk, stockRange("targetStock"));
}

/** A start stock (days of imports), validated: 0 <= initialStock <= MAX_STOCK. Throws ParameterError. */
export function checkInitialStock(initialStock: unknown): number {
  return check("initialStock", initialStock, stockOk, stockRange("initialStock"));
}

/**
 * Validate a rule; `initialStock` (the run's start, days of imports) sets the default capacity.
 * Fields that contradict each other are refused: a reserve floor above the capacity (nothing could
 * ever be released), a sell price at or below the buy price (the rule would buy and sell at the same
 * price, churning its stock), a fill budget without fillMode "dollar" (it would be ignored).
 * Throws ParameterError.
 */
export function resolveRule(rule: StrategyRule, initialStock: number): ResolvedRule {
  if (rule === null || typeof rule !== "object" || Array.isArray(rule)) throw invalid("rule", rule, "an object { maxDrawdownRate, maxFillRate, targetStock, ... } (StrategyRule)");
  checkKnownOptions(rule, RULE_KEYS);
  const rate = "(days of imports per day)";
  const targetStock = check("targetStock", rule.targetStock, stockOk, stockRange("targetStock"));
  const fillMode = rule.fillMode ?? "volume";
  if (fillMode !== "volume" && fillMode !== "dollar") {
    throw invalid("fillMode", fillMode, '"volume" or "dollar"');
  }
  const fillBudget = fillMode === "dollar"
    ? check("fillBudget", rule.fillBudget, (x) => Number.isFinite(x) && x > 0, 'a finite fillBudget > 0 (USD/day) with fillMode "dollar"')
    : undefined;
  if (fillBudget === undefined && rule.fillBudget !== undefined) {
    throw invalid("fillBudget", rule.fillBudget, 'omitted unless fillMode is "dollar" (a volume fill spends no budget)');
  }
  const defaultCapacity = rule.capacity === undefined;
  const capacity = check("capacity", rule.capacity ?? Math.max(targetStock, initialStock), (x) => x > 0 && x <= MAX_STOCK && x >= targetStock && x >= initialStock,
    `0 < capacity <= ${MAX_STOCK}, >= targetStock (${targetStock}) and >= the initial stock (${initialStock}) (days of imports)` +
    (defaultCapacity ? "; by default the larger of targetStock and the initial stock" : ""));
  const reserveFloor = check("reserveFloor", rule.reserveFloor ?? 0, (x) => x >= 0 && x <= capacity,
    `0 <= reserveFloor <= capacity (${capacity}) (days of imports): a floor above the capacity leaves nothing to release`);
  const buyBelowPrice = check("buyBelowPrice", rule.buyBelowPrice ?? Infinity, (x) => x > 0, "buyBelowPrice > 0 (USD/unit; Infinity: always)");
  const sellAbovePrice = check("sellAbovePrice", rule.sellAbovePrice ?? Infinity, (x) => x > 0, "sellAbovePrice > 0 (USD/unit; omit: never sell)");
  if (sellAbovePrice !== Infinity && !(sellAbovePrice > buyBelowPrice)) {
    throw invalid("sellAbovePrice", sellAbovePrice, `> buyBelowPrice (${buyBelowPrice}; set buyBelowPrice below the sell price): a rule that buys at a price it also sells at churns its stock`);
  }
  return {
    maxDrawdownRate: check("maxDrawdownRate", rule.maxDrawdownRate, (x) => x >= 0 && x <= 1e3, `0 <= maxDrawdownRate <= 1e3 ${rate}`),
    drawdownLag: check("drawdownLag", rule.drawdownLag ?? 0, finiteAtLeast(0), "a finite drawdownLag >= 0 (days)"),
    coverFraction: check("coverFraction", rule.coverFraction ?? 1, (x) => x >= 0 && x <= 10, "0 <= coverFraction <= 10"),
    reserveFloor,
    maxFillRate: check("maxFillRate", rule.maxFillRate, (x) => x >= 0 && x <= 1e3, `0 <= maxFillRate <= 1e3 ${rate}`),
    buyBelowPrice,
    refillDelay: check("refillDelay", rule.refillDelay ?? 0, finiteAtLeast(0), "a finite refillDelay >= 0 (days)"),
    targetStock,
    fillMode,
    fillBudget: fillBudget ?? 0,
    sellAbovePrice,
    capacity,
  };
}
