/**
 * The path loop of simulateStrategy (docs/strategy.md, "Simulating a rule"): seeded Monte Carlo
 * of disruption regimes, normal-time prices and the stock under a release-and-refill rule.
 * Portable kernel source: compiled to its own WebAssembly module by assembly/strategy/index.ts
 * and imported unchanged as TypeScript by the JavaScript fallback (src/strategy/simulate-kernel.ts).
 * The host writes one configuration array, the kernel runs a whole block of paths over it and
 * writes per-path totals and a per-step histogram of the stock: nothing crosses the boundary per
 * step, and nothing is allocated here.
 *
 * Units: time in days, stock in days of imports, rates in days of imports per day, money in USD.
 * Integer arithmetic of the generator is written so that it wraps identically as i32 in
 * AssemblyScript and as JavaScript numbers (every intermediate product stays below 2^53).
 */
import { domesticConsumerLoss, domesticGdpLoss, shortfallPriceShape } from "../kernel/daily-loss";

// Configuration array (all f64). Computed by the host (src/strategy/simulate.ts).
/** Step Δ (days). */
export const CFG_STEP: i32 = 0;
/** Steps per path. */
export const CFG_STEPS: i32 = 1;
/** Global index of the first path of this block (paths are seeded by their global index). */
export const CFG_PATH_START: i32 = 2;
/** Paths in this block. */
export const CFG_PATH_COUNT: i32 = 3;
/** Seed: the 32-bit seed as a signed i32 value (seed | 0). */
export const CFG_SEED: i32 = 4;
/** q0 (units/day). */
export const CFG_IMPORTS: i32 = 5;
/** P0 (USD/unit): the normal-time price at χ = 0. */
export const CFG_PRICE: i32 = 6;
/** P1 (USD/unit). */
export const CFG_PRICE_FLOOR: i32 = 7;
/** m = -1/ε. */
export const CFG_EXPONENT: i32 = 8;
/** δ gdp0 / H (USD/day), 0 without the GDP term. */
export const CFG_GDP_RATE: i32 = 9;
/** d. */
export const CFG_IMPORT_DEPENDENCE: i32 = 10;
/** (c + v)/H: storage cost per unit held per day (USD/unit/day). */
export const CFG_STORAGE_RATE: i32 = 11;
/** β = e^(-iΔ/H): discount factor per step. */
export const CFG_DISCOUNT: i32 = 12;
/** 1 - e^(-λ_on Δ/365): probability of an onset in a normal step. */
export const CFG_ONSET_PROBABILITY: i32 = 13;
/** K, the number of disruption classes. */
export const CFG_CLASS_COUNT: i32 = 14;
/** e^(-κΔ/365): the OU log-price's persistence per step. */
export const CFG_PRICE_PERSISTENCE: i32 = 15;
/** σ_P sqrt((1 - e^(-2κΔ/365))/(2κ)): the OU log-price's innovation s.d. per step. */
export const CFG_PRICE_SHOCK: i32 = 16;
/** χ0, the initial log deviation of the normal-time price. */
export const CFG_INITIAL_LOG_PRICE: i32 = 17;
export const CFG_MAX_DRAWDOWN_RATE: i32 = 18;
export const CFG_DRAWDOWN_LAG: i32 = 19;
export const CFG_COVER_FRACTION: i32 = 20;
export const CFG_RESERVE_FLOOR: i32 = 21;
export const CFG_MAX_FILL_RATE: i32 = 22;
export const CFG_BUY_BELOW_PRICE: i32 = 23;
export const CFG_REFILL_DELAY: i32 = 24;
export const CFG_TARGET_STOCK: i32 = 25;
/** 0 volume fill, 1 dollar-cost averaging. */
export const CFG_FILL_MODE: i32 = 26;
/** USD/day spent on refill in dollar mode. */
export const CFG_FILL_BUDGET: i32 = 27;
/** Normal-time sales when P̄ >= this (Infinity: never). */
export const CFG_SELL_ABOVE_PRICE: i32 = 28;
/** Storage capacity xMax (days of imports). */
export const CFG_CAPACITY: i32 = 29;
export const CFG_INITIAL_STOCK: i32 = 30;
/** 0 normal, k in 1..K: the class of a disruption under way at time 0. */
export const CFG_INITIAL_REGIME: i32 = 31;
/** Histogram bins per step (over [0, capacity]). */
export const CFG_BIN_COUNT: i32 = 32;
/** First of K triples (cumulative class weight, severity σ_k, recovery probability 1 - e^(-Δ/D_k)). */
export const CFG_CLASSES: i32 = 40;
/** Entries per class in the configuration array. */
export const CLASS_FIELDS: i32 = 3;

