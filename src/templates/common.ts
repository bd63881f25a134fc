/**
 * The sources the mineral templates cite, and the fields no source gives for any of the six
 * minerals (docs/minerals-data.md, "What no source gives"): those are the package's assumptions,
 * each with its reason and a distribution for monteCarlo.
 */
import type { Distribution } from "../analysis/distributions";
import type { TemplateField } from "./types";

/** The year the package's assumptions were made. */
export const ASSUMED_IN = 2026;

/** The source line of every assumption. */
export const ASSUMPTION_SOURCE = "assumption of optimal-reserve (no published value; docs/minerals-data.md, \"Templates\")";

/** USGS Mineral Commodity Summaries data sheets (third-party copies of the USGS originals, as read). */
export const USGS = {
  rareEarths2021: "USGS Mineral Commodity Summaries 2021, rare earths data sheet, https://docslib.org/doc/10507567/rare-earths1",
  gallium2011: "USGS Mineral Commodity Summaries 2011, gallium data sheet, https://www.yumpu.com/en/document/view/50709059/mineral-commodity-summaries-2011-environmental-and-energy-/61",
  galliumNews2019: "USGS technical announcement \"USGS updates mineral database with gallium deposits in the United States\", https://www.usgs.gov/news/technical-announcement/usgs-updates-mineral-database-gallium-deposits-united-states",
  cobalt2020: "USGS Mineral Commodity Summaries 2020, cobalt data sheet, https://docslib.org/doc/11841884/cobalt-data-sheet",
  lithium2023: "USGS Mineral Commodity Summaries 2023, lithium data sheet, https://www.scribd.com/document/640921058/Untitled",
  graphite2020: "USGS Mineral Commodity Summaries 2020, natural graphite data sheet, https://docslib.org/doc/3751976/graphite-data-sheet",
} as const;

/** Disruption events the event and size assumptions are read against. */
export const EVENTS = {
  rareEarthJapan2010: "China's rare-earth export stop to Japan, 21 Sep - 20 Nov 2010 (about 60 days): Global Trade Alert, state act 2092, https://www.globaltradealert.org/state-act/2092/china-temporary-export-restrictions-on-rare-earth-minerals-to-japan",
  gallium2023: "China's export licensing of gallium and germanium from 1 Aug 2023; exports plunged in August, first licences granted by 21 Sep 2023: Reuters, https://www.nasdaq.com/articles/china-approves-export-licences-for-chip-materials-gallium-germanium",
  cobalt2025: "DR Congo's cobalt export ban from February 2025, replaced on 16 Oct 2025 by quotas of 96,600 t/yr for 2026 and 2027: Africanews, 22 Sep 2025, https://www.africanews.com/2025/09/22/drc-set-to-replace-ban-on-cobalt-exports-with-strict-annual-quotas/",
  graphite2023: "China's export permits for natural flake graphite and some synthetic graphite from 1 Dec 2023: Reuters via The Straits Times, 20 Oct 2023, https://www.straitstimes.com/business/china-worlds-top-graphite-producer-to-curb-exports-of-key-battery-material",
  jogmec: "Japan's national stockpile target: generally 60 days, higher (\"such as 180 days\") for minerals with high geopolitical risk: IEA policy database, International Resource Strategy - National stockpiling system (updated 26 Oct 2023), https://origin.iea.org/policies/16639-international-resource-strategy-national-stockpiling-system",
} as const;

/** The model's own decision period (docs/model.md section 2). */
export const HORIZON: TemplateField = {
  value: 365, unit: "days", quality: "sourced", year: 2019,
  source: "Xie, Lin, Su & Pang (2019), the model's one-year decision period (docs/model.md section 2)",
};

/** An assumption field: value, unit, reason and the law monteCarlo samples it from. */
export function assumed(value: number, unit: string, why: string, distribution: Distribution): TemplateField {
  return { value, unit, source: ASSUMPTION_SOURCE, year: ASSUMED_IN, quality: "assumption", why, distribution };
}

/**
 * An assumption stated as `multiple` times the price `price` (USD/unit), with its law at that
 * price: marked `perPrice`, so that value and law follow a price the caller overrides.
 */
function assumedPerPrice(multiple: number, price: number, unit: string, why: string, distribution: Distribution): TemplateField {
  return { ...assumed(multiple * price, unit, why, distribution), perPrice: multiple };
}

/** A non-numeric assumption (a model switch): confirmed like the others, not sampled. */
export function assumedSwitch<V extends boolean | string>(value: V, why: string): TemplateField<V> {
  return { value, unit: "", source: ASSUMPTION_SOURCE, year: ASSUMED_IN, quality: "assumption", why };
}

