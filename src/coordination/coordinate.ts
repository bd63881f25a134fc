/**
 * Nash versus cooperative reserves, and burden-sharing rules (docs/coordination.md).
 */
import type { BackendName } from "../backend/types";
import { hashParams, type Meta } from "../meta";
import type { Params } from "../params";
import { xoshiro128 } from "../analysis/random";
import { coordinationKernel } from "./kernel";
import { VERSION } from "../version";
import { checkBackend, checkKnownOptions, checkOptions } from "../rules";
import { checkFiniteResult, fieldError, normalizeMarket, type Market, type MarketInput } from "./market";
import { Game, sameProfile } from "./game";
import { PayoffModel } from "./payoff";

/** Options of coordinate(). */
export interface CoordinateOptions {
  /** Names of the coalition that cooperates; default every country. */
  coalition?: string[];
  /** Kernel backend of the per-day loss; default "auto". */
  backend?: BackendName | "auto";
  /** Random starts of the Nash search on top of the four fixed ones (default 4). */
  randomStarts?: number;
  /** Seed of the random starts (xoshiro128; default 1). */
  seed?: number;
  /** Gauss-Seidel sweeps allowed (default 500). */
  maxIterations?: number;
}

/** Stocks and expected payoffs of one profile. */
export interface Profile {
  /** Days of the country's own net imports (units / imports); null for a net exporter. */
  days: (number | null)[];
  /** Stock (units). */
  units: number[];
  /** Expected payoff U_j = -E[annual disruption loss] - holding cost (USD/yr). */
  payoffs: number[];
  /** Σ payoffs (USD/yr). */
  total: number;
  /** Σ_{i≠j} ∂U_i/∂z_j: what one more unit of j's reserve gives the others (USD/yr per unit). */
  spillover: number[];
}

/** One Nash equilibrium found. */
export interface Equilibrium extends Profile {
  /** Gauss-Seidel sweeps to converge (from the first start that found it). */
  iterations: number;
  converged: boolean;
  /** The starts that led here. */
  starts: string[];
}

/** A burden-sharing rule's profile. */
export interface RuleProfile extends Profile {
  name: "iea90" | "equalDays" | "consumptionShare";
  /** What the rule fixes: "90 days of net imports", … */
  description: string;
  /** The rule's level: days (iea90, equalDays) or total units (consumptionShare). */
  level: number;
  /** Cooperative total minus this rule's total (USD/yr; >= 0 up to the search's accuracy for the grand coalition, can be < 0 for a smaller one). */
  gapToCooperative: number;
}

export interface CoordinationResult {
  countries: string[];
  nash: Equilibrium & { equilibria: Equilibrium[] };
  cooperative: Profile & {
    coalition: string[];
    iterations: number;
    converged: boolean;
    /** Coalition's total at the cooperative optimum minus at Nash (USD/yr). */
    gain: number;
    /**
     * Transfers (USD/yr, + received; they sum to 0) that give each member its Nash payoff plus an
     * equal share of the gain; 0 for outsiders. With gain < 0 (see belowNash) the equal share is a
     * loss: every member ends below its Nash payoff.
     */
    sidePayments: number[];
    /**
     * True when the coalition's total at its cooperative optimum is below its total at Nash (gain
     * < 0, beyond the search's accuracy): possible for a sub-coalition, whose extra stock lets the
     * outsiders hold less. Then no side payments can make every member as well off as at Nash.
     */
    belowNash: boolean;
    /** A plain-words note when belowNash, else absent. */
    note?: string;
    /** False when members with equal holding costs hold interior stocks: then only their total is determined. */
    splitDetermined: boolean;
  };
  rules: RuleProfile[];
  /** The rule with the largest total payoff. */
  closestRule: string;
  /** notes: the defaults taken for inputs the market left out (e.g. a country's consumption), in words. */
  meta: Meta & { method: string; accounting: "domestic" | "world"; notes: string[] };
}

/** Relative size below which a coalition's gain counts as zero (the best responses' accuracy, docs/coordination.md). */
const GAIN_TOLERANCE = 1e-9;

