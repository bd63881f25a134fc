/**
 * A five-country market for the coordination model: the US, China, Japan, India and Korea,
 * world accounting, in barrels. Every number carries its year and source in IEA2022_SOURCES;
 * the ones marked `assumption: true` are the author's choices, not data, and are the ones to
 * vary (coordinationMonteCarlo draws the two least certain: China's stock and the elasticity).
 */
import type { ProposedRelease } from "./joint-release";
import type { MarketInput } from "./market";
import type { CoordinationUncertainty } from "./montecarlo";
import { deepFreeze } from "../freeze";

/** Where a number of the preset comes from. */
export interface Provenance {
  /** Dotted path in the market, e.g. "countries.US.imports". */
  field: string;
  value: number;
  unit: string;
  year: string;
  source: string;
  /** True when the value is an assumption rather than a sourced figure. */
  assumption: boolean;
}

const MB = 1e6; // barrels per million barrels

/** Kilian & Murphy (2014) short-run demand elasticity, used for every country and the world [assumption]. */
const ELASTICITY = -0.26;
/** Holding cost: midpoint of the IEA's 7-10 USD/bbl/yr [assumption: the same for every country]. */
const HOLDING_COST = 8.5;
/** ORNL Oil Import Premium model, mid GDP-loss coefficient u_gdp (pleiby/oip_py OIP.py) [assumption: every country]. */
const U_GDP = 0.032;

const country = (name: string, imports: number, consumption: number, gdp: number, stock: number, maxDrawdown: number) => ({
  name, imports, consumption, elasticity: ELASTICITY, gdp, gdpForm: "price" as const, gdpCoefficient: U_GDP,
  holdingCost: HOLDING_COST, stock, capacity: Infinity, maxDrawdown,
});

/**
 * iea2022: the five importers/holders of seed 000 (Nov 2021) with 2020-2023 data. Three
 * disruption scenarios, all assumptions: a tight market (2% of world supply for 120 days,
 * 0.3 a year), a major outage (6% for 180 days, 0.05 a year; the 1990 Gulf War's scale) and a
 * severe one (15% for a year, 0.01 a year). Scenario 0 is the seed-000 joint-release case.
 */
export const iea2022: MarketInput = deepFreeze({
  accounting: "world",
  price: 80,
  priceFloor: 0,
  horizon: 365,
  worldSupply: 100 * MB,
  worldElasticity: ELASTICITY,
  disruptions: {
    kind: "scenarios",
    scenarios: [
      { severity: 0.02, duration: 120, rate: 0.3 },
      { severity: 0.06, duration: 180, rate: 0.05 },
      { severity: 0.15, duration: 365, rate: 0.01 },
    ],
  },
  countries: [
    country("US", (8.33 - 9.52) * MB, 20.28 * MB, 25.46e12, 727 * MB, 4.4 * MB),
    country("China", 11.28 * MB, 16 * MB, 17.96e12, 200 * MB, Infinity),
    country("Japan", 2.5 * MB, 3.3 * MB, 4.23e12, 470 * MB, Infinity),
    country("India", 4.5 * MB, 5 * MB, 3.39e12, 36.9 * MB, Infinity),
    country("Korea", 2.7 * MB, 2.6 * MB, 1.67e12, 96 * MB, Infinity),
  ],
});

