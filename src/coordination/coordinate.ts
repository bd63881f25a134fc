/**
 * Nash versus cooperative reserves, and burden-sharing rules (docs/coordination.md).
 */
import type { BackendName } from "../backend/types";
import { hashParams, type Meta } from "../meta";
import type { Params } from "../params";
import { xoshiro128 } from "../analysis/random";
import { coordinationKernel } from "./kernel";
import { VERSION } from "../version";
import { fieldError, normalizeMarket, type Market, type MarketInput } from "./market";
import { maximizeOnInterval } from "./maximize";
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
    /** Transfers (USD/yr, + received) that give each member its Nash payoff plus an equal share of the gain; 0 for outsiders. */
    sidePayments: number[];
    /** False when members with equal holding costs hold interior stocks: then only their total is determined. */
    splitDetermined: boolean;
  };
  rules: RuleProfile[];
  /** The rule with the largest total payoff. */
  closestRule: string;
  meta: Meta & { method: string; accounting: "domestic" | "world" };
}

/** Convergence: every stock moves by less than this fraction of its search interval in a sweep. */
const SWEEP_TOLERANCE = 1e-12;
/** Two equilibria are the same when every stock agrees to this fraction of its search interval. */
const SAME_EQUILIBRIUM = 1e-7;

export const COORDINATION_METHOD =
  "Gauss-Seidel best responses; each best response maximises on a bracketing grid of the exact marginal, " +
  "bisecting every sign change (docs/coordination.md, 'Best responses')";

/** The game's solver state: model, bounds and kinks. */
class Game {
  readonly n: number;
  readonly upper: Float64Array;
  private readonly loss: Float64Array;
  private readonly gradient: Float64Array;

  constructor(readonly market: Market, readonly model: PayoffModel) {
    this.n = market.countries.length;
    this.upper = new Float64Array(market.countries.map((c, j) => Math.min(c.capacity, this.saturation(j))));
    this.loss = new Float64Array(this.n);
    this.gradient = new Float64Array(this.n * this.n);
  }

  /** The stock past which more reserve cannot be released in any disruption (units). */
  private saturation(j: number): number {
    const c = this.market.countries[j]!;
    const d = this.market.disruptions;
    if (d.kind === "paper") return this.market.horizon * Math.min(c.maxDrawdown, c.imports);
    const need = (s: number) => (this.market.accounting === "world" ? s * this.market.worldSupply : s * c.imports);
    return Math.max(...d.scenarios.map((s) => s.duration * Math.min(c.maxDrawdown, need(s.severity))));
  }

  /** Where player j's marginal may jump given the others' stocks: drawdown limits and the shortfall cap. */
  kinks(j: number, z: Float64Array): number[] {
    const d = this.market.disruptions;
    if (d.kind === "paper") return [];
    const c = this.market.countries[j]!;
    const out: number[] = [];
    for (const s of d.scenarios) {
      if (Number.isFinite(c.maxDrawdown)) out.push(s.duration * c.maxDrawdown);
      if (this.market.accounting !== "world") continue;
      const { restOfWorld: row, worldSupply } = this.market;
      let others = Math.min(row.maxDrawdown, row.stock / s.duration);
      for (let i = 0; i < this.n; i++) if (i !== j) others += Math.min(this.market.countries[i]!.maxDrawdown, z[i]! / s.duration);
      out.push(s.duration * (s.severity * worldSupply - others));
    }
    return out;
  }