// Per-path outputs: PATH_FIELDS numbers per path of the block, path-major.
/** Discounted consumer loss (USD). */
export const PATH_CONSUMER: i32 = 0;
/** Discounted GDP loss (USD). */
export const PATH_GDP: i32 = 1;
/** Discounted storage cost (USD). */
export const PATH_STORAGE: i32 = 2;
/** Discounted refill purchases (USD). */
export const PATH_PURCHASES: i32 = 3;
/** Discounted revenue of normal-time sales (USD). */
export const PATH_SALES: i32 = 4;
/** Discounted revenue of emergency releases at the disruption price (USD). */
export const PATH_RELEASE_REVENUE: i32 = 5;
/** Shortfall left uncovered, undiscounted (days of imports). */
export const PATH_SHORTFALL: i32 = 6;
/** 1 if the stock ever limited the rule's release during a disruption. */
export const PATH_RAN_OUT: i32 = 7;
/** Refills completed (stock back at target before the next onset). */
export const PATH_REFILLS: i32 = 8;
/** Days those refills took, summed. */
export const PATH_REFILL_DAYS: i32 = 9;
/** Volume bought (days of imports) and its value Σ P̄ f Δ (USD/unit x days of imports). */
export const PATH_BUY_VOLUME: i32 = 10;
export const PATH_BUY_VALUE: i32 = 11;
/** Volume sold in normal times and its value. */
export const PATH_SELL_VOLUME: i32 = 12;
export const PATH_SELL_VALUE: i32 = 13;
/** Disruption onsets during the horizon. */
export const PATH_ONSETS: i32 = 14;
/**
 * The stock left at the horizon valued at that time's normal-time price and discounted:
 * β^T q0 P0 e^(χ_T) x_T (USD). Purchases are charged as costs, so a finite horizon must credit
 * what they left in the tank, or a rule that never refills looks cheaper.
 */
export const PATH_STOCK_LEFT_VALUE: i32 = 15;
export const PATH_FIELDS: i32 = 16;

// The histogram: for each point t = 0..steps (the stock at the start of step t) and bin b, five
// numbers at ((t * bins + b) * BIN_FIELDS): count, smallest and largest stock seen in the bin, and
// how many values equal the smallest and the largest. The atoms of the stock (empty, at target,
// full) are then exact order statistics. All five are independent of the order of the paths.
export const BIN_COUNT: i32 = 0;
export const BIN_LOW: i32 = 1;
export const BIN_HIGH: i32 = 2;
export const BIN_AT_LOW: i32 = 3;
export const BIN_AT_HIGH: i32 = 4;
export const BIN_FIELDS: i32 = 5;

/** The splitmix32 increment (2^32 / golden ratio), as i32. */
const GOLDEN_GAMMA: i32 = -1640531527; // 0x9e3779b9
/** 2π. */
const TWO_PI: f64 = 6.283185307179586;
/** 2^-32: maps a 32-bit word to [0, 1). */
const INV_2_32: f64 = 2.3283064365386963e-10;
/** A refill counts as done when the stock is within this share of the target (rounding of x += fΔ). */
const REFILL_TOLERANCE: f64 = 1e-9;

