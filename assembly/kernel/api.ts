/**
 * The kernel's case-level entry points, in user units (USD, days), shared verbatim by the
 * WebAssembly build (assembly/index.ts) and the JavaScript fallback (src/backend/js.ts).
 * Results are left in the exported `out*` globals so that nothing is allocated per call.
 */
import { horizon, setCase, toUser, unitCost, userCost } from "./model";
import {
  benefitAtStar, iterations, lossAtStar, netAtStar, slopeAtStar, solveCurrent, status, zStar,
} from "./solver";
import { STATUS_INTERIOR, STATUS_NEAR_HORIZON, STATUS_NEAR_ZERO } from "./status";
import { benefit, evaluateAt, evaluateAtZero, lnFactor, lnLossFactor, loss, slope } from "./marginal";
import { prepareGdp } from "./gdp";
import { prepareConsumer } from "./consumer";
import { fastMethodCovers } from "./fast/gate";
import { prepareTables } from "./fast/tables";
import { RESULT_BENEFIT, RESULT_EVALUATIONS, RESULT_LOSS, RESULT_SLOPE, RESULT_Z, fastResult, solveFast } from "./fast/solve";
import { chokeReached, prepareChoke } from "./choke";

/** z* (days of imports). */
export let outZStar: f64 = 0.0;
/** Status code (solver.ts STATUS_*). */
export let outStatus: i32 = 0;
/** Marginal benefit (USD/yr per day of reserve). */
export let outBenefit: f64 = 0.0;
/** Marginal cost MC = q0 (c + v + i P0) (USD/yr per day of reserve). */
export let outCost: f64 = 0.0;
/** MB'(z) (USD/yr per day^2). */
export let outSlope: f64 = 0.0;
/** S(z) = E(z) + C(z) (USD/yr). */
export let outTotalCost: f64 = 0.0;
/** W(z*) = E(0) - S(z*) (USD/yr); Infinity when E(0) diverges. */
export let outNetBenefit: f64 = 0.0;
/** MB evaluations used by the root finder. */
export let outIterations: i32 = 0;

/** The loaded case is one the fast method covers (fast/gate.ts); its tables are prepared. */
let fastCase: bool = false;
/** consumer.ts's per-case sums are prepared (always for the general kernel; on demand after a fast case). */
let consumerReady: bool = false;

/**
 * Set the case from the 16 API parameters in kernel order (assembly/kernel/layout.ts; includeGdp
 * as 0/1, eventProbability p in (0, 1], chokePrice Pc > P0 or +Infinity, gdpLossForm as 0 paper
 * or 1 linear). Prepares the fast method's tables where it covers the case, else the general
 * kernel's sums.
 */
export function loadCase(
  price: f64, priceFloor: f64, elasticity: f64, meanDisruption: f64, importDependence: f64,
  imports: f64, gdpElasticity: f64, gdp: f64, fixedCost: f64, variableCost: f64,
  interestRate: f64, h: f64, includeGdp: f64, eventProbability: f64, chokePrice: f64, gdpLossForm: f64,
): void {
  setCase(price, priceFloor, elasticity, meanDisruption, importDependence, imports, gdpElasticity,
    gdp, fixedCost, variableCost, interestRate, h, includeGdp, eventProbability, gdpLossForm);
  prepareGdp();
  // A choke price that is reached changes MB's form (choke.ts): the general kernel solves it, and
  // prepareChoke's integrals need prepareConsumer's sums first. Otherwise prepareChoke only resets.
  fastCase = !chokeReached(price, priceFloor, chokePrice) && fastMethodCovers();
  consumerReady = !fastCase;
  if (fastCase) prepareTables(); else prepareConsumer();
  prepareChoke(price, priceFloor, chokePrice);
}

/** Prepare consumer.ts's per-case sums if the loaded case has not had them yet. */
function ensureConsumer(): void {
  if (!consumerReady) prepareConsumer();
  consumerReady = true;
}

/**
 * Solve the loaded case; fills every out* global. The fast method (fast/solve.ts) where it covers
 * the case, else (or where it hands the case back) the general kernel (solver.ts). A fast solve is
 * always interior with m >= 2, so its E(0) and W(z*) are +Infinity.
 */
export function solveLoaded(): void {
  if (fastCase && solveFast()) {
    outZStar = <f64>fastResult[RESULT_Z];
    outStatus = STATUS_INTERIOR;
    outIterations = <i32><f64>fastResult[RESULT_EVALUATIONS];
    outCost = userCost();
    outBenefit = toUser(<f64>fastResult[RESULT_BENEFIT]);
    outSlope = toUser(<f64>fastResult[RESULT_SLOPE]);
    outTotalCost = toUser(<f64>fastResult[RESULT_LOSS] + unitCost * outZStar);
    outNetBenefit = Infinity;
    return;
  }
  const spent: i32 = fastCase ? <i32><f64>fastResult[RESULT_EVALUATIONS] : 0;
  ensureConsumer();
  solveCurrent();
  outZStar = zStar;
  outStatus = status;
  outIterations = iterations + spent;
  outCost = userCost();
  // Where z* is a rounded root (nearZero, nearHorizon), MB(z*) = MC by definition.
  outBenefit = status == STATUS_NEAR_ZERO || status == STATUS_NEAR_HORIZON ? outCost : toUser(benefitAtStar);
  outSlope = toUser(slopeAtStar);
  outTotalCost = toUser(lossAtStar + unitCost * zStar);
  outNetBenefit = toUser(netAtStar);
}

/**
 * Evaluate the loaded case at the reserve z (0 <= z <= H days); fills outBenefit, outCost,
 * outSlope, outTotalCost. At z = 0, MB and S may be Infinity and MB' is -Infinity.
 */
export function evaluateLoaded(z: f64): void {
  ensureConsumer();
  if (z <= 0.0) evaluateAtZero(); else evaluateAt(z, horizon - z, true);
  const factor: f64 = Math.exp(lnFactor);
  outBenefit = toUser(positivePart(benefit, factor));
  outSlope = toUser(slope == -Infinity ? slope : slope * factor);
  const lossFactor: f64 = lnLossFactor == lnFactor ? factor : Math.exp(lnLossFactor);
  outTotalCost = toUser(positivePart(loss, lossFactor) + unitCost * z);
  outCost = userCost();
}

/**
 * x e^lnFactor for a benefit or loss x: +Infinity stays infinite (d = 1, z = 0) even where the
 * factor underflows, and a value rounded below 0 is 0.
 */
function positivePart(x: f64, factor: f64): f64 {
  if (x == Infinity) return x;
  return x > 0.0 ? x * factor : 0.0;
}
