/**
 * The joint-release question (docs/coordination.md, "Joint release"): in one world disruption,
 * what do the holders' proposed releases do to the world price, and what does each country gain
 * from its own release and from the others'?
 */
import type { BackendName } from "../backend/types";
import type { Meta } from "../meta";
import { GDP_FORM, type DailyLossKernel } from "../strategy/daily-loss";
import { coordinationKernel } from "./kernel";
import { VERSION } from "../version";
import { checkBackend, checkKnownOptions, checkOptions } from "../rules";
import { hashMarket } from "./coordinate";
import { checkFiniteResult, checkKeys, fieldError, normalizeMarket, type Market, type MarketInput, type DisruptionScenario } from "./market";

/** One holder's proposed release. */
export interface ProposedRelease {
  /** A country of the market. */
  country: string;
  /** Release rate (units/day), at most the country's maxDrawdown. */
  rate: number;
  /** Days it lasts from the start of the disruption (rate x days at most the country's stock). */
  days: number;
}

/** Options of jointRelease(). */
export interface JointReleaseOptions {
  /** Index of the market's scenario to use (default 0). */
  scenario?: number;
  backend?: BackendName | "auto";
}

/** One country's outcome, USD over the whole disruption. */
export interface CountryRelease {
  name: string;
  /** Units it releases in the disruption (rate x days, cut at the disruption's end). */
  released: number;
  /** Loss with no release by anyone. */
  lossWithout: number;
  /** Loss with every proposed release. */
  lossWith: number;
  /** lossWithout - lossWith = spillover + ownGain. */
  gain: number;
  /** Gain from the others' releases alone: lossWithout - loss(others release, it does not). */
  spillover: number;
  /** What its own release adds given the others': loss(others only) - lossWith. */
  ownGain: number;
}

/** A stretch of the disruption with a constant total release and price. */
export interface PricePiece {
  /** Start and end (days from the disruption's start). */
  from: number;
  to: number;
  /** Total release (units/day). */
  totalRelease: number;
  /** World price (USD/unit). */
  price: number;
}

export interface JointReleaseResult {
  scenario: DisruptionScenario;
  /** World price with no release, and while every proposed release runs (USD/unit). */
  price: { normal: number; without: number; with: number };
  /** The price over the disruption, piece by piece (releases end at different times). */
  pieces: PricePiece[];
  countries: CountryRelease[];
  /** Σ gains (USD). */
  totalGain: number;
  /** Release units beyond the shortfall (they cannot push the price below normal): a note, or undefined. */
  note?: string;
  meta: Meta & { accounting: "world" };
}

/**
 * Loss (USD) of each country over the disruption when the releases `rates` (units/day, ending
 * at `ends`, days) are made: per piece between release ends, the world price of the total
 * release and each country's world per-day loss (refill at P̄ as in coordinate), times its length.
 */
function losses(market: Market, k: DailyLossKernel, s: DisruptionScenario, rates: number[], ends: number[], pieces?: PricePiece[]): number[] {
  const { price, priceFloor, worldSupply, worldElasticity, horizon } = market;
  const cuts = [...new Set([0, ...ends.filter((e) => e > 0 && e < s.duration), s.duration])].sort((a, b) => a - b);
  const out = market.countries.map(() => 0);
  for (let p = 0; p + 1 < cuts.length; p++) {
    const from = cuts[p]!;
    const to = cuts[p + 1]!;
    const active = rates.map((r, j) => (ends[j]! > from ? r : 0));
    const total = active.reduce((a, b) => a + b, 0);
    const shortfall = s.severity * worldSupply;
    const scale = total > shortfall ? shortfall / total : 1; // units past the shortfall sell at P̄: no effect
    const worldPrice = k.worldPrice(price, priceFloor, -1 / worldElasticity, s.severity, total, worldSupply);
    pieces?.push({ from, to, totalRelease: total, price: worldPrice });
    market.countries.forEach((c, i) => {
      const own = active[i]! * scale;
      const gdpRate = c.gdpForm === "none" ? 0 : (c.gdp / horizon) * c.gdpCoefficient;
      const form = c.gdpForm === "price" ? GDP_FORM.price : GDP_FORM.paper;
      out[i]! += (to - from) * (k.worldDailyLoss(c.imports, price, priceFloor, -1 / c.elasticity, worldPrice, own, gdpRate, c.importDependence, form) + price * own);
    });
  }
  return out;
}

