/**
 * The loss per day of a supply disruption (docs/strategy.md, "The per-day loss"), the piece
 * every flow model of the package shares: release and refill strategies simulate and optimise
 * it, the coordination model charges it to each country. Portable kernel source: compiled to
 * WebAssembly (re-exported by assembly/index.ts) and imported as plain TypeScript by the
 * JavaScript fallback (src/strategy/daily-loss.ts). Nothing is allocated; scalars in, scalars out.
 *
 * Units: time in days, quantities in units/day (barrels/day for oil) or in days of normal imports
 * per day (shares), money in USD, so every loss is in USD per day of disruption.
 *
 * Two readings of a disruption:
 * - domestic (the paper's): the country's own imports are cut by the share `severity`; its
 *   inverse import demand P(u) = P1 + (P0 - P1) u^-m (u = imports as a share of normal) prices
 *   the lost oil. H x (this loss) integrated over the paper's disruption law is the paper's
 *   expected loss exactly (the nesting identity, tested in tests/daily-loss.test.ts).
 * - world (for oil): world supply is cut, one world price clears the market, and a country pays
 *   through the price: consumer loss on its imports, GDP loss, minus what its released oil sells for.
 */

/** Below this shortfall the loss shape w(s) is summed as its positive power series (no cancellation). */
const SERIES_MAX_SHORTFALL: f64 = 0.5;
/** ... provided m s stays below this (the series' first terms grow like (m s)^k / k!). */
const SERIES_MAX_SPREAD: f64 = 2.0;
/** Stop summing once a term adds less than this fraction of the sum (below half an ulp). */
const SERIES_TOLERANCE: f64 = 1e-17;
/** A hard cap on series terms: at s <= 0.5 and m s <= 2 convergence takes at most ~70. */
const SERIES_MAX_TERMS: i32 = 200;

/**
 * The loss shape w(s) = ∫_0^s ((1 - v)^-m - 1) dv: the consumer loss of a net shortfall s (share
 * of normal imports) per unit of q0 (P0 - P1) per day, dimensionless.
 *
 * Closed form (1 - (1 - s)^(1-m))/(1 - m) - s (m != 1), -ln(1 - s) - s (m = 1). Both pieces are
 * ~s while w ~ m s^2 / 2, so for small s the closed form loses about log10(2/(m s)) digits;
 * there the positive series w = Σ_{k>=2} [m (m+1) ... (m+k-2) / k!] s^k is summed instead
 * (s <= 0.5 and m s <= 2; at most ~70 terms). Elsewhere the closed form is evaluated with
 * expm1/log1p, cancelling at most a factor 2/(m s) (< 2 when m s > 2; up to ~40 for m = 0.1,
 * the smallest m the package allows, at s just above 0.5: relative error <= 1e-14).
 * s <= 0 gives 0; s >= 1 (the whole supply lost) gives m/(1 - m) for m < 1 and Infinity otherwise.
 */
export function shortfallLossShape(s: f64, m: f64): f64 {
  if (s <= 0.0) return 0.0;
  if (s >= 1.0) return m < 1.0 ? m / (1.0 - m) : Infinity;
  if (s <= SERIES_MAX_SHORTFALL && m * s <= SERIES_MAX_SPREAD) {
    // term_2 = m s^2 / 2; term_{k+1} = term_k (m + k - 1) s / (k + 1).
    let term: f64 = 0.5 * m * s * s;
    let sum: f64 = term;
    for (let k: i32 = 2; k < SERIES_MAX_TERMS; k++) {
      term *= ((m + <f64>k - 1.0) * s) / (<f64>k + 1.0);
      sum += term;
      if (term <= SERIES_TOLERANCE * sum) break;
    }
    return sum;
  }
  const lnRemaining: f64 = Math.log1p(-s); // ln(1 - s) < 0
  const a: f64 = (1.0 - m) * lnRemaining;
  // (1 - (1-s)^(1-m))/(1-m) = -ln(1-s) (e^a - 1)/a, which is -ln(1-s) at m = 1 (a = 0).
  const lost: f64 = a == 0.0 ? -lnRemaining : -lnRemaining * (Math.expm1(a) / a);
  return lost - s;
}

/**
 * w'(s) = (1 - s)^-m - 1 (dimensionless): the price premium (P(1 - s) - P0)/(P0 - P1) at a net
 * shortfall s; 0 for s <= 0, Infinity for s >= 1. Computed as expm1(-m log1p(-s)), exact to a
 * few ulps for small s.
 */