export const COORDINATION_METHOD =
  "Gauss-Seidel best responses; each best response maximises on a bracketing grid of the exact marginal, " +
  "bisecting every sign change (docs/coordination.md, 'Best responses')";

/** A stable hash of the validated market (same canonical form as hashParams). */
export function hashMarket(market: Market): string {
  return hashParams({ market: JSON.stringify(market, (_, v) => (v === Infinity ? "Infinity" : v)) } as unknown as Params);
}

/**
 * Each country's reserve at the Nash equilibrium, at the cooperative optimum of a coalition, and
 * under burden-sharing rules, with expected payoffs, gains from cooperation, side payments and
 * spillovers. All stocks in units (and days of own net imports), payoffs in USD/yr.
 *
 * Nash: Gauss-Seidel best responses (simultaneous ones can oscillate) from the starts "zero",
 * "stock" (current stocks), "upper" (every stock at its search bound), "iea90" and
 * `randomStarts` seeded random profiles; every distinct limit is reported in
 * `nash.equilibria` (the first, from "zero", is `nash`). Cooperative: the coalition's members
 * maximise the coalition's total payoff, outsiders best-respond, by Gauss-Seidel from Nash and
 * from "upper" (the better coalition total is kept).
 * Rules (every country): iea90 — 90 days of net imports (0 for net exporters); equalDays — equal
 * days of net imports, the level that maximises the total; consumptionShare — shares of a total
 * proportional to consumption, the total that maximises the total payoff. Every stock is capped
 * by capacity.
 *
 * Best responses maximise on a bracketing grid of the exact marginal with bisection of every
 * sign change (maximize.ts): robust to the kinks of capacities, drawdown limits and the shortfall
 * cap; no Newton steps. Throws ParameterError for an invalid market, an invalid or unknown option,
 * options that are not an object, or magnitudes whose payoffs overflow (never a NaN result).
 */