/** a·b mod 2^32 as i32: 16-bit halves keep every JavaScript product exact (< 2^49). */
function mulWrap(a: i32, b: i32): i32 {
  return ((((a >>> 16) * b) << 16) + (a & 0xffff) * b) | 0;
}

let s0: i32 = 0;
let s1: i32 = 0;
let s2: i32 = 0;
let s3: i32 = 0;
let splitState: i32 = 0;
let spareNormal: f64 = 0.0;
let hasSpare: bool = false;

/** splitmix32: the seeding generator of src/analysis/random.ts. */
function splitmix(): i32 {
  splitState = (splitState + GOLDEN_GAMMA) | 0;
  let z: i32 = splitState;
  z = mulWrap(z ^ (z >>> 16), -2048144789); // 0x85ebca6b
  z = mulWrap(z ^ (z >>> 13), -1028477387); // 0xc2b2ae35
  return z ^ (z >>> 16);
}

/**
 * Seed path `path`: its xoshiro128** state is words 4·path + 1 .. 4·path + 4 of splitmix32 from
 * `seed`, so path 0 draws exactly the stream of xoshiro128(seed) in src/analysis/random.ts and
 * each path's stream depends only on (seed, path), whatever block it is run in.
 */
function seedPath(seed: i32, path: i32): void {
  splitState = (seed + mulWrap(mulWrap(path, 4), GOLDEN_GAMMA)) | 0;
  s0 = splitmix();
  s1 = splitmix();
  s2 = splitmix();
  s3 = splitmix();
  hasSpare = false;
}

/** xoshiro128** (Blackman & Vigna 2018): a uniform number in [0, 1) with 32 random bits. */
function uniform(): f64 {
  const scrambled: i32 = (s1 * 5) | 0;
  const rotated: i32 = (scrambled << 7) | (scrambled >>> 25);
  const result: i32 = (rotated * 9) | 0;
  const t: i32 = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  // The word as an unsigned number, built from halves that are non-negative in both languages.
  return (<f64>(result >>> 16) * 65536.0 + <f64>(result & 0xffff)) * INV_2_32;
}

/** A standard normal deviate by the Box-Muller transform (pairs; the second is kept for the next call). */
function normal(): f64 {
  if (hasSpare) {
    hasSpare = false;
    return spareNormal;
  }
  const radius: f64 = Math.sqrt(-2.0 * Math.log(1.0 - uniform())); // 1 - u in (0, 1]: log finite
  const angle: f64 = TWO_PI * uniform();
  spareNormal = radius * Math.sin(angle);
  hasSpare = true;
  return radius * Math.cos(angle);
}

/** Add the stock x to the histogram of point t. */
function record(histogram: Float64Array, t: i32, bins: i32, binWidth: f64, x: f64): void {
  let b: i32 = <i32>Math.floor(x / binWidth);
  if (b >= bins) b = bins - 1;
  if (b < 0) b = 0;
  const at: i32 = (t * bins + b) * BIN_FIELDS;
  const count: f64 = <f64>histogram[at + BIN_COUNT];
  histogram[at + BIN_COUNT] = count + 1.0;
  if (count == 0.0) {
    histogram[at + BIN_LOW] = x;
    histogram[at + BIN_HIGH] = x;
    histogram[at + BIN_AT_LOW] = 1.0;
    histogram[at + BIN_AT_HIGH] = 1.0;
    return;
  }
  const low: f64 = <f64>histogram[at + BIN_LOW];
  if (x < low) {
    histogram[at + BIN_LOW] = x;
    histogram[at + BIN_AT_LOW] = 1.0;
  } else if (x == low) {
    histogram[at + BIN_AT_LOW] = <f64>histogram[at + BIN_AT_LOW] + 1.0;
  }
  const high: f64 = <f64>histogram[at + BIN_HIGH];
  if (x > high) {
    histogram[at + BIN_HIGH] = x;
    histogram[at + BIN_AT_HIGH] = 1.0;
  } else if (x == high) {
    histogram[at + BIN_AT_HIGH] = <f64>histogram[at + BIN_AT_HIGH] + 1.0;
  }
}