export function shortfallPriceShape(s: f64, m: f64): f64 {
  if (s <= 0.0) return 0.0;
  if (s >= 1.0) return Infinity;
  return Math.expm1(-m * Math.log1p(-s));
}

/**
 * Domestic consumer loss per day (USD/day): q0 (P0 - P1) w((severity - release)+).
 *
 * imports q0 (units/day), price P0 and priceFloor P1 (USD/unit), exponent m = -1/elasticity,
 * severity σ (share of normal imports cut, 0..1), release r (days of imports per day, >= 0).
 */
export function domesticConsumerLoss(
  imports: f64, price: f64, priceFloor: f64, exponent: f64, severity: f64, release: f64,
): f64 {
  const span: f64 = price - priceFloor;
  if (span == 0.0) return 0.0;
  return imports * span * shortfallLossShape(severity - release, exponent);
}

/**
 * Domestic GDP loss per day in the paper's form (USD/day): gdpRate d (σ - r)+ / (1 - d σ).
 *
 * gdpRate = δ gdp0 / H (USD/day; 0 leaves the term out), importDependence d (0..1), severity σ
 * and release r as in domesticConsumerLoss. The denominator uses the gross severity, as the
 * paper's (H - d t) does. Infinity when d σ = 1 with a shortfall left.
 */
export function domesticGdpLoss(gdpRate: f64, importDependence: f64, severity: f64, release: f64): f64 {
  const net: f64 = severity - release;
  if (net <= 0.0 || gdpRate == 0.0) return 0.0;
  return (gdpRate * importDependence * net) / (1.0 - importDependence * severity);
}

/**
 * Domestic loss per day of disruption (USD/day): consumer loss plus GDP loss. With σ = t/H,
 * r = z/H and gdpRate = δ gdp0/H, H times this is the paper's loss still suffered in a
 * disruption of t days with a reserve of z days (docs/model.md, "What a solve reports").
 */
export function domesticDailyLoss(
  imports: f64, price: f64, priceFloor: f64, exponent: f64, gdpRate: f64, importDependence: f64,
  severity: f64, release: f64,
): f64 {
  return domesticConsumerLoss(imports, price, priceFloor, exponent, severity, release)
    + domesticGdpLoss(gdpRate, importDependence, severity, release);
}

/**
 * The value of one more unit of release rate (USD/day per day of imports released per day):
 * -∂(domesticDailyLoss)/∂release = q0 (P0 - P1) ((1 - s)^-m - 1) + gdpRate d / (1 - d σ) while a
 * shortfall s = σ - r > 0 is left, 0 once the release covers it (the left derivative at s = 0
 * is the GDP term alone). Integrated over the paper's disruption law it is the paper's MB(z).
 */
export function domesticReleaseValue(
  imports: f64, price: f64, priceFloor: f64, exponent: f64, gdpRate: f64, importDependence: f64,
  severity: f64, release: f64,
): f64 {
  const net: f64 = severity - release;
  if (net < 0.0) return 0.0;
  const consumer: f64 = imports * (price - priceFloor) * shortfallPriceShape(net, exponent);
  const gdp: f64 = gdpRate == 0.0 ? 0.0 : (gdpRate * importDependence) / (1.0 - importDependence * severity);
  return consumer + gdp;
}

/**
 * The world price (USD/unit) when the share `worldSeverity` of world supply W (units/day) is lost
 * and the holders together release `totalRelease` (units/day):
 * P = P1 + (P̄ - P1) v^-m_w with v = min(1, 1 - σ_w + R/W), the supply left as a share of normal.
 * Releases beyond the shortfall do not push the price below normal (v is capped at 1).
 * Infinity when nothing is left (v <= 0, m_w > 0).
 */
export function worldPrice(
  price: f64, priceFloor: f64, worldExponent: f64, worldSeverity: f64, totalRelease: f64, worldSupply: f64,
): f64 {
  const supply: f64 = 1.0 - worldSeverity + totalRelease / worldSupply;
  if (supply >= 1.0) return price;
  if (supply <= 0.0) return Infinity;
  return priceFloor + (price - priceFloor) * Math.exp(-worldExponent * Math.log(supply));
}

/**
 * J(u) = ∫_1^u x^(-1/m) dx = (u^(1-1/m) - 1)/(1 - 1/m) (ln u for m = 1), dimensionless: the
 * consumer loss of a price rise to relative level u = (P - P1)/(P̄ - P1), per unit of
 * q (P̄ - P1), for import demand q(P) = q u^(-1/m). Computed as ln u · (e^a - 1)/a, a = (1 - 1/m) ln u.
 */
