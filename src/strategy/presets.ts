/**
 * Shock and rule presets for the strategy models, with provenance on every number (value, unit,
 * source, year). Numbers a model needs that no source gives (world supply, the price process, how
 * a world-supply cut maps to a country's imports, mean durations read from ranges) are marked
 * `assumption: true` and say what they change (docs/strategy.md, "Presets").
 */
import { deepFreeze } from "../freeze";
import { checkNumber, invalid } from "../rules";
import type { Shocks, StrategyRule } from "./inputs";

/** A number with its provenance. */
export interface Sourced {
  value: number;
  unit: string;
  source: string;
  /** Year of the source (or of the data). */
  year: number;
  /** True where the number is the package's assumption, not a published figure. */
  assumption?: boolean;
  note?: string;
}

const EMF = "Beccue, Huntington, Leiby & Vincent, EMF SR 10 (Energy Modeling Forum, Stanford), emf.stanford.edu";
const OIP = "ORNL Oil Import Premium model, pleiby/oip_py OIP.py";
const IEA = "IEA, via GovExec 2006";

/** Published numbers the presets are built from (EXTENSIONS of the paper's section 三). */
export const STRATEGY_EVIDENCE = deepFreeze({
  /** EMF SR 10: chance of at least one disruption of the size and length in 2016-25, net of offsets, excluding the SPR. */
  emf: {
    atLeast2MmbdFor1Month: { value: 0.8, unit: "probability per decade", source: EMF, year: 2018 },
    atLeast2MmbdFor6Months: { value: 0.63, unit: "probability per decade", source: EMF, year: 2018 },
    atLeast2MmbdFor18Months: { value: 0.37, unit: "probability per decade", source: EMF, year: 2018 },
    atLeast3Mmbd: { value: 0.67, unit: "probability per decade", source: EMF, year: 2018 },
    atLeast5Mmbd: { value: 0.42, unit: "probability per decade", source: EMF, year: 2018 },
  },
  /** ORNL Oil Import Premium disruption classes: size and probability per decade. */
  ornlClasses: [
    { size: { value: 1, unit: "MMbbl/d", source: OIP, year: 2023 }, decadeProbability: { value: 0.2526, unit: "probability per decade", source: OIP, year: 2023 } },
    { size: { value: 3, unit: "MMbbl/d", source: OIP, year: 2023 }, decadeProbability: { value: 0.3644, unit: "probability per decade", source: OIP, year: 2023 } },
    { size: { value: 6, unit: "MMbbl/d", source: OIP, year: 2023 }, decadeProbability: { value: 0.1271, unit: "probability per decade", source: OIP, year: 2023 } },
  ],
  /** ORNL: disruptions last 1-2 years; the presets use the midpoint. */
  ornlDuration: { value: 547.5, unit: "days", source: `${OIP} (1-2 years; midpoint)`, year: 2023, assumption: true, note: "mean of a memoryless duration read as the midpoint of the range" } as Sourced,
  /** Historical disruptions (gross loss, months as given). */
  iea: [
    { label: "1973-74", size: { value: 4.3, unit: "MMbbl/d", source: IEA, year: 2006 }, months: { value: 6, unit: "months (Oct-Mar)", source: IEA, year: 2006 } },
    { label: "1978-79", size: { value: 5.6, unit: "MMbbl/d", source: IEA, year: 2006 }, months: { value: 6, unit: "months (Nov-Apr)", source: IEA, year: 2006 } },
    { label: "1980-81", size: { value: 4.1, unit: "MMbbl/d", source: IEA, year: 2006 }, months: { value: 3, unit: "months", source: "assumption (not in the source)", year: 2006, assumption: true } },
    { label: "1990-91", size: { value: 4.3, unit: "MMbbl/d", source: IEA, year: 2006 }, months: { value: 6, unit: "months (Aug-Jan)", source: IEA, year: 2006 } },
    { label: "2002-03", size: { value: 2.6, unit: "MMbbl/d", source: IEA, year: 2006 }, months: { value: 3, unit: "months", source: "assumption (not in the source)", year: 2006, assumption: true } },
  ],
  /** US Strategic Petroleum Reserve: drawdown capacity and the decision lag. */
  usSpr: {
    designDrawdown: { value: 4.4, unit: "MMbbl/d", source: "CRS R42460", year: 2018 } as Sourced,
    effectiveDrawdownLow: { value: 1.2, unit: "MMbbl/d", source: "Leiby et al., ORNL SPR drawdown study", year: 2015 } as Sourced,
    decisionToMarket: { value: 13, unit: "days", source: "DOE / CRS R42460", year: 2018 } as Sourced,
  },
  /** The 2022 emergency sale and the refill after it. */
  sale2022: {
    rate: { value: 1, unit: "MMbbl/d", source: "DOE", year: 2022 } as Sourced,
    months: { value: 6, unit: "months", source: "DOE", year: 2022 } as Sourced,
    averagePrice: { value: 96, unit: "USD/bbl", source: "DOE", year: 2022 } as Sourced,
    buyBackLow: { value: 67, unit: "USD/bbl (WTI)", source: "DOE buy-back window, Oct 2022", year: 2022 } as Sourced,
    buyBackHigh: { value: 72, unit: "USD/bbl (WTI)", source: "DOE buy-back window, Oct 2022", year: 2022 } as Sourced,
    laterBuyPrice: { value: 79, unit: "USD/bbl", source: "DOE; S&P Global", year: 2023 } as Sourced,
    refillRate: { value: 3, unit: "MMbbl/month", source: "DOE; S&P Global (limited by site maintenance)", year: 2023 } as Sourced,
  },
  /** Normal-time price process: short-term factor of Schwartz & Smith (2000). Secondary: an assumption until checked. */
  price: {
    reversion: { value: 1.49, unit: "1/yr", source: "Schwartz & Smith 2000, Management Science 46(7), short-term factor (secondary)", year: 2000, assumption: true } as Sourced,
    volatility: { value: 0.286, unit: "1/sqrt(yr)", source: "Schwartz & Smith 2000, Management Science 46(7), short-term factor (secondary)", year: 2000, assumption: true } as Sourced,
  },
  /** World supply: turns a world cut in MMbbl/d into the share of imports a country loses (domestic reading). */
  worldSupply: { value: 100, unit: "MMbbl/d", source: "assumption (world oil supply, order of magnitude of the 2020s)", year: 2023, assumption: true,
    note: "severity = size / world supply: a country is assumed to lose the world's share of its imports; doubling it halves every severity" } as Sourced,
} as const);

