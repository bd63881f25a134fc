/**
 * Where a profile of the coordination model sits on a bound or a kink (docs/coordination.md,
 * "Best responses"): a stock at zero, at its capacity, at the most any scenario can draw, or at a
 * scenario's drawdown limit (D × maxDrawdown); and, for the group, releases that exactly cover a
 * scenario's whole shortfall σW. The model's optima are often such corners, and the page says so.
 */
import type { Market } from "../../src/index";
import { showMbbl } from "./coordination-inputs";

/**
 * Two quantities are equal when they agree to this fraction of the larger: the library's
 * equilibria are distinct only beyond 1e-7 of a stock's search interval.
 */
const SAME = 1e-7;
const same = (a: number, b: number) => Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b));

/** Per-country notes and the group's notes of one profile. */
export interface Bounds {
  countries: string[][];
  group: string[];
}

/** The bounds and kinks stocks `units` (one per country, units) sit on in a world-accounting market with scenarios. */
export function boundsOf(market: Market, units: readonly number[]): Bounds {
  const scenarios = market.disruptions.kind === "scenarios" ? market.disruptions.scenarios : [];
  const world = market.accounting === "world";
  const countries = market.countries.map((c, j) => {
    const z = units[j]!;
    const notes: string[] = [];
    // The most any scenario can draw: beyond it a stock is never released (the library's search bound).
    const saturation = Math.max(...scenarios.map((s) => s.duration * Math.min(c.maxDrawdown, world ? s.severity * market.worldSupply : s.severity * c.imports)));
    if (z <= SAME * saturation) notes.push("at zero");
    if (Number.isFinite(c.capacity) && same(z, c.capacity)) notes.push("at capacity");
    else if (Number.isFinite(saturation) && same(z, saturation)) notes.push("at the most any scenario can draw");
    scenarios.forEach((s, k) => {
      if (Number.isFinite(c.maxDrawdown) && same(z, s.duration * c.maxDrawdown)) notes.push(`at the drawdown limit of scenario ${k + 1} (D × maxDrawdown)`);
    });
    return notes;
  });
  const group: string[] = [];
  if (world) {
    scenarios.forEach((s, k) => {
      const row = market.restOfWorld;
      let rate = Math.min(row.maxDrawdown, row.stock / s.duration);
      market.countries.forEach((c, j) => {
        rate += Math.min(c.maxDrawdown, units[j]! / s.duration);
      });
      if (same(rate, s.severity * market.worldSupply)) {
        group.push(`the releases exactly cover scenario ${k + 1}'s whole shortfall (σWD = ${showMbbl(s.severity * market.worldSupply * s.duration)} Mbbl over ${s.duration} days): a kink`);
      }
    });
  }
  return { countries, group };
}
