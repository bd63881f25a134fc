/**
 * The joint-release inputs of the coordination panel as text (scenario, days, each country's
 * volume in Mbbl) and their validation against the market: every bad field gets its own message
 * in the library's one format, `invalid <name>: got <text>; allowed: <range> (<unit>)`, in the
 * units the page shows (Mbbl, days), before jointRelease sees it.
 */
import { normalizeMarket, readNumber, type Market, type MarketInput, type ProposedRelease } from "../../src/index";

/** Barrels per Mbbl (million barrels), the panel's unit of volume. */
export const MBBL = 1e6;

/** The panel's release fields as text. */
export interface ReleaseState {
  /** Index of the market's disruption scenario. */
  scenario: number;
  /** How long every release lasts, from the disruption's start (days). */
  days: string;
  /** Volume released by each country over those days (Mbbl), by country name. */
  volumes: Record<string, string>;
}

/** Valid releases (and the scenario), or the errors by field key ("days" or a country name). */
export interface ReadRelease {
  releases: ProposedRelease[] | undefined;
  errors: Map<string, string>;
}

/** A number of Mbbl as the fields show it: up to 3 decimals, no trailing zeros. */
export const formatMbbl = (units: number) => String(Math.round((units / MBBL) * 1000) / 1000);

/** A number of Mbbl as the tables show it: up to 3 decimals, thousands grouped ("1,888.2"). */
export const showMbbl = (units: number) => (units / MBBL).toLocaleString("en-US", { maximumFractionDigits: 3 });

/**
 * The largest volume a country can release in `days` (units): its current stock, or its drawdown
 * limit times the days when that is smaller (jointRelease refuses either excess).
 */
export function maxRelease(market: Market, name: string, days: number): number {
  const c = market.countries.find((x) => x.name === name)!;
  return Math.min(c.stock, c.maxDrawdown * days);
}

/** Why a country's volume is limited, for its range text: "stock 727 Mbbl; drawdown 4.4 Mbbl/day × 120 days = 528 Mbbl". */
export function limitText(market: Market, name: string, days: number): string {
  const c = market.countries.find((x) => x.name === name)!;
  const stock = `stock ${formatMbbl(c.stock)} Mbbl`;
  if (!Number.isFinite(c.maxDrawdown)) return stock;
  return `${stock}; drawdown ${formatMbbl(c.maxDrawdown)} Mbbl/day × ${days} days = ${formatMbbl(c.maxDrawdown * days)} Mbbl`;
}

/**
 * Validate the release fields for `input` (a world-accounting market with scenarios). Days: a
 * number in (0, duration of the scenario]; each volume: a number in [0, maxRelease] Mbbl. A
 * country with volume 0 is left out of the releases (it releases nothing). Returns the releases
 * as jointRelease takes them (rate = volume / days, units/day) when every field is valid.
 */
export function readRelease(input: MarketInput, state: ReleaseState): ReadRelease {
  const market = normalizeMarket(input);
  const errors = new Map<string, string>();
  if (market.disruptions.kind !== "scenarios") throw new Error("the coordination panel needs a market with disruption scenarios");
  const duration = market.disruptions.scenarios[state.scenario]!.duration;
  const days = readNumber(state.days);
  const daysOk = days > 0 && days <= duration;
  if (!daysOk) {
    errors.set("days", `invalid release days: got ${JSON.stringify(state.days)}; allowed: 0 < days <= ${duration} (days, the scenario's duration)`);
  }
  const releases: ProposedRelease[] = [];
  for (const c of market.countries) {
    const text = state.volumes[c.name] ?? "0";
    const volume = readNumber(text) * MBBL;
    // Without valid days the upper limit is unknown: check the sign and the stock only.
    const top = daysOk ? maxRelease(market, c.name, days) : c.stock;
    // A volume typed to the shown 3 decimals of the limit counts as the limit.
    if (!(volume >= 0 && volume <= top + 5e-4 * MBBL)) {
      const why = daysOk ? limitText(market, c.name, days) : `stock ${formatMbbl(c.stock)} Mbbl`;
      errors.set(c.name, `invalid ${c.name} release: got ${JSON.stringify(text)}; allowed: 0 <= release <= ${formatMbbl(top)} (Mbbl; ${why})`);
      continue;
    }
    // Capped so that a volume at the limit is not refused for the last bit of rounding.
    if (volume > 0 && daysOk) releases.push({ country: c.name, rate: Math.min(Math.min(volume, top) / days, c.maxDrawdown), days });
  }
  return errors.size > 0 ? { releases: undefined, errors } : { releases, errors };
}
