/**
 * The market of the coordination model (docs/coordination.md, "The market"): several reserve
 * holders facing one disruption law, their import positions, demand, GDP exposure, costs and
 * reserve limits; validation that names every bad field, its value and its allowed range.
 */
import { invalid, type ParameterError } from "../rules";

/** How a country's GDP loss is charged (docs/strategy.md, "World reading"). */
export type GdpForm = "paper" | "price" | "none";

/** One reserve holder, as given by the caller (optional fields take the defaults below). */
export interface CountryInput {
  /** Unique name, e.g. "US". */
  name: string;
  /** q: net imports (units/day); 0 for a self-sufficient country or negative for a net exporter (world accounting only). */
  imports: number;
  /** Consumption (units/day), for the consumption-share rule; default max(imports, 0), noted in coordinate()'s meta.notes. */
  consumption?: number;
  /** Price elasticity of the country's import demand (dimensionless, -10 <= ε <= -0.005). */
  elasticity: number;
  /**
   * GDP (USD/yr). The GDP fields come as a set: gdp, gdpForm ("paper" or "price") and
   * gdpCoefficient all together (plus importDependence for "paper"), or none of them (or
   * gdpForm "none" alone): no GDP term.
   */
  gdp?: number;
  /** "paper": (gdp/H) δ d s/(1 - d s); "price": (gdp/H) u_gdp ln(P/P̄); "none" (no GDP term, the default). */
  gdpForm?: GdpForm;
  /** δ for the paper's form, u_gdp for the price form (dimensionless, >= 0); with gdp and gdpForm. */
  gdpCoefficient?: number;
  /** d: share of consumption imported (0 <= d < 1); required with gdpForm "paper", refused otherwise. */
  importDependence?: number;
  /** Cost of holding one unit for a year (USD/unit/yr; the paper's c + v + i P0). */
  holdingCost: number;
  /** Stock held now (units); default 0. jointRelease caps a country's release by it. */
  stock?: number;
  /** Largest stock the country can hold (units); default Infinity (no limit). */
  capacity?: number;
  /** Largest release rate (units/day); default Infinity (no limit). */
  maxDrawdown?: number;
}

/** A country with every field filled in and validated. */
export type Country = Required<CountryInput>;

/** One disruption scenario: a share of supply lost for a number of days, so many times a year. */
export interface DisruptionScenario {
  /** σ: share of supply lost (world supply in world accounting, each country's imports in domestic), 0 < σ < 1. */
  severity: number;
  /** D: days the disruption lasts (0 < D <= horizon). */
  duration: number;
  /** π: expected number of such disruptions per year (>= 0). */
  rate: number;
}

/**
 * The disruption law: a list of scenarios, or the paper's continuous law (one disruption a
 * year, its size t days truncated-exponential on [0, H] with mean parameter λ, spread over the
 * whole year: severity t/H, duration H). The paper's law reaches total loss of supply, where
 * world-mode losses diverge, so it is allowed with domestic accounting only.
 */
export type Disruptions =
  | { kind: "scenarios"; scenarios: DisruptionScenario[] }
  | { kind: "paper"; meanDisruption: number };

/** Reserve holders outside the game: their stock is released pro rata with the players'. */
export interface RestOfWorld {
  /** Stock (units, >= 0). */
  stock: number;
  /** Largest release rate (units/day, > 0; Infinity allowed). */
  maxDrawdown: number;
}

/** The market as the caller gives it. */
export interface MarketInput {
  /** "domestic": the paper's reading (each country's own imports are cut, no spillovers); "world": one world price. */
  accounting: "domestic" | "world";
  /** P̄: normal price (USD/unit). */
  price: number;
  /** P1: asymptotic floor of inverse demand (USD/unit), 0 <= P1 < P̄. */
  priceFloor: number;
  /** H: days in a year of the model (days); default 365. */
  horizon?: number;
  /** W: world supply (units/day); world accounting only. */
  worldSupply?: number;
  /** Price elasticity of world demand (world accounting only, -10 <= ε_w <= -0.005). */
  worldElasticity?: number;
  /** Non-players' reserves; default none. */
  restOfWorld?: RestOfWorld;
  disruptions: Disruptions;
  countries: CountryInput[];
}

