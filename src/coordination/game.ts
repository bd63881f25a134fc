/**
 * The coordination game's solver state (docs/coordination.md, sections 4-5): search bounds and
 * kinks of each country's stock, payoffs and marginals of any group, best responses,
 * Gauss-Seidel sweeps, profiles, the flat-split test and the best level of a rule.
 */
import type { Profile } from "./coordinate";
import type { Market } from "./market";
import { maximizeOnInterval } from "./maximize";
import type { PayoffModel } from "./payoff";

/** Convergence: every stock moves by less than this fraction of its search interval in a sweep. */
const SWEEP_TOLERANCE = 1e-12;
/** Two equilibria are the same when every stock agrees to this fraction of its search interval. */
const SAME_EQUILIBRIUM = 1e-7;

/** The game's solver state: model, bounds and kinks. */
export class Game {
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

export function sameProfile(a: Float64Array, b: Float64Array, upper: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) if (Math.abs(a[j]! - b[j]!) > SAME_EQUILIBRIUM * upper[j]!) return false;
  return true;
}
