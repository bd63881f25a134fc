/**
 * Expected payoffs of the coordination game and their exact gradient (docs/coordination.md,
 * "Payoffs" and "Gradient"). A country holding z_j units pays its holding cost c_j z_j a year
 * and suffers, in each disruption scenario, the per-day loss of assembly/kernel/daily-loss.ts
 * for the scenario's duration; U_j(z) = -Σ_k π_k D_k ℓ_jk(z) - c_j z_j (USD/yr).
 *
 * Releases in a scenario of duration D: each holder draws a_j = min(maxDrawdown_j, z_j/D)
 * units/day (its stock spread evenly over the disruption); when the holders together could
 * draw more than the shortfall σW, each releases pro rata, a_j σW/A, and the price is P̄.
 * Released oil is refilled at the normal price P̄ after the disruption, as in the paper, so in
 * world accounting a release earns (P - P̄) per unit.
 */
import { GDP_FORM } from "../strategy/daily-loss";
import { PAPER_INTEGRAND, type CoordinationKernel } from "./kernel";
import type { Country, Market } from "./market";

/** Geometric panels for the paper's law (20 Gauss-Legendre nodes each; relative error ~1e-14, docs). */
const PAPER_PANELS = 64;
/**
 * With nothing released the paper's integrand is singular at t = H; where the integral is
 * finite (m < 2 for the loss, m < 1 for its derivative) the last H 2^-40 of [0, H] is left out
 * (its share of the integral is below (2^-40)^(2-m) for the loss), with 200 panels.
 */
const PAPER_EMPTY_GAP = 2 ** -40;
const PAPER_EMPTY_PANELS = 200;

/**
 * Gradients are right derivatives; a stock within this relative distance below a kink (a
 * drawdown limit or the shortfall cap reached exactly) counts as at the kink, so that a best
 * response snapped to a kink gets the derivative past it whatever the last bit of rounding.
 */
const KINK_SIDE = 1 - 1e-12;

/** Per-country constants used in every evaluation. */
interface Player {
  q: number;
  m: number;
  gdpRate: number;
  gdpForm: number;
  d: number;
  cost: number;
  drawdown: number;
}

function gdpRate(c: Country, horizon: number): number {
  if (c.gdpForm === "none") return 0;
  return (c.gdp / horizon) * c.gdpCoefficient;
}

/** The payoff model of one market on one kernel backend. */
export class PayoffModel {
  readonly n: number;
  private readonly players: Player[];
  private readonly released: Float64Array;
  private readonly slopes: Float64Array;

  constructor(readonly market: Market, readonly kernel: CoordinationKernel) {
    this.n = market.countries.length;
    this.players = market.countries.map((c) => ({
      q: c.imports,
      m: -1 / c.elasticity,
      gdpRate: gdpRate(c, market.horizon),
      gdpForm: c.gdpForm === "price" ? GDP_FORM.price : GDP_FORM.paper,
      d: c.importDependence,
      cost: c.holdingCost,
      drawdown: c.maxDrawdown,
    }));
    this.released = new Float64Array(this.n);
    this.slopes = new Float64Array(this.n);
  }

  /** Holding cost c_j (USD/unit/yr). */
  cost(j: number): number {
    return this.players[j]!.cost;
  }

  /**
   * Expected annual loss of every country (USD/yr, excluding holding costs) at stocks z (units),
   * into `loss`; and, when `gradient` is given, ∂loss_i/∂z_j (USD/yr per unit) into
   * gradient[i n + j]. The derivative is the right derivative where a_j has a kink (a drawdown
   * or the shortfall cap binding exactly), which is what the best response's bisection needs.
   */
  evaluate(z: Float64Array, loss: Float64Array, gradient?: Float64Array): void {
    loss.fill(0);
    gradient?.fill(0);
    const d = this.market.disruptions;
    if (d.kind === "paper") {
      for (let i = 0; i < this.n; i++) this.paperDomestic(i, z[i]!, d.meanDisruption, loss, gradient);
      return;
    }
    for (const s of d.scenarios) {
      if (s.rate === 0) continue;
      if (this.market.accounting === "world") this.worldScenario(z, s.severity, s.duration, s.rate, loss, gradient);
      else this.domesticScenario(z, s.severity, s.duration, s.rate, loss, gradient);
    }
  }

  /** Draw rates a_j (units/day) in a disruption of `duration` days into `released`, slopes ∂a_j/∂z_j into `slopes`. */
  private draw(z: Float64Array, duration: number): void {
    for (let j = 0; j < this.n; j++) {
      const spread = z[j]! / duration;
      const cap = this.players[j]!.drawdown;
      this.released[j] = spread < cap ? spread : cap;
      this.slopes[j] = spread < cap * KINK_SIDE ? 1 / duration : 0;
    }
  }

  private domesticScenario(
    z: Float64Array, severity: number, duration: number, rate: number, loss: Float64Array, gradient?: Float64Array,
  ): void {
    const { price, priceFloor } = this.market;
    this.draw(z, duration);
    for (let i = 0; i < this.n; i++) {
      const p = this.players[i]!;
      const release = this.released[i]! / p.q; // days of imports per day
      const weight = rate * duration;
      loss[i]! += weight * this.kernel.domesticDailyLoss(p.q, price, priceFloor, p.m, p.gdpRate, p.d, severity, release);
      if (gradient) {
        const value = this.kernel.domesticReleaseValue(p.q, price, priceFloor, p.m, p.gdpRate, p.d, severity, release);
        gradient[i * this.n + i] = gradient[i * this.n + i]! - (weight * value * this.slopes[i]!) / p.q;
      }
    }
  }