/**
 * Run the paths config[CFG_PATH_START] .. + config[CFG_PATH_COUNT] - 1. Writes PATH_FIELDS totals
 * per path into `paths` (overwritten) and adds every path's stock at every step to `histogram`
 * (accumulated: the host zeroes it once per run).
 *
 * One step of length Δ from (regime k, log price χ, stock x): the rule sets constant rates for the
 * step; the step's costs are charged at the step's discount factor; then the stock moves, the
 * regime jumps with the per-step probabilities and χ takes its exact OU step.
 * - disrupted (severity σ): after drawdownLag days the release is r = min(maxDrawdownRate,
 *   coverFraction σ, (x - reserveFloor)+/Δ); in the step where the lag ends, the step's share
 *   after the lag releases r and the rest nothing (the loss is charged on each part). The stock
 *   "ran out" when (x - reserveFloor)/Δ bound the release.
 * - normal: from refillDelay days after recovery (the step in which the delay ends buys for its
 *   share after it) and while P̄ = P0 e^χ <= buyBelowPrice, fill
 *   f = min(maxFillRate, (targetStock - x)+/Δ) (volume) or additionally <= fillBudget/(q0 P̄)
 *   (dollar mode); when not buying and P̄ >= sellAbovePrice, sell y = min(maxDrawdownRate,
 *   (x - reserveFloor)+/Δ).
 * - x' = min(capacity, max(0, x + (f - y - r)Δ)).
 */