/** A validated market. */
export interface Market {
  accounting: "domestic" | "world";
  price: number;
  priceFloor: number;
  horizon: number;
  worldSupply: number;
  worldElasticity: number;
  restOfWorld: RestOfWorld;
  disruptions: Disruptions;
  countries: Country[];
}

/** A ParameterError "invalid <field>: got <value>; allowed: <range>" (the one format of rules.ts). */
export function fieldError(field: string, value: unknown, range: string): ParameterError {
  return invalid(field, value, range);
}

/**
 * Read a number that must satisfy `ok`; `fallback` when undefined (if given). JSON has no
 * Infinity, so `null` stands for Infinity where `infinite` allows it.
 */
function num(
  field: string, value: unknown, ok: (x: number) => boolean, range: string,
  fallback?: number, infinite = false,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === null && infinite) return Infinity;
  if (typeof value !== "number" || Number.isNaN(value) || (!infinite && !Number.isFinite(value)) || !ok(value)) {
    throw fieldError(field, value, range);
  }
  return value;
}

const ELASTICITY_RANGE = "-10 <= elasticity <= -0.005 (dimensionless)";
const isElasticity = (x: number) => x >= -10 && x <= -0.005;

/** Refuse any key of `value` (an object at `path`) not in `known`, naming its path. */
export function checkKeys(path: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw fieldError(path === "" ? key : `${path}.${key}`, (value as Record<string, unknown>)[key], `no such ${path === "" ? "market " : ""}field; known: ${known.join(", ")}`);
    }
  }
}

const COUNTRY_FIELDS = ["name", "imports", "consumption", "elasticity", "gdp", "gdpForm", "gdpCoefficient",
  "importDependence", "holdingCost", "stock", "capacity", "maxDrawdown"];
const GDP_SET = "the GDP fields come as a set: gdp, gdpForm and gdpCoefficient together (and importDependence with gdpForm \"paper\"), or none of them";

/**
 * The GDP fields of country `f`: all of gdp, gdpForm ("paper"/"price") and gdpCoefficient (and
 * importDependence for "paper", only then), or none (or gdpForm "none", which turns the term off
 * whatever else is given). A partial set is refused: a missing field would silently drop the term.
 */
function gdpFields(input: CountryInput, f: string, accounting: string): Pick<Country, "gdp" | "gdpForm" | "gdpCoefficient" | "importDependence"> {
  const gdpForm = input.gdpForm;
  if (gdpForm !== undefined && gdpForm !== "paper" && gdpForm !== "price" && gdpForm !== "none") throw fieldError(`${f}.gdpForm`, gdpForm, '"paper", "price" or "none"');
  if (gdpForm === "none" || (gdpForm === undefined && input.gdp === undefined && input.gdpCoefficient === undefined && input.importDependence === undefined)) {
    return { gdp: 0, gdpForm: "none", gdpCoefficient: 0, importDependence: 0 };
  }
  if (gdpForm === undefined) throw fieldError(`${f}.gdpForm`, undefined, `"paper" or "price" (${GDP_SET})`);
  if (gdpForm === "price" && accounting === "domestic") {
    throw fieldError(`${f}.gdpForm`, gdpForm, '"paper" or "none" with domestic accounting (the price form needs a world price)');
  }
  if (gdpForm === "price" && input.importDependence !== undefined) {
    throw fieldError(`${f}.importDependence`, input.importDependence, 'absent with gdpForm "price" (d enters the paper\'s form only)');
  }
  return {
    gdp: num(`${f}.gdp`, input.gdp, (x) => x >= 0, `gdp >= 0 (USD/yr), required with gdpForm "${gdpForm}" (${GDP_SET})`),
    gdpForm,
    gdpCoefficient: num(`${f}.gdpCoefficient`, input.gdpCoefficient, (x) => x >= 0, `gdpCoefficient >= 0 (δ or u_gdp, dimensionless), required with gdpForm "${gdpForm}" (${GDP_SET})`),
    importDependence: gdpForm === "paper"
      ? num(`${f}.importDependence`, input.importDependence, (x) => x >= 0 && x < 1, '0 <= importDependence < 1, required with gdpForm "paper"')
      : 0,
  };
}