  /** Payoffs U (USD/yr) at z, and the gradient ∂U_i/∂z_j in `this.gradient` when asked. */
  payoffs(z: Float64Array, withGradient = false): Float64Array {
    this.model.evaluate(z, this.loss, withGradient ? this.gradient : undefined);
    const u = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) u[i] = -this.loss[i]! - this.model.cost(i) * z[i]!;
    return u;
  }

  /** ∂(Σ_{i in members} U_i)/∂z_j (USD/yr per unit). */
  marginal(j: number, members: readonly number[], z: Float64Array): number {
    this.model.evaluate(z, this.loss, this.gradient);
    let sum = members.includes(j) ? -this.model.cost(j) : 0;
    for (const i of members) sum -= this.gradient[i * this.n + j]!;
    return sum;
  }

  /** Σ_{i in members} U_i at z. */
  objective(members: readonly number[], z: Float64Array): number {
    const u = this.payoffs(z);
    let sum = 0;
    for (const i of members) sum += u[i]!;
    return sum;
  }

  /** Player j's best stock given the others', for the objective of `members`. */
  bestResponse(j: number, members: readonly number[], z: Float64Array): number {
    const trial = Float64Array.from(z);
    const at = (x: number) => {
      trial[j] = x;
      return trial;
    };
    return maximizeOnInterval(
      (x) => this.objective(members, at(x)),
      (x) => this.marginal(j, members, at(x)),
      this.upper[j]!,
      this.kinks(j, z),
    ).x;
  }

  /**
   * Gauss-Seidel sweeps from `start`: each player in turn moves to its best response, player j
   * maximising the total of objectives[j] (its own payoff for Nash, the coalition's for members).
   */
  sweep(start: Float64Array, objectives: readonly (readonly number[])[], maxIterations: number) {
    const z = Float64Array.from(start);
    for (let iteration = 1; iteration <= maxIterations; iteration++) {
      let moved = false;
      for (let j = 0; j < this.n; j++) {
        const next = this.bestResponse(j, objectives[j]!, z);
        if (Math.abs(next - z[j]!) > SWEEP_TOLERANCE * this.upper[j]!) moved = true;
        z[j] = next;
      }
      if (!moved) return { z, iterations: iteration, converged: true };
    }
    return { z, iterations: maxIterations, converged: false };
  }

  /** The profile (days, units, payoffs, total, spillovers) at z. */
  profile(z: Float64Array): Profile {
    const u = this.payoffs(z, true);
    const spillover = Array.from({ length: this.n }, (_, j) => {
      let sum = 0;
      for (let i = 0; i < this.n; i++) if (i !== j) sum -= this.gradient[i * this.n + j]!;
      return sum;
    });
    const units = Array.from(z);
    return {
      days: units.map((x, j) => {
        const q = this.market.countries[j]!.imports;
        return q > 0 ? x / q : null;
      }),
      units,
      payoffs: Array.from(u),
      total: u.reduce((a, b) => a + b, 0),
      spillover,
    };
  }

  /**
   * Whether moving a little stock between two coalition members leaves the coalition's total
   * unchanged (to 1e-10 of Σ|U|): then the cooperative split is not determined, only its total.
   * The step is 1e-3 of the smaller of the giver's stock and the taker's room.
   */
  flatSplit(members: readonly number[], z: Float64Array): boolean {
    const base = this.payoffs(z);
    const total = members.reduce((a, i) => a + base[i]!, 0);
    const scale = members.reduce((a, i) => a + Math.abs(base[i]!), 0);
    for (const from of members) {
      for (const to of members) {
        const step = 1e-3 * Math.min(z[from]!, this.upper[to]! - z[to]!);
        if (from === to || !(step > 0)) continue;
        const moved = Float64Array.from(z);
        moved[from] = moved[from]! - step;
        moved[to] = moved[to]! + step;
        if (Math.abs(this.objective(members, moved) - total) <= 1e-10 * scale) return true;
      }
    }
    return false;
  }

  /** Maximise the total payoff over the level θ of stocks z_j = min(weight_j θ, upper_j). */
  bestLevel(weights: readonly number[]): { level: number; z: Float64Array } {
    const all = Array.from({ length: this.n }, (_, i) => i);
    let top = 0;
    for (let j = 0; j < this.n; j++) if (weights[j]! > 0) top = Math.max(top, this.upper[j]! / weights[j]!);
    const at = (level: number) => Float64Array.from(weights, (w, j) => Math.min(w * level, this.upper[j]!));
    if (top === 0) return { level: 0, z: at(0) };
    const kinks = weights.map((w, j) => (w > 0 ? this.upper[j]! / w : 0));
    const best = maximizeOnInterval(
      (level) => this.objective(all, at(level)),
      (level) => {
        const z = at(level);
        let sum = 0;
        for (let j = 0; j < this.n; j++) if (weights[j]! * level < this.upper[j]!) sum += weights[j]! * this.marginal(j, all, z);
        return sum;
      },
      top,
      kinks,
    );
    return { level: best.x, z: at(best.x) };
  }
}

function sameProfile(a: Float64Array, b: Float64Array, upper: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) if (Math.abs(a[j]! - b[j]!) > SAME_EQUILIBRIUM * upper[j]!) return false;
  return true;
}

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
 * cap; no Newton steps. Throws ParameterError for an invalid market or option.
 */
export function coordinate(input: MarketInput, options: CoordinateOptions = {}): CoordinationResult {
  const market = normalizeMarket(input);
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
  const kernel = coordinationKernel(options.backend ?? "auto");
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

  return {
    countries: names,
    nash: { ...nashProfile, equilibria },
    cooperative: {
      ...coopProfile, coalition: coalitionNames, iterations: coop.iterations, converged: coop.converged,
      gain, sidePayments, splitDetermined,
    },
    rules,
    closestRule,
    meta: { version: VERSION, backend: kernel.backend, paramsHash: hashMarket(market), seed, method: COORDINATION_METHOD, accounting: market.accounting },
  };
}
