/**
 * Parameter templates of six critical minerals for the United States (the importer the USGS
 * figures describe), every value with its provenance (docs/minerals-data.md). Price, imports
 * and net import reliance come from the USGS Mineral Commodity Summaries where published; the
 * rest are the package's assumptions and must be accepted or overridden before a solve
 * (templateParams in ./index.ts).
 */
import { deepFreeze } from "../freeze";
import { PARAM_NAMES } from "../params";
import { EVENTS, USGS, assumed, derived, sourced, unpublishedFields } from "./common";
import { TEMPLATE_KIND, type ParameterTemplate, type TemplateFields } from "./types";

const DAYS_PER_YEAR = 365;
/** Pounds per kilogram: 1 lb = 0.45359237 kg exactly (international avoirdupois pound). */
const LB_PER_KG = 1 / 0.45359237;
/** Mass of Li2CO3 per mass of its lithium: 73.891 / (2 x 6.941) = 5.323 (standard atomic weights). */
const CARBONATE_PER_LITHIUM = 5.323;

const perDay = (perYear: number) => perYear / DAYS_PER_YEAR;

/** A template with its fields in parameter order (kernel order, includeGdp last), as every listing shows them. */
function template(t: Omit<ParameterTemplate, "kind">): ParameterTemplate {
  const fields = Object.fromEntries(PARAM_NAMES.map((name) => [name, t.fields[name]])) as unknown as TemplateFields;
  return { kind: TEMPLATE_KIND, ...t, fields };
}

/** All rare-earth compounds imported by the United States in 2020, t REO/yr (MCS 2021). */
const REE_IMPORTS_T = 6_700;

const reeImports = (what: string) => assumed(perDay(REE_IMPORTS_T * 1000), "kg/day",
  `no import figure for ${what} alone: all rare-earth compounds, 6,700 t REO in 2020 (${USGS.rareEarths2021}), /365, so an upper bound; ` +
  "z* in days does not depend on imports with the GDP term off, z* in kg does: override with your own imports; not sampled",
  { type: "discrete", values: [perDay(REE_IMPORTS_T * 1000)] });

const reeDependence = derived(1, "share", USGS.rareEarths2021, 2020,
  "net import reliance of rare-earth compounds and metals, 100% in 2016-2020 (all rare earths, not this oxide alone)");

/** Rare-earth export-control events: one sustained stop in 2010 and controls again in 2023-25 (EVENTS). */
const reeEvents = () => ({
  eventProbability: assumed(0.1, "per year",
    `no published frequency; one sustained stop in the sources read (${EVENTS.rareEarthJapan2010}), read as about one a decade; sampled uniform 0.03 to 0.3`,
    { type: "uniform", min: 0.03, max: 0.3 }),
  meanDisruption: assumed(60, "days of imports",
    `no published distribution of days lost; 60 days, the length of the 2010 stop to Japan (${EVENTS.rareEarthJapan2010}); sampled lognormal, mean 60, sd 40`,
    { type: "lognormal", mean: 60, sd: 40 }),
});

const ndpr = template({
  id: "ndpr-oxide",
  name: "NdPr oxide",
  form: "neodymium-praseodymium oxide",
  unit: "kg",
  importer: "United States",
  fields: {
    ...unpublishedFields(70, "kg"),
    price: assumed(70, "USD/kg",
      "no USGS NdPr oxide price found; a third-party aggregator attributes 73 USD/kg for neodymium oxide (2025) to the USGS MCS, not verified on a USGS sheet; sampled uniform 45 to 110",
      { type: "uniform", min: 45, max: 110 }),
    importDependence: reeDependence,
    imports: reeImports("NdPr oxide"),
    ...reeEvents(),
  },
  notes: [EVENTS.rareEarthJapan2010, EVENTS.jogmec],
});

const dysprosium = template({
  id: "dysprosium-oxide",
  name: "Dysprosium oxide",
  form: "dysprosium oxide, 99.5% minimum",
  unit: "kg",
  importer: "United States",
  fields: {
    ...unpublishedFields(258, "kg"),
    price: sourced(258, "USD/kg", USGS.rareEarths2021, 2020, "average price, Dy oxide 99.5% minimum"),
    importDependence: reeDependence,
    imports: reeImports("dysprosium oxide"),
    ...reeEvents(),
  },
  notes: [EVENTS.rareEarthJapan2010, EVENTS.jogmec],
});

const galliumImportsKg = 59_000;
const gallium = template({
  id: "gallium",
  name: "Gallium",
  form: "gallium metal (99.99999%)",
  unit: "kg",
  importer: "United States",
  fields: {
    ...unpublishedFields(670, "kg"),
    price: sourced(670, "USD/kg", USGS.gallium2011, 2010, "yearend price of 99.99999%-pure gallium, estimate"),
    importDependence: sourced(1, "share", USGS.galliumNews2019, 2019, "\"the U.S. relied on foreign sources for 100% of the gallium\""),
    imports: derived(perDay(galliumImportsKg), "kg/day", USGS.gallium2011, 2010,
      "imports for consumption 59,000 kg in 2010 (estimate), /365"),
    meanDisruption: assumed(45, "days of imports",
      `no published distribution of days lost; 45 days, of the order of the 2023 licensing gap (${EVENTS.gallium2023}); sampled lognormal, mean 45, sd 30`,
      { type: "lognormal", mean: 45, sd: 30 }),
    eventProbability: assumed(0.1, "per year",
      `no published frequency; one licensing shock in the sources read (${EVENTS.gallium2023}), read as about one a decade; sampled uniform 0.03 to 0.3`,
      { type: "uniform", min: 0.03, max: 0.3 }),
  },
  notes: [EVENTS.gallium2023, EVENTS.jogmec],
});