function country(input: CountryInput, k: number, market: { accounting: string; price: number }): Country {
  const at = `countries[${k}]`;
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw fieldError(at, input, "an object");
  if (typeof input.name !== "string" || input.name.trim() === "") throw fieldError(`${at}.name`, input.name, "a non-empty string");
  const f = `countries[${k}] (${input.name})`;
  checkKeys(f, input, COUNTRY_FIELDS);
  const imports = num(`${f}.imports`, input.imports,
    (x) => (market.accounting === "domestic" ? x > 0 : true),
    market.accounting === "domestic"
      ? "imports > 0 (units/day) with domestic accounting (a country without imports loses nothing: leave it out, or use world accounting)"
      : "a finite number of units/day (0 for a self-sufficient country, negative for a net exporter)");
  const consumption = num(`${f}.consumption`, input.consumption, (x) => x >= 0, "consumption >= 0 (units/day)", Math.max(imports, 0));
  const stock = num(`${f}.stock`, input.stock, (x) => x >= 0, "stock >= 0 (units)", 0);
  const capacity = num(`${f}.capacity`, input.capacity, (x) => x > 0 && x >= stock, "capacity > 0 and >= stock (units); null for no limit", Infinity, true);
  return {
    name: input.name,
    imports,
    consumption,
    elasticity: num(`${f}.elasticity`, input.elasticity, isElasticity, ELASTICITY_RANGE),
    ...gdpFields(input, f, market.accounting),
    holdingCost: num(`${f}.holdingCost`, input.holdingCost, (x) => x >= 0, "holdingCost >= 0 (USD/unit/yr)"),
    stock,
    capacity,
    maxDrawdown: num(`${f}.maxDrawdown`, input.maxDrawdown, (x) => x > 0, "maxDrawdown > 0 (units/day); null for no limit", Infinity, true),
  };
}

/**
 * In world accounting every country trades with the world supply W: the importers' net imports
 * together, and each exporter's exports, are at most W (otherwise the price and every loss of the
 * world accounting are undefined). Names the country whose imports take the sum past W.
 */
function checkWorldTrade(countries: Country[], worldSupply: number): void {
  let bought = 0;
  countries.forEach((c, k) => {
    const field = `countries[${k}] (${c.name}).imports`;
    if (c.imports < -worldSupply) throw fieldError(field, c.imports, `imports >= -worldSupply = ${-worldSupply} (units/day): a net exporter cannot sell more than the world supplies`);
    if (c.imports <= 0) return;
    if (bought + c.imports > worldSupply) {
      throw fieldError(field, c.imports, `imports <= worldSupply - the other importers' net imports = ${worldSupply - bought} (units/day): the importers together cannot buy more than worldSupply = ${worldSupply}`);
    }
    bought += c.imports;
  });
}

function disruptions(input: Disruptions, accounting: string, horizon: number): Disruptions {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw fieldError("disruptions", input, '{ kind: "scenarios", scenarios } or { kind: "paper", meanDisruption }');
  if (input.kind === "paper") {
    checkKeys("disruptions", input, ["kind", "meanDisruption"]);
    if (accounting !== "domestic") {
      throw fieldError("disruptions.kind", input.kind, '"scenarios" with world accounting (the paper\'s law reaches total loss of world supply, where world-mode losses diverge)');
    }
    return { kind: "paper", meanDisruption: num("disruptions.meanDisruption", input.meanDisruption, (x) => x >= 0.1 && x <= 1e4, "0.1 <= meanDisruption <= 10000 (days of imports)") };
  }
  if (input.kind !== "scenarios") throw fieldError("disruptions.kind", (input as { kind: unknown }).kind, '"scenarios" or "paper"');
  checkKeys("disruptions", input, ["kind", "scenarios"]);
  if (!Array.isArray(input.scenarios) || input.scenarios.length === 0) throw fieldError("disruptions.scenarios", input.scenarios, "a non-empty array");
  return {
    kind: "scenarios",
    scenarios: input.scenarios.map((s, k) => {
      const at = `disruptions.scenarios[${k}]`;
      if (s === null || typeof s !== "object" || Array.isArray(s)) throw fieldError(at, s, "an object { severity, duration, rate }");
      checkKeys(at, s, ["severity", "duration", "rate"]);
      return {
        severity: num(`${at}.severity`, s.severity, (x) => x > 0 && x < 1, "0 < severity < 1 (share of supply lost)"),
        duration: num(`${at}.duration`, s.duration, (x) => x > 0 && x <= horizon, `0 < duration <= horizon = ${horizon} (days)`),
        rate: num(`${at}.rate`, s.rate, (x) => x >= 0, "rate >= 0 (disruptions per year)"),
      };
    }),
  };
}