/** Year and source of every number in iea2022; assumptions marked. */
export const IEA2022_SOURCES: readonly Provenance[] = deepFreeze([
  { field: "price", value: 80, unit: "USD/bbl", year: "Nov 2021", source: "seed 000 (SCMP, 17 Nov 2021): crude 'about 80 USD a barrel'", assumption: false },
  { field: "priceFloor", value: 0, unit: "USD/bbl", year: "-", source: "constant-elasticity demand", assumption: true },
  { field: "worldSupply", value: 100 * MB, unit: "bbl/day", year: "2022", source: "world liquids supply, about 100 MMbbl/d (IEA Oil Market Report / EIA STEO), rounded", assumption: true },
  { field: "worldElasticity", value: ELASTICITY, unit: "", year: "2014", source: "Kilian & Murphy 2014 (J. Applied Econometrics) short-run demand elasticity; Baumeister & Hamilton -0.35, Caldara et al. -0.13", assumption: true },
  { field: "countries.*.elasticity", value: ELASTICITY, unit: "", year: "2014", source: "as worldElasticity, applied to every country's import demand", assumption: true },
  { field: "countries.*.holdingCost", value: HOLDING_COST, unit: "USD/bbl/yr", year: "-", source: "midpoint of the IEA's 7-10 USD/bbl/yr (the paper: 5.11)", assumption: true },
  { field: "countries.*.gdpCoefficient", value: U_GDP, unit: "", year: "-", source: "ORNL Oil Import Premium model, mid u_gdp (low 0.01, high 0.054), price form", assumption: true },
  { field: "countries.*.capacity", value: Infinity, unit: "bbl", year: "-", source: "no capacity limit", assumption: true },
  { field: "disruptions.scenarios", value: 3, unit: "", year: "-", source: "2%/120 d/0.3 per yr; 6%/180 d/0.05 per yr (Gulf War 1990 scale); 15%/365 d/0.01 per yr", assumption: true },
  { field: "countries.US.imports", value: (8.33 - 9.52) * MB, unit: "bbl/day", year: "2022", source: "EIA: imports 8.33, exports 9.52 MMbbl/d (net exporter since 2020)", assumption: false },
  { field: "countries.US.consumption", value: 20.28 * MB, unit: "bbl/day", year: "2022", source: "EIA petroleum consumption, about 20.28 MMbbl/d", assumption: true },
  { field: "countries.US.gdp", value: 25.46e12, unit: "USD/yr", year: "2022", source: "World Bank WDI, current USD, rounded", assumption: true },
  { field: "countries.US.stock", value: 727 * MB, unit: "bbl", year: "Nov 2021", source: "seed 000 (SPR 727 Mbbl; low of 347 Mbbl mid-2023)", assumption: false },
  { field: "countries.US.maxDrawdown", value: 4.4 * MB, unit: "bbl/day", year: "-", source: "DOE SPR design drawdown rate", assumption: true },
  { field: "countries.China.imports", value: 11.28 * MB, unit: "bbl/day", year: "2023", source: "China customs, crude imports", assumption: false },
  { field: "countries.China.consumption", value: 16 * MB, unit: "bbl/day", year: "2023", source: "about 16 MMbbl/d, not sourced here", assumption: true },
  { field: "countries.China.gdp", value: 17.96e12, unit: "USD/yr", year: "2022", source: "World Bank WDI, current USD, rounded", assumption: true },
  { field: "countries.China.stock", value: 200 * MB, unit: "bbl", year: "Nov 2021", source: "seed 000 ('about 200 Mbbl'); 37.73 Mt ≈ 277 Mbbl in 2017 elsewhere: uncertain, drawn 200-277 in the Monte Carlo", assumption: true },
  { field: "countries.Japan.imports", value: 2.5 * MB, unit: "bbl/day", year: "2020", source: "crude imports about 2.5 MMbbl/d", assumption: false },
  { field: "countries.Japan.consumption", value: 3.3 * MB, unit: "bbl/day", year: "2020", source: "about 3.3 MMbbl/d, not sourced here", assumption: true },
  { field: "countries.Japan.gdp", value: 4.23e12, unit: "USD/yr", year: "2022", source: "World Bank WDI, current USD, rounded", assumption: true },
  { field: "countries.Japan.stock", value: 470 * MB, unit: "bbl", year: "Jan 2022", source: "state + private + joint stocks, about 470 Mbbl", assumption: false },
  { field: "countries.India.imports", value: 4.5 * MB, unit: "bbl/day", year: "2022", source: "about 4.5 MMbbl/d of crude, not sourced here", assumption: true },
  { field: "countries.India.consumption", value: 5 * MB, unit: "bbl/day", year: "2022", source: "about 5 MMbbl/d, not sourced here", assumption: true },
  { field: "countries.India.gdp", value: 3.39e12, unit: "USD/yr", year: "2022", source: "World Bank WDI, current USD, rounded", assumption: true },
  { field: "countries.India.stock", value: 36.9 * MB, unit: "bbl", year: "2021", source: "SPR 5.33 Mt ≈ 36.9 Mbbl ≈ 9.5 days", assumption: false },
  { field: "countries.Korea.imports", value: 2.7 * MB, unit: "bbl/day", year: "2020", source: "crude imports about 2.7 MMbbl/d (gross crude; Korea exports products)", assumption: false },
  { field: "countries.Korea.consumption", value: 2.6 * MB, unit: "bbl/day", year: "2020", source: "about 2.6 MMbbl/d, not sourced here", assumption: true },
  { field: "countries.Korea.gdp", value: 1.67e12, unit: "USD/yr", year: "2022", source: "World Bank WDI, current USD, rounded", assumption: true },
  { field: "countries.Korea.stock", value: 96 * MB, unit: "bbl", year: "2023", source: "government stocks about 96 Mbbl", assumption: false },
]);

/**
 * Seed 000's joint-release question in iea2022's scenario 0: the US releases 50 Mbbl (the Nov
 * 2021 announcement: 32 exchange + 18 sale), China 30 Mbbl (the hypothetical of the question),
 * India 5 Mbbl (announced), each spread over the scenario's 120 days [assumption: the pace].
 */
export const SEED000_RELEASES: Readonly<Record<"usOnly" | "usAndChina" | "announced", readonly ProposedRelease[]>> = deepFreeze({
  usOnly: [{ country: "US", rate: (50 * MB) / 120, days: 120 }],
  usAndChina: [{ country: "US", rate: (50 * MB) / 120, days: 120 }, { country: "China", rate: (30 * MB) / 120, days: 120 }],
  announced: [{ country: "US", rate: (50 * MB) / 120, days: 120 }, { country: "India", rate: (5 * MB) / 120, days: 120 }],
});

/** Coordination presets: iea2022. */
export const coordinationPresets = deepFreeze({ iea2022 });

/**
 * The uncertain inputs of iea2022 for coordinationMonteCarlo: the elasticity over the published
 * range (Caldara, Cavallo & Iacoviello -0.13 to Baumeister & Hamilton -0.35), China's stock from
 * the seed's 200 Mbbl to 277 Mbbl (37.73 Mt, 2017).
 */
export const IEA2022_UNCERTAINTY: CoordinationUncertainty = deepFreeze({
  elasticity: { low: -0.35, high: -0.13 },
  stocks: { China: { low: 200 * MB, high: 277 * MB } },
});