export function priceLossShape(u: f64, m: f64): f64 {
  if (u <= 1.0) return 0.0;
  const lnU: f64 = Math.log(u);
  const a: f64 = (1.0 - 1.0 / m) * lnU;
  return a == 0.0 ? lnU : lnU * (Math.expm1(a) / a);
}

/** GDP term in the paper's form, applied to the import cut the price causes. */
export const GDP_FORM_PAPER: i32 = 0;
/** GDP term in the price form of ORNL's Oil Import Premium model: gdpRate ln(P/P̄). */
export const GDP_FORM_PRICE: i32 = 1;

let lastDeadweight: f64 = 0.0;
let lastImportBill: f64 = 0.0;
let lastReleaseRevenue: f64 = 0.0;
let lastGdp: f64 = 0.0;

/**
 * A country's loss per day of a world disruption (USD/day) at the world price `worldPriceValue`
 * (from worldPrice), the sum of four parts, each kept for worldLossPart():
 *
 * 1. deadweight: q (P̄ - P1) w(s_c), the value of the imports given up, s_c = 1 - u^(-1/m) the
 *    share the price u = (P - P1)/(P̄ - P1) makes the country stop buying (0 for net exporters);
 * 2. extra import bill: (P - P̄) q u^(-1/m) on the imports still bought (for a net exporter,
 *    q < 0: (P - P̄) q, the extra revenue, negative); parts 1 + 2 are the consumer loss
 *    q (P̄ - P1) J(u) (priceLossShape), not counted twice;
 * 3. minus the revenue of its own release: P r;
 * 4. GDP: gdpForm GDP_FORM_PAPER: gdpRate d s_c / (1 - d s_c) (the paper's form with the import
 *    cut s_c for the severity; 0 for net exporters); GDP_FORM_PRICE: gdpRate ln(P/P̄) (ORNL's
 *    Oil Import Premium model, gdpRate = gdp0/H u_gdp with u_gdp 0.01 / 0.032 / 0.054).
 *
 * imports q (units/day, negative for a net exporter), price P̄ and priceFloor P1 (USD/unit),
 * exponent m = -1/elasticity of the country's import demand, ownRelease r (units/day sold from
 * its reserve), gdpRate (USD/day), importDependence d. Refill purchases are not part of it:
 * they are a cash flow of the strategy (docs/strategy.md, "Accounting").
 */
export function worldDailyLoss(
  imports: f64, price: f64, priceFloor: f64, exponent: f64, worldPriceValue: f64, ownRelease: f64,
  gdpRate: f64, importDependence: f64, gdpForm: i32,
): f64 {
  const span: f64 = price - priceFloor;
  let cut: f64 = 0.0;
  let kept: f64 = 1.0;
  if (imports > 0.0 && span > 0.0 && worldPriceValue > price) {
    const lnU: f64 = Math.log((worldPriceValue - priceFloor) / span);
    cut = -Math.expm1(-lnU / exponent); // 1 - u^(-1/m), exact for u near 1
    kept = 1.0 - cut;
  }
  lastDeadweight = imports > 0.0 && cut > 0.0 ? imports * span * shortfallLossShape(cut, exponent) : 0.0;
  lastImportBill = (worldPriceValue - price) * (imports > 0.0 ? imports * kept : imports);
  lastReleaseRevenue = worldPriceValue * ownRelease;
  if (gdpRate == 0.0) lastGdp = 0.0;
  else if (gdpForm == GDP_FORM_PRICE) lastGdp = gdpRate * Math.log(worldPriceValue / price);
  else lastGdp = cut > 0.0 ? (gdpRate * importDependence * cut) / (1.0 - importDependence * cut) : 0.0;
  return lastDeadweight + lastImportBill - lastReleaseRevenue + lastGdp;
}

/** Deadweight part of the last worldDailyLoss. */
export const WORLD_PART_DEADWEIGHT: i32 = 0;
/** Extra import bill part of the last worldDailyLoss. */
export const WORLD_PART_IMPORT_BILL: i32 = 1;
/** Release revenue of the last worldDailyLoss (subtracted in the total). */
export const WORLD_PART_RELEASE_REVENUE: i32 = 2;
/** GDP part of the last worldDailyLoss. */
export const WORLD_PART_GDP: i32 = 3;

/** One part (WORLD_PART_*) of the last worldDailyLoss, USD/day. */
export function worldLossPart(part: i32): f64 {
  if (part == WORLD_PART_DEADWEIGHT) return lastDeadweight;
  if (part == WORLD_PART_IMPORT_BILL) return lastImportBill;
  if (part == WORLD_PART_RELEASE_REVENUE) return lastReleaseRevenue;
  return lastGdp;
}