  private worldScenario(
    z: Float64Array, severity: number, duration: number, rate: number, loss: Float64Array, gradient?: Float64Array,
  ): void {
    const { price, priceFloor, worldSupply, worldElasticity, restOfWorld } = this.market;
    const k = this.kernel;
    this.draw(z, duration);
    let available = Math.min(restOfWorld.maxDrawdown, restOfWorld.stock / duration);
    for (let j = 0; j < this.n; j++) available += this.released[j]!;
    const shortfall = severity * worldSupply;
    const scale = available > shortfall ? shortfall / available : 1;
    const total = available * scale;
    const mw = -1 / worldElasticity;
    const worldPrice = k.worldPrice(price, priceFloor, mw, severity, total, worldSupply);
    const weight = rate * duration;
    for (let i = 0; i < this.n; i++) {
      const p = this.players[i]!;
      const own = this.released[i]! * scale;
      // Refill at P̄ after the disruption: the release earns P - P̄ per unit.
      loss[i]! += weight * (k.worldDailyLoss(p.q, price, priceFloor, p.m, worldPrice, own, p.gdpRate, p.d, p.gdpForm) + price * own);
    }
    // Past the shortfall cap the price is P̄ and a unit released earns P̄ - P̄ = 0: no gradient.
    if (!gradient || available >= shortfall * KINK_SIDE) return;
    const supply = 1 - severity + total / worldSupply;
    // dP/dR = -m_w (P̄ - P1) v^(-m_w - 1) / W, v the supply left as a share of normal.
    const priceSlope = (-mw * (price - priceFloor) * Math.exp((-mw - 1) * Math.log(supply))) / worldSupply;
    const span = price - priceFloor;
    const u = (worldPrice - priceFloor) / span;
    for (let i = 0; i < this.n; i++) {
      const p = this.players[i]!;
      const dLossdPrice = this.lossPriceSlope(p, u, worldPrice, span) - this.released[i]!;
      for (let j = 0; j < this.n; j++) {
        const own = i === j ? price - worldPrice : 0; // ∂loss_i/∂r_i = -P + P̄
        gradient[i * this.n + j]! += weight * (dLossdPrice * priceSlope + own) * this.slopes[j]!;
      }
    }
  }

  /**
   * ∂(per-day loss)/∂P excluding the own-release term (units/day): the imports still bought,
   * q u^(-1/m) (importers; the derivative of q (P̄ - P1) J(u)), or q (exporters), plus the GDP
   * term's slope: paper form gdpRate d c'(P)/(1 - d c)² with c = 1 - u^(-1/m), price form gdpRate/P.
   */
  private lossPriceSlope(p: Player, u: number, worldPrice: number, span: number): number {
    if (p.q < 0) return p.q + (p.gdpForm === GDP_FORM.price ? p.gdpRate / worldPrice : 0);
    const kept = Math.exp(-Math.log(u) / p.m);
    let slope = p.q * kept;
    if (p.gdpRate === 0) return slope;
    if (p.gdpForm === GDP_FORM.price) return slope + p.gdpRate / worldPrice;
    const cut = 1 - kept;
    const denominator = 1 - p.d * cut;
    slope += (p.gdpRate * p.d * (kept / (u * p.m * span))) / (denominator * denominator);
    return slope;
  }

  /**
   * The paper's continuous law, domestic accounting: loss_i = ∫_{Hc}^{H} f(t) H ℓ(t/H, r) dt with
   * r = min(maxDrawdown/q, z/(q H)) (days of imports per day) and c = min(r, 1), the disruption
   * size the release covers; ∂loss_i/∂z_i = -∫ f(t) releaseValue(t/H, r) dt / (q H) × H (the
   * boundary term vanishes: the loss is 0 at t = Hc). Integrated in the kernel
   * (paperExpectation: y = H - t + Hc on geometric panels from Hc, where the integrand is steepest, to H).
   */
  private paperDomestic(i: number, z: number, lambda: number, loss: Float64Array, gradient?: Float64Array): void {
    const { price, priceFloor, horizon: H } = this.market;
    const p = this.players[i]!;
    const k = this.kernel;
    const spread = z / (p.q * H);
    const capRate = p.drawdown / p.q;
    const release = spread < capRate ? spread : capRate;
    const slope = spread < capRate ? 1 / (p.q * H) : 0;
    const covered = Math.min(release, 1);
    if (covered >= 1) return;
    let lower = H * covered;
    let panels = PAPER_PANELS;
    let lossInfinite = false;
    let valueInfinite = false;
    if (covered === 0) {
      lossInfinite = p.m >= 2;
      valueInfinite = p.m >= 1;
      lower = H * PAPER_EMPTY_GAP;
      panels = PAPER_EMPTY_PANELS;
    }
    const expectation = (which: number) =>
      k.paperExpectation(p.q, price, priceFloor, p.m, p.gdpRate, p.d, H, lambda, release, lower, panels, which);
    loss[i] = lossInfinite ? Infinity : expectation(PAPER_INTEGRAND.loss);
    if (!gradient) return;
    const value = valueInfinite ? Infinity : expectation(PAPER_INTEGRAND.releaseValue);
    // d loss/d release = -H ∫ f releaseValue dt (release in days/day, loss H x per-day); × ∂release/∂z.
    gradient[i * this.n + i] = slope === 0 ? 0 : -H * value * slope;
  }
}
