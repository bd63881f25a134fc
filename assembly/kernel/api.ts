/**
 * The kernel's case-level entry points, in user units (USD, days), shared verbatim by the
 * WebAssembly build (assembly/index.ts) and the JavaScript fallback (src/backend/js.ts).
 * Results are left in the exported `out*` globals so that nothing is allocated per call.
 */
import { horizon, setCase, unitCost } from "./model";
import {
  benefitAtStar, iterations, lossAtStar, netAtStar, slopeAtStar, solveCurrent, status, zStar,
} from "./solver";
import { benefit, evaluateAt, evaluateAtZero, lnFactor, loss, slope } from "./marginal";
import { prepareGdp } from "./gdp";
import { prepareConsumer } from "./consumer";

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

let q0: f64 = 0.0;

/** Set the case from the 13 API parameters (order of MODEL.md section 2; includeGdp as 0/1). */
export function loadCase(
  price: f64, priceFloor: f64, elasticity: f64, meanDisruption: f64, importDependence: f64,
  imports: f64, gdpElasticity: f64, gdp: f64, fixedCost: f64, variableCost: f64,
  interestRate: f64, h: f64, includeGdp: f64,
): void {
  q0 = imports;
  setCase(price, priceFloor, elasticity, meanDisruption, importDependence, imports, gdpElasticity,
    gdp, fixedCost, variableCost, interestRate, h, includeGdp);
  prepareConsumer();
  prepareGdp();
}

/** Solve the loaded case; fills every out* global. */
export function solveLoaded(): void {
  solveCurrent();
  outZStar = zStar;
  outStatus = status;
  outIterations = iterations;
  outBenefit = q0 * benefitAtStar;
  outCost = q0 * unitCost;
  outSlope = q0 * slopeAtStar;
  outTotalCost = q0 * (lossAtStar + unitCost * zStar);
  outNetBenefit = q0 * netAtStar;
}

/**
 * Evaluate the loaded case at the reserve z (0 <= z <= H days); fills outBenefit, outCost,
 * outSlope, outTotalCost. At z = 0, MB and S may be Infinity and MB' is -Infinity.
 */
export function evaluateLoaded(z: f64): void {
  if (z <= 0.0) evaluateAtZero(); else evaluateAt(z, horizon - z, true);
  const factor: f64 = Math.exp(lnFactor);
  outBenefit = benefit > 0.0 ? q0 * benefit * factor : 0.0;
  outSlope = q0 * slope * factor;
  const expectedLoss: f64 = loss > 0.0 ? loss * factor : 0.0;
  outTotalCost = q0 * (expectedLoss + unitCost * z);
  outCost = q0 * unitCost;
}