/**
 * Validate a market and fill in the defaults. Throws ParameterError naming the field (e.g.
 * "countries[2] (Japan).elasticity"), the value given and the allowed range, for any missing,
 * non-numeric or out-of-range value, an unknown field at any level (market, restOfWorld,
 * disruptions, a scenario, a country), a partial set of GDP fields, imports beyond the world
 * supply (world accounting), or a duplicate country name.
 */
export function normalizeMarket(input: MarketInput): Market {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw fieldError("market", input, "an object");
  checkKeys("", input, ["accounting", "price", "priceFloor", "horizon", "worldSupply", "worldElasticity", "restOfWorld", "disruptions", "countries"]);
  const accounting = input.accounting;
  if (accounting !== "domestic" && accounting !== "world") throw fieldError("accounting", accounting, '"domestic" or "world"');
  const price = num("price", input.price, (x) => x > 0, "price > 0 (USD/unit)");
  const priceFloor = num("priceFloor", input.priceFloor, (x) => x >= 0 && x < price, `0 <= priceFloor < price = ${price} (USD/unit)`);
  const horizon = num("horizon", input.horizon, (x) => x >= 1 && x <= 3650, "1 <= horizon <= 3650 (days)", 365);
  const world = accounting === "world";
  const worldSupply = world ? num("worldSupply", input.worldSupply, (x) => x > 0, "worldSupply > 0 (units/day), required with world accounting") : 0;
  const worldElasticity = world ? num("worldElasticity", input.worldElasticity, isElasticity, `${ELASTICITY_RANGE}, required with world accounting`) : -1;
  const row = input.restOfWorld ?? { stock: 0, maxDrawdown: Infinity };
  if (row === null || typeof row !== "object" || Array.isArray(row)) throw fieldError("restOfWorld", row, "an object { stock, maxDrawdown }");
  checkKeys("restOfWorld", row, ["stock", "maxDrawdown"]);
  const restOfWorld = {
    stock: num("restOfWorld.stock", row.stock, (x) => x >= 0, "stock >= 0 (units)"),
    maxDrawdown: num("restOfWorld.maxDrawdown", row.maxDrawdown, (x) => x > 0, "maxDrawdown > 0 (units/day); null for no limit", Infinity, true),
  };
  if (!world && restOfWorld.stock > 0) throw fieldError("restOfWorld.stock", restOfWorld.stock, "0 with domestic accounting (no world price to move)");
  if (!Array.isArray(input.countries) || input.countries.length === 0) throw fieldError("countries", input.countries, "a non-empty array");
  const countries = input.countries.map((c, k) => country(c, k, { accounting, price }));
  const names = new Set<string>();
  for (const c of countries) {
    if (names.has(c.name)) throw fieldError("countries.name", c.name, "unique names");
    names.add(c.name);
  }
  if (world) checkWorldTrade(countries, worldSupply);
  return {
    accounting, price, priceFloor, horizon, worldSupply, worldElasticity, restOfWorld,
    disruptions: disruptions(input.disruptions, accounting, horizon), countries,
  };
}

/**
 * Refuse a result holding a non-finite number (inputs of magnitudes whose money overflows
 * 1.8e308 USD, e.g. a GDP of 1e308 USD/yr): a ParameterError naming the result field and its value,
 * never a silent NaN. `result` is walked through its arrays and objects; nulls are skipped.
 */
export function checkFiniteResult(result: unknown, path = "result"): void {
  if (typeof result === "number") {
    if (!Number.isFinite(result)) throw fieldError("market", `${path} = ${result}`, "inputs whose money values (USD) stay finite: reduce the magnitudes (quantities, prices, GDP)");
    return;
  }
  if (result === null || typeof result !== "object") return;
  if (Array.isArray(result)) result.forEach((x, k) => checkFiniteResult(x, `${path}[${k}]`));
  else for (const [key, x] of Object.entries(result)) checkFiniteResult(x, `${path}.${key}`);
}