export function simulatePaths(config: Float64Array, paths: Float64Array, histogram: Float64Array): void {
  const step: f64 = <f64>config[CFG_STEP];
  const steps: i32 = <i32>config[CFG_STEPS];
  const pathStart: i32 = <i32>config[CFG_PATH_START];
  const pathCount: i32 = <i32>config[CFG_PATH_COUNT];
  const seed: i32 = <i32>config[CFG_SEED]; // the host passes the 32-bit seed as a signed i32
  const imports: f64 = <f64>config[CFG_IMPORTS];
  const price0: f64 = <f64>config[CFG_PRICE];
  const priceFloor: f64 = <f64>config[CFG_PRICE_FLOOR];
  const exponent: f64 = <f64>config[CFG_EXPONENT];
  const gdpRate: f64 = <f64>config[CFG_GDP_RATE];
  const importDependence: f64 = <f64>config[CFG_IMPORT_DEPENDENCE];
  const storageRate: f64 = <f64>config[CFG_STORAGE_RATE];
  const discount: f64 = <f64>config[CFG_DISCOUNT];
  const onsetProbability: f64 = <f64>config[CFG_ONSET_PROBABILITY];
  const classCount: i32 = <i32>config[CFG_CLASS_COUNT];
  const persistence: f64 = <f64>config[CFG_PRICE_PERSISTENCE];
  const priceShock: f64 = <f64>config[CFG_PRICE_SHOCK];
  const maxDrawdownRate: f64 = <f64>config[CFG_MAX_DRAWDOWN_RATE];
  const drawdownLag: f64 = <f64>config[CFG_DRAWDOWN_LAG];
  const coverFraction: f64 = <f64>config[CFG_COVER_FRACTION];
  const reserveFloor: f64 = <f64>config[CFG_RESERVE_FLOOR];
  const maxFillRate: f64 = <f64>config[CFG_MAX_FILL_RATE];
  const buyBelowPrice: f64 = <f64>config[CFG_BUY_BELOW_PRICE];
  const refillDelay: f64 = <f64>config[CFG_REFILL_DELAY];
  const targetStock: f64 = <f64>config[CFG_TARGET_STOCK];
  const dollarMode: bool = config[CFG_FILL_MODE] == 1.0;
  const fillBudget: f64 = <f64>config[CFG_FILL_BUDGET];
  const sellAbovePrice: f64 = <f64>config[CFG_SELL_ABOVE_PRICE];
  const capacity: f64 = <f64>config[CFG_CAPACITY];
  const bins: i32 = <i32>config[CFG_BIN_COUNT];
  const binWidth: f64 = capacity / <f64>bins;

  for (let p: i32 = 0; p < pathCount; p++) {
    seedPath(seed, pathStart + p);
    let x: f64 = <f64>config[CFG_INITIAL_STOCK];
    let regime: i32 = <i32>config[CFG_INITIAL_REGIME];
    let logPrice: f64 = <f64>config[CFG_INITIAL_LOG_PRICE];
    let sinceOnset: f64 = 0.0;
    let sinceRecovery: f64 = Infinity; // no recent disruption: refills may start at once
    let refillClock: f64 = -1.0; // days since the last recovery while a refill is pending; -1 none
    let weight: f64 = 1.0;
    let consumer: f64 = 0.0;
    let gdp: f64 = 0.0;
    let storage: f64 = 0.0;
    let purchases: f64 = 0.0;
    let sales: f64 = 0.0;
    let releaseRevenue: f64 = 0.0;
    let shortfall: f64 = 0.0;
    let ranOut: f64 = 0.0;
    let refills: f64 = 0.0;
    let refillDays: f64 = 0.0;
    let buyVolume: f64 = 0.0;
    let buyValue: f64 = 0.0;
    let sellVolume: f64 = 0.0;
    let sellValue: f64 = 0.0;
    let onsets: f64 = 0.0;

    for (let t: i32 = 0; t < steps; t++) {
      record(histogram, t, bins, binWidth, x);
      const normalPrice: f64 = price0 * Math.exp(logPrice);
      let drawn: f64 = 0.0; // stock released or sold in this step (days of imports)
      let bought: f64 = 0.0;
      if (regime > 0) {
        const severity: f64 = <f64>config[CFG_CLASSES + (regime - 1) * CLASS_FIELDS + 1];
        let activeShare: f64 = (sinceOnset + step - drawdownLag) / step;
        if (activeShare > 1.0) activeShare = 1.0;
        if (activeShare < 0.0) activeShare = 0.0;
        let wanted: f64 = coverFraction * severity;
        if (maxDrawdownRate < wanted) wanted = maxDrawdownRate;
        const available: f64 = x > reserveFloor ? (x - reserveFloor) / step : 0.0;
        const release: f64 = wanted < available ? wanted : available;
        if (activeShare > 0.0 && available < wanted) ranOut = 1.0;
        const idle: f64 = 1.0 - activeShare;
        // Each part of the step is charged only when it has a share (no 0 x Infinity, no wasted loss evaluations).
        if (activeShare > 0.0) {
          consumer += weight * step * activeShare * domesticConsumerLoss(imports, normalPrice, priceFloor, exponent, severity, release);
          gdp += weight * step * activeShare * domesticGdpLoss(gdpRate, importDependence, severity, release);
        }
        if (idle > 0.0) {
          consumer += weight * step * idle * domesticConsumerLoss(imports, normalPrice, priceFloor, exponent, severity, 0.0);
          gdp += weight * step * idle * domesticGdpLoss(gdpRate, importDependence, severity, 0.0);
        }
        const net: f64 = severity - release > 0.0 ? severity - release : 0.0;
        shortfall += step * (activeShare * net + idle * severity);
        drawn = activeShare * release * step;
        // The released oil sells at the domestic price of the import level left, P(1 - s).
        const disruptionPrice: f64 = normalPrice + (normalPrice - priceFloor) * shortfallPriceShape(net, exponent);
        releaseRevenue += weight * imports * disruptionPrice * drawn;
        sinceOnset += step;
      } else {
        // The share of this step after the refill delay: the step in which the delay ends is
        // split, as the drawdown lag's is (only its share after the delay buys).
        let buyShare: f64 = (sinceRecovery + step - refillDelay) / step;
        if (buyShare > 1.0) buyShare = 1.0;
        if (buyShare > 0.0 && normalPrice <= buyBelowPrice && x < targetStock) {
          let fill: f64 = (targetStock - x) / (step * buyShare);
          if (maxFillRate < fill) fill = maxFillRate;
          if (dollarMode) {
            const affordable: f64 = fillBudget / (imports * normalPrice);
            if (affordable < fill) fill = affordable;
          }
          bought = fill * step * buyShare;
          purchases += weight * imports * normalPrice * bought;
          buyVolume += bought;
          buyValue += normalPrice * bought;
        }
        if (bought == 0.0 && normalPrice >= sellAbovePrice && x > reserveFloor) {
          let sale: f64 = (x - reserveFloor) / step;
          if (maxDrawdownRate < sale) sale = maxDrawdownRate;
          drawn = sale * step;
          sales += weight * imports * normalPrice * drawn;
          sellVolume += drawn;
          sellValue += normalPrice * drawn;
        }
        sinceRecovery += step;
      }
      storage += weight * imports * storageRate * x * step;
      x = x + bought - drawn;
      if (x > capacity) x = capacity;
      if (x < 0.0) x = 0.0;
      if (regime == 0 && refillClock >= 0.0) {
        refillClock += step;
        if (x >= targetStock * (1.0 - REFILL_TOLERANCE)) {
          refills += 1.0;
          refillDays += refillClock;
          refillClock = -1.0;
        }
      }
      const jump: f64 = uniform();
      if (regime == 0) {
        if (jump < onsetProbability) {
          const pick: f64 = uniform();
          regime = classCount;
          for (let k: i32 = 1; k < classCount; k++) {
            if (pick < <f64>config[CFG_CLASSES + (k - 1) * CLASS_FIELDS]) {
              regime = k;
              break;
            }
          }
          sinceOnset = 0.0;
          refillClock = -1.0; // a refill interrupted by a new disruption is not counted
          onsets += 1.0;
        }
      } else if (jump < <f64>config[CFG_CLASSES + (regime - 1) * CLASS_FIELDS + 2]) {
        regime = 0;
        sinceRecovery = 0.0;
        refillClock = x >= targetStock * (1.0 - REFILL_TOLERANCE) ? -1.0 : 0.0;
      }
      if (priceShock > 0.0) logPrice = persistence * logPrice + priceShock * normal();
      else logPrice = persistence * logPrice;
      weight *= discount;
    }
    record(histogram, steps, bins, binWidth, x);

    const at: i32 = p * PATH_FIELDS;
    paths[at + PATH_CONSUMER] = consumer;
    paths[at + PATH_GDP] = gdp;
    paths[at + PATH_STORAGE] = storage;
    paths[at + PATH_PURCHASES] = purchases;
    paths[at + PATH_SALES] = sales;
    paths[at + PATH_RELEASE_REVENUE] = releaseRevenue;
    paths[at + PATH_SHORTFALL] = shortfall;
    paths[at + PATH_RAN_OUT] = ranOut;
    paths[at + PATH_REFILLS] = refills;
    paths[at + PATH_REFILL_DAYS] = refillDays;
    paths[at + PATH_BUY_VOLUME] = buyVolume;
    paths[at + PATH_BUY_VALUE] = buyValue;
    paths[at + PATH_SELL_VOLUME] = sellVolume;
    paths[at + PATH_SELL_VALUE] = sellValue;
    paths[at + PATH_ONSETS] = onsets;
    paths[at + PATH_STOCK_LEFT_VALUE] = weight * imports * price0 * Math.exp(logPrice) * x; // weight = β^steps here
  }
}