/** Onset rate (1/yr) of events that happen at least once in a decade with probability p (Poisson). */
function ratePerYear(decadeProbability: number): number {
  return -Math.log1p(-decadeProbability) / 10;
}

const DAYS_PER_MONTH = 365 / 12;

/** A shock preset: the process, and where each number came from. */
export interface ShockPreset {
  description: string;
  shocks: Shocks;
  /** The sourced numbers it was built from, and the assumptions it adds. */
  provenance: Record<string, Sourced | readonly unknown[]>;
}

function withPrice(shocks: Shocks): Shocks {
  return { ...shocks, priceReversion: STRATEGY_EVIDENCE.price.reversion.value, priceVolatility: STRATEGY_EVIDENCE.price.volatility.value };
}

/** The shock presets by name. */
export const SHOCK_PRESETS: Readonly<Record<string, ShockPreset>> = deepFreeze({
  "ornl-oip": {
    description: "ORNL Oil Import Premium classes (1 / 3 / 6 MMbbl/d), each a Poisson process with its decade probability; 1.5-year mean duration; severity = size / world supply (assumption); Schwartz-Smith price noise (assumption)",
    shocks: withPrice({
      onsetRate: STRATEGY_EVIDENCE.ornlClasses.reduce((sum, c) => sum + ratePerYear(c.decadeProbability.value), 0),
      classes: STRATEGY_EVIDENCE.ornlClasses.map((c) => ({
        name: `${c.size.value} MMbbl/d`,
        weight: ratePerYear(c.decadeProbability.value),
        severity: c.size.value / STRATEGY_EVIDENCE.worldSupply.value,
        meanDuration: STRATEGY_EVIDENCE.ornlDuration.value,
      })),
    }),
    provenance: { classes: STRATEGY_EVIDENCE.ornlClasses, duration: STRATEGY_EVIDENCE.ornlDuration, worldSupply: STRATEGY_EVIDENCE.worldSupply, ...STRATEGY_EVIDENCE.price },
  },
  "iea-historical": {
    description: "The five IEA disruptions 1973-2003 as equally weighted classes, onsets at 5 per 31 years; severity = size / world supply (assumption); Schwartz-Smith price noise (assumption)",
    shocks: withPrice({
      onsetRate: 5 / 31,
      classes: STRATEGY_EVIDENCE.iea.map((d) => ({
        name: d.label, weight: 1, severity: d.size.value / STRATEGY_EVIDENCE.worldSupply.value, meanDuration: d.months.value * DAYS_PER_MONTH,
      })),
    }),
    provenance: { disruptions: STRATEGY_EVIDENCE.iea, worldSupply: STRATEGY_EVIDENCE.worldSupply, ...STRATEGY_EVIDENCE.price,
      onsetRate: { value: 5 / 31, unit: "1/yr", source: `${IEA}: 5 disruptions in 1973-2003`, year: 2006 } },
  },
  "emf-sr10": {
    description: "EMF SR 10: disruptions of >= 2 MMbbl/d at the rate that gives 80% a decade for >= 1 month; memoryless durations whose mean (10.4 months) matches the 63% for >= 6 months (it then gives 27% for >= 18 months, EMF 37%; the >= 3 and >= 5 MMbbl/d figures are not represented); severity 3 MMbbl/d / world supply (assumption); Schwartz-Smith price noise (assumption)",
    shocks: withPrice({
      // Events lasting >= 1 month arrive at r1 = -ln(0.2)/10; >= 6 months at r6 = -ln(0.37)/10;
      // with exponential durations r6/r1 = e^(-5 months / D), so D = 5 months / ln(r1/r6).
      onsetRate: ratePerYear(STRATEGY_EVIDENCE.emf.atLeast2MmbdFor1Month.value) / Math.exp(-1 / emfMeanMonths()),
      classes: [{ name: "EMF >= 2 MMbbl/d", weight: 1, severity: 3 / STRATEGY_EVIDENCE.worldSupply.value, meanDuration: emfMeanMonths() * DAYS_PER_MONTH }],
    }),
    provenance: { ...STRATEGY_EVIDENCE.emf, worldSupply: STRATEGY_EVIDENCE.worldSupply, ...STRATEGY_EVIDENCE.price,
      severitySize: { value: 3, unit: "MMbbl/d", source: `assumption: between EMF's >= 2 MMbbl/d (80%) and >= 3 MMbbl/d (67%) classes`, year: 2018, assumption: true } },
  },
});