/**
 * For one disruption scenario of a world-accounting market and a proposed release by each
 * holder, the world price with and without the releases and, for each country, its loss without
 * and with them and its gain split into the spillover (from the others' releases) and its own
 * release's gain given the others' (USD over the disruption). Released oil is refilled at the
 * normal price after the disruption, so a release earns P - P̄ per unit; units released beyond
 * the shortfall leave the price at P̄ (they earn nothing). Countries not listed release nothing;
 * the rest of the world's stock is not drawn.
 *
 * Throws ParameterError for an invalid market, domestic accounting (no world price), an unknown
 * or repeated country, a release with a key other than country, rate and days, a rate above maxDrawdown, a volume above the current stock, a bad scenario
 * index, options that are not an object or carry an unknown key, an unknown backend, or
 * magnitudes whose money overflows (never a NaN result).
 */
export function jointRelease(input: MarketInput, releases: ProposedRelease[], options: JointReleaseOptions = {}): JointReleaseResult {
  const market = normalizeMarket(input);
  checkKnownOptions(checkOptions("options", options), ["scenario", "backend"]);
  if (market.accounting !== "world") throw fieldError("accounting", market.accounting, '"world" (a joint release moves the world price)');
  if (market.disruptions.kind !== "scenarios") throw fieldError("disruptions.kind", market.disruptions.kind, '"scenarios"');
  const index = options.scenario ?? 0;
  const scenarios = market.disruptions.scenarios;
  if (!Number.isInteger(index) || index < 0 || index >= scenarios.length) throw fieldError("scenario", index, `an integer 0..${scenarios.length - 1}`);
  const s = scenarios[index]!;
  const names = market.countries.map((c) => c.name);
  const rates = names.map(() => 0);
  const ends = names.map(() => 0);
  if (!Array.isArray(releases)) throw fieldError("releases", releases, "an array of { country, rate, days }");
  const listed = new Set<string>();
  releases.forEach((r, k) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw fieldError(`releases[${k}]`, r, "an object { country, rate, days }");
    checkKeys(`releases[${k}]`, r, ["country", "rate", "days"]);
    const j = names.indexOf(r?.country);
    if (j < 0) throw fieldError(`releases[${k}].country`, r?.country, `one of ${names.join(", ")}`);
    if (listed.has(r.country)) throw fieldError(`releases[${k}].country`, r.country, "each country at most once");
    listed.add(r.country);
    const c = market.countries[j]!;
    if (typeof r.rate !== "number" || !(r.rate >= 0) || r.rate > c.maxDrawdown) throw fieldError(`releases[${k}].rate`, r.rate, `0 <= rate <= maxDrawdown = ${c.maxDrawdown} (units/day)`);
    if (typeof r.days !== "number" || !(r.days >= 0) || !Number.isFinite(r.days)) throw fieldError(`releases[${k}].days`, r.days, "days >= 0, finite");
    if (r.rate * r.days > c.stock * (1 + 1e-12)) throw fieldError(`releases[${k}]`, r.rate * r.days, `rate x days <= ${c.name}'s stock = ${c.stock} (units)`);
    rates[j] = r.rate;
    ends[j] = Math.min(r.days, s.duration);
  });
  const k = coordinationKernel(checkBackend(options.backend));
  const none = names.map(() => 0);
  const pieces: PricePiece[] = [];
  const without = losses(market, k, s, none, none);
  const withAll = losses(market, k, s, rates, ends, pieces);
  const countries = market.countries.map((c, i): CountryRelease => {
    const othersRates = rates.map((r, j) => (j === i ? 0 : r));
    const othersOnly = losses(market, k, s, othersRates, ends)[i]!;
    return {
      name: c.name,
      released: rates[i]! * ends[i]!,
      lossWithout: without[i]!,
      lossWith: withAll[i]!,
      gain: without[i]! - withAll[i]!,
      spillover: without[i]! - othersOnly,
      ownGain: othersOnly - withAll[i]!,
    };
  });
  const first = pieces[0]!;
  const excess = first.totalRelease - s.severity * market.worldSupply;
  const mw = -1 / market.worldElasticity;
  const result: JointReleaseResult = {
    scenario: s,
    price: { normal: market.price, without: k.worldPrice(market.price, market.priceFloor, mw, s.severity, 0, market.worldSupply), with: first.price },
    pieces,
    countries,
    totalGain: countries.reduce((a, c) => a + c.gain, 0),
    ...(excess > 0 ? { note: `releases exceed the shortfall by ${excess} units/day at the start; the excess leaves the price at normal and earns nothing` } : {}),
    meta: { version: VERSION, backend: k.backend, paramsHash: hashMarket(market), accounting: "world" },
  };
  checkFiniteResult({ price: result.price, pieces: result.pieces, countries: result.countries });
  return result;
}