export function coordinate(input: MarketInput, options: CoordinateOptions = {}): CoordinationResult {
  const market = normalizeMarket(input);
  checkKnownOptions(checkOptions("options", options), ["coalition", "backend", "randomStarts", "seed", "maxIterations"]);
  const names = market.countries.map((c) => c.name);
  const coalitionNames = options.coalition ?? names;
  if (!Array.isArray(coalitionNames) || coalitionNames.length === 0) throw fieldError("coalition", coalitionNames, "a non-empty list of country names");
  for (const name of coalitionNames) if (!names.includes(name)) throw fieldError("coalition", name, `names of the market's countries: ${names.join(", ")}`);
  if (new Set(coalitionNames).size !== coalitionNames.length) throw fieldError("coalition", coalitionNames, "each country at most once");
  const randomStarts = options.randomStarts ?? 4;
  if (!Number.isInteger(randomStarts) || randomStarts < 0 || randomStarts > 1000) throw fieldError("randomStarts", randomStarts, "an integer 0..1000");
  const maxIterations = options.maxIterations ?? 500;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw fieldError("maxIterations", maxIterations, "an integer >= 1");
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw fieldError("seed", seed, "an integer");
  const kernel = coordinationKernel(checkBackend(options.backend));
  const game = new Game(market, new PayoffModel(market, kernel));
  const self = names.map((_, j) => [j]);

  const clamp = (values: number[]) => Float64Array.from(values, (x, j) => Math.min(Math.max(x, 0), game.upper[j]!));
  const starts: [string, Float64Array][] = [
    ["zero", clamp(names.map(() => 0))],
    ["stock", clamp(market.countries.map((c) => c.stock))],
    ["upper", clamp(Array.from(game.upper))],
    ["iea90", clamp(market.countries.map((c) => 90 * Math.max(c.imports, 0)))],
  ];
  const u = xoshiro128(seed);
  for (let k = 0; k < randomStarts; k++) starts.push([`random${k + 1}`, clamp(Array.from(game.upper, (x) => x * u()))]);

  const found: { z: Float64Array; iterations: number; converged: boolean; starts: string[] }[] = [];
  for (const [label, start] of starts) {
    const run = game.sweep(start, self, maxIterations);
    const same = found.find((e) => sameProfile(e.z, run.z, game.upper));
    if (same) same.starts.push(label);
    else found.push({ ...run, starts: [label] });
  }
  const equilibria: Equilibrium[] = found.map((e) => ({ ...game.profile(e.z), iterations: e.iterations, converged: e.converged, starts: e.starts }));
  const nash = found[0]!;

  const members = coalitionNames.map((name) => names.indexOf(name));
  const objectives = names.map((_, j) => (members.includes(j) ? members : [j]));
  // Coordinate ascent from Nash and from every stock at its upper bound; the better coalition total wins.
  const coopRuns = [nash.z, starts[2]![1]].map((start) => game.sweep(start, objectives, maxIterations));
  const coalitionTotal = (z: Float64Array) => game.objective(members, z);
  const coop = coopRuns.reduce((a, b) => (coalitionTotal(b.z) > coalitionTotal(a.z) + 1e-12 * Math.abs(coalitionTotal(a.z)) ? b : a));
  const nashProfile = equilibria[0]!;
  const coopProfile = game.profile(coop.z);
  const sum = (p: Profile) => members.reduce((a, i) => a + p.payoffs[i]!, 0);
  const gain = sum(coopProfile) - sum(nashProfile);
  const sidePayments = names.map((_, j) =>
    members.includes(j) ? nashProfile.payoffs[j]! - coopProfile.payoffs[j]! + gain / members.length : 0);

  const belowNash = gain < -GAIN_TOLERANCE * Math.abs(sum(nashProfile));
  const belowNashNote = `the coalition (${coalitionNames.join(", ")}) does worse at its cooperative optimum than at Nash ` +
    `(gain ${(gain / 1e9).toFixed(3)} bn USD/yr): outsiders best-respond and hold less when it holds more, so no side payments can leave every member as well off as at Nash`;
  const splitDetermined = market.accounting === "domestic" || !game.flatSplit(members, coop.z);

  const netImports = market.countries.map((c) => Math.max(c.imports, 0));
  const totalConsumption = market.countries.reduce((a, c) => a + c.consumption, 0);
  const coopTotal = coopProfile.total;
  const rule = (name: RuleProfile["name"], description: string, level: number, z: Float64Array): RuleProfile => {
    const p = game.profile(z);
    return { name, description, level, ...p, gapToCooperative: coopTotal - p.total };
  };
  const equalDays = game.bestLevel(netImports);
  const share = game.bestLevel(market.countries.map((c) => (totalConsumption > 0 ? c.consumption / totalConsumption : 0)));
  const rules = [
    rule("iea90", "90 days of net imports (0 for net exporters), capped by capacity", 90, clamp(netImports.map((q) => 90 * q))),
    rule("equalDays", "equal days of net imports, the level maximising the total payoff", equalDays.level, equalDays.z),
    rule("consumptionShare", "a total split in proportion to consumption, the total maximising the total payoff", share.level, share.z),
  ];
  // Ties (within 1e-9 of the total) go to the rule listed first.
  const closestRule = rules.reduce((a, b) => (b.total > a.total + 1e-9 * Math.abs(a.total) ? b : a)).name;

  const result = {
    countries: names,
    nash: { ...nashProfile, equilibria },
    cooperative: {
      ...coopProfile, coalition: coalitionNames, iterations: coop.iterations, converged: coop.converged,
      gain, sidePayments, belowNash, ...(belowNash ? { note: belowNashNote } : {}), splitDetermined,
    },
    rules,
    closestRule,
    meta: { version: VERSION, backend: kernel.backend, paramsHash: hashMarket(market), seed, method: COORDINATION_METHOD, accounting: market.accounting, notes: defaultNotes(input, market) },
  };
  checkFiniteResult({ nash: result.nash, cooperative: result.cooperative, rules: result.rules });
  return result;
}

/** The defaults coordinate() took for fields the caller left out, in words (the consumption-share rule's weights). */
function defaultNotes(input: MarketInput, market: Market): string[] {
  return market.countries.flatMap((c, k) => (input.countries[k]!.consumption === undefined
    ? [`countries[${k}] (${c.name}).consumption not given: taken as max(imports, 0) = ${c.consumption} units/day (the consumptionShare rule's weight)`]
    : []));
}