/** Mean duration (months) of memoryless EMF disruptions matching 80% (>= 1 month) and 63% (>= 6 months) a decade. */
function emfMeanMonths(): number {
  const r1 = ratePerYear(STRATEGY_EVIDENCE.emf.atLeast2MmbdFor1Month.value);
  const r6 = ratePerYear(STRATEGY_EVIDENCE.emf.atLeast2MmbdFor6Months.value);
  return 5 / Math.log(r1 / r6);
}

/**
 * The US SPR's rule in a country's units: design drawdown 4.4 MMbbl/d (or the effective 1.2 with
 * `effective`), the 13-day decision lag, the 2022 refill of 3 MMbbl/month bought below 79 USD/bbl,
 * converted to days of imports per day with `imports` (bbl/day, the country's q0).
 */
export function usSprRule(imports: number, targetStock: number, effective = false): StrategyRule {
  if (typeof imports !== "number" || !(Number.isFinite(imports) && imports > 0)) throw invalid("imports", imports, "a finite imports > 0 (bbl/day)");
  checkNumber("targetStock", targetStock, 0, Number.MAX_VALUE, "days of imports");
  if (typeof effective !== "boolean") throw invalid("effective", effective, "true (the effective drawdown) or false (the design drawdown)");
  const spr = STRATEGY_EVIDENCE.usSpr;
  const drawdown = (effective ? spr.effectiveDrawdownLow : spr.designDrawdown).value * 1e6;
  return {
    maxDrawdownRate: drawdown / imports,
    drawdownLag: spr.decisionToMarket.value,
    maxFillRate: (STRATEGY_EVIDENCE.sale2022.refillRate.value * 1e6) / DAYS_PER_MONTH / imports,
    buyBelowPrice: STRATEGY_EVIDENCE.sale2022.laterBuyPrice.value,
    targetStock,
  };
}

/** A shock preset by name; throws ParameterError listing the names. */
export function shockPreset(name: string): ShockPreset {
  if (typeof name !== "string" || !Object.hasOwn(SHOCK_PRESETS, name)) throw invalid("preset", name, Object.keys(SHOCK_PRESETS).join(", "));
  const preset = SHOCK_PRESETS[name]!;
  return preset;
}