/** A value printed in `source` for `year`. */
export function sourced(value: number, unit: string, source: string, year: number, why?: string): TemplateField {
  return why === undefined ? { value, unit, source, year, quality: "sourced" } : { value, unit, source, year, quality: "sourced", why };
}

/** A value computed from a sourced one (`why` says how). */
export function derived(value: number, unit: string, source: string, year: number, why: string): TemplateField {
  return { value, unit, source, year, quality: "derived", why };
}

/**
 * The highest observed price multiple: dysprosium oxide at 1,400-1,420 USD/kg at the end of 2011
 * (MCS 2016) against 215-240 in 2015 (MCS 2016) and 258 in 2020 (MCS 2021), about 6 times.
 */
const DY_2011_SPIKE = "dysprosium oxide stood at 1,400-1,420 USD/kg at the end of 2011, about 6 times its 2015 and 2020 prices (USGS MCS 2016, https://docslib.org/doc/1659904/mineral-commodity-summaries-2016, and MCS 2021), and was still bought";
/** The choke price as a multiple of P0: above the largest observed multiple (about 6, DY_2011_SPIKE). */
const CHOKE_MULTIPLE = 10;

/** P1 at the paper's ratio P1/P0 = 15/50.8 = 0.295 (oil's production-cost floor), rounded to 0.3; uniform over 0 to twice that. */
const FLOOR_SHARE = 0.3;

/**
 * The fields no source gives for any of the six minerals, at the price `price` (USD/unit) of the
 * template's unit: priceFloor, elasticity, storage costs, interest, the GDP term.
 */
export function unpublishedFields(price: number, unit: string) {
  const perUnit = `USD/${unit}`;
  return {
    priceFloor: assumedPerPrice(FLOOR_SHARE, price, perUnit,
      "no published floor of the import-demand curve; 0.3 P0, the ratio of the paper's oil case (15/50.8, a production-cost floor); sampled uniform from 0 to 0.6 P0",
      { type: "uniform", min: 0, max: 2 * FLOOR_SHARE * price }),
    elasticity: assumed(-0.15, "",
      "no published short-run import-demand elasticity; -0.15 is of the order of the paper's oil value (-0.1); sampled triangular on [-0.4, -0.05]",
      { type: "triangular", min: -0.4, mode: -0.15, max: -0.05 }),
    fixedCost: assumedPerPrice(0.01, price, `${perUnit}/yr`,
      "no published storage cost for this material; warehousing and insurance assumed at 1% of the value a year (beside the cost of capital i P0, 4% of the value, in MC = q0 (c + v + i P0)); sampled uniform 0.25% to 4%",
      { type: "uniform", min: 0.0025 * price, max: 0.04 * price }),
    variableCost: assumedPerPrice(0.005, price, `${perUnit}/yr`,
      "no published handling and rotation cost; assumed 0.5% of the value a year; sampled uniform 0 to 2%",
      { type: "uniform", min: 0, max: 0.02 * price }),
    interestRate: assumed(0.04, "1/yr",
      "the holder's own cost of capital (not a mineral statistic); 4% assumed; sampled uniform 2% to 7%",
      { type: "uniform", min: 0.02, max: 0.07 }),
    gdpElasticity: assumed(0, "",
      "no published output loss per unit of shortfall: 0, with the GDP term off (includeGdp false); not sampled",
      { type: "discrete", values: [0] }),
    gdp: assumed(0, "USD/yr",
      "unused while the GDP term is off; give the value added of the industries that depend on this mineral to add it; not sampled",
      { type: "discrete", values: [0] }),
    horizon: HORIZON,
    chokePrice: assumedPerPrice(CHOKE_MULTIPLE, price, perUnit,
      `no published price at which buyers stop, substitute or ration; ${DY_2011_SPIKE}: assumed above that, at 10 P0; sampled lognormal, mean 10 P0, sd 5 P0 (truncated above P0)`,
      { type: "lognormal", mean: CHOKE_MULTIPLE * price, sd: 0.5 * CHOKE_MULTIPLE * price }),
    gdpLossForm: assumedSwitch("linear" as const,
      "used only if you add the GDP term: the paper's form is unbounded at importDependence = 1 (gallium, graphite, rare earths), the linear form stays bounded"),
    includeGdp: assumedSwitch(false,
      "GDP term off: no published output loss per unit of shortfall, so z* weighs only the higher import bill (a lower bound on the benefit)"),
  };
}