const cobaltPriceUsdPerLb = 17;
const cobaltImportsT = 13_600;
const cobalt = template({
  id: "cobalt",
  name: "Cobalt",
  form: "cobalt metal (cathode; imports in cobalt content)",
  unit: "t",
  importer: "United States",
  fields: {
    ...unpublishedFields(cobaltPriceUsdPerLb * LB_PER_KG * 1000, "t"),
    price: derived(cobaltPriceUsdPerLb * LB_PER_KG * 1000, "USD/t", USGS.cobalt2020, 2019,
      "U.S. spot cathode price 17.00 USD/lb in 2019 (estimate), x 2,204.62 lb/t"),
    importDependence: sourced(0.78, "share", USGS.cobalt2020, 2019, "net import reliance 78% of apparent consumption, 2019 (estimate)"),
    imports: derived(perDay(cobaltImportsT), "t/day", USGS.cobalt2020, 2019, "imports for consumption 13,600 t cobalt content in 2019 (estimate), /365"),
    meanDisruption: assumed(30, "days of imports",
      `no published distribution of days lost; 30 days assumed: the 2025 export ban of the largest producer lasted about 8 months (${EVENTS.cobalt2025}), but how much of a producer's ban reaches U.S. imports is not published: a U.S. loss is assumed far shorter; sampled lognormal, mean 30, sd 20`,
      { type: "lognormal", mean: 30, sd: 20 }),
    eventProbability: assumed(0.1, "per year",
      `no published frequency; one export ban of the largest producer in the sources read (${EVENTS.cobalt2025}), read as about one a decade; sampled uniform 0.03 to 0.3`,
      { type: "uniform", min: 0.03, max: 0.3 }),
  },
  notes: [EVENTS.cobalt2025, EVENTS.jogmec],
});

const lithiumImportsT = 3_400;
const lithium = template({
  id: "lithium-carbonate",
  name: "Lithium carbonate",
  form: "lithium carbonate, battery grade",
  unit: "t",
  importer: "United States",
  fields: {
    ...unpublishedFields(37_000, "t"),
    price: sourced(37_000, "USD/t", USGS.lithium2023, 2022, "battery-grade lithium carbonate, annual average (estimate)"),
    importDependence: assumed(0.5, "share",
      `the MCS gives only a bound (> 25% in 2022, ${USGS.lithium2023}; > 50% in 2024 as reported secondhand); 0.5 assumed; with the GDP term off z* does not depend on it; sampled uniform 0.5 to 1`,
      { type: "uniform", min: 0.5, max: 1 }),
    imports: derived(perDay(lithiumImportsT * CARBONATE_PER_LITHIUM), "t/day", USGS.lithium2023, 2022,
      "imports for consumption 3,400 t lithium content in 2022 (estimate, all forms) x 5.323 t Li2CO3 per t Li, /365 (as if all were carbonate)"),
    meanDisruption: assumed(20, "days of imports",
      "no disruption of U.S. lithium imports is documented in the sources read; 20 days assumed; sampled lognormal, mean 20, sd 15",
      { type: "lognormal", mean: 20, sd: 15 }),
    eventProbability: assumed(0.05, "per year",
      "no published frequency, and no export restriction on lithium in the sources read; 0.05 assumed; sampled uniform 0.01 to 0.2",
      { type: "uniform", min: 0.01, max: 0.2 }),
  },
  notes: [EVENTS.jogmec],
});

const graphiteImportsT = 58_000;
const graphite = template({
  id: "natural-graphite",
  name: "Natural graphite",
  form: "natural graphite (flake price; imports of all grades)",
  unit: "t",
  importer: "United States",
  fields: {
    ...unpublishedFields(1_300, "t"),
    price: sourced(1_300, "USD/t", USGS.graphite2020, 2019, "flake, average of imports at foreign ports (estimate)"),
    importDependence: sourced(1, "share", USGS.graphite2020, 2019, "net import reliance 100% in every year 2015-2019"),
    imports: derived(perDay(graphiteImportsT), "t/day", USGS.graphite2020, 2019,
      "imports for consumption 58,000 t in 2019 (estimate; about 65% flake and high-purity, 34% amorphous, 1% lump and chip), /365"),
    meanDisruption: assumed(30, "days of imports",
      `no published distribution of days lost; 30 days assumed, shorter than a full licensing gap since the permits cover some grades only (${EVENTS.graphite2023}); sampled lognormal, mean 30, sd 20`,
      { type: "lognormal", mean: 30, sd: 20 }),
    eventProbability: assumed(0.1, "per year",
      "no published frequency; one permit regime in the sources read (see meanDisruption), read as about one a decade; sampled uniform 0.03 to 0.3",
      { type: "uniform", min: 0.03, max: 0.3 }),
  },
  notes: [EVENTS.graphite2023, EVENTS.jogmec],
});

/** The six templates by id, frozen (a changed template would silently change every later answer). */
export const MINERAL_TEMPLATES = deepFreeze({
  "ndpr-oxide": ndpr,
  "dysprosium-oxide": dysprosium,
  gallium,
  cobalt,
  "lithium-carbonate": lithium,
  "natural-graphite": graphite,
} as const);
