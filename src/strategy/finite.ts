/**
 * Guards against results beyond double range in the strategy models: a severity whose per-day loss
 * overflows (the consumer loss grows like (1 - σ)^(1 - m) with m = -1/ε, so σ near 1 with a small
 * |ε| exceeds 1.8e308 USD/day) is refused up front, naming the class and the elasticity, and a
 * simulation whose sums still overflow (e.g. a log price that wanders past e^700) is refused
 * rather than returned as Infinity or NaN.
 */
import * as kernel from "../../assembly/kernel/daily-loss";
import type { Params } from "../params";
import { invalid } from "../rules";
import type { ResolvedShocks } from "./inputs";

/**
 * Throw a ParameterError naming `classes[k].severity` if the per-day loss of class k with no
 * release, at the price P0, or the disruption price its releases sell at, is not finite.
 */
export function checkLossesFinite(p: Params, shocks: ResolvedShocks): void {
  const m = -1 / p.elasticity;
  const gdpRate = p.includeGdp ? (p.gdpElasticity * p.gdp) / p.horizon : 0;
  shocks.classes.forEach((c, k) => {
    const loss = kernel.domesticDailyLoss(p.imports, p.price, p.priceFloor, m, gdpRate, p.importDependence, c.severity, 0);
    const priceShape = kernel.shortfallPriceShape(c.severity, m);
    if (!Number.isFinite(loss) || !Number.isFinite(priceShape)) {
      throw invalid(`classes[${k}].severity`, c.severity,
        `a severity whose per-day loss stays below 1.8e308 USD/day at elasticity ${p.elasticity} (with m = -1/elasticity = ${m}, (1 - severity)^(1 - m) overflows here): a smaller severity or a larger |elasticity|`);
    }
  });
}

/** Throw a ParameterError if any of `values` (named) is not finite: the run's sums overflowed. */
export function checkSumsFinite(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isFinite(value)) {
      throw invalid(name, value, "a finite sum: the run overflows double range (a log price past e^700 or a loss near 1.8e308 USD/day); lower priceVolatility, the years, or the severity");
    }
  }
}
