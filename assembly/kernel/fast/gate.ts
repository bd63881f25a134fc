/**
 * Where the fast method (fast/*.ts, docs/numerics.md "Fast method") is used: the one place that
 * decides, per case, between it and the general kernel (solver.ts), which solves everything else.
 * fast/solve.ts may still hand a case back at run time (a point within 1e-30 H of 0 or 1e-6 H of H,
 * non-finite values, no convergence).
 */
import { exponent, gdpLinear, gdpPole, gdpWeight, horizonRatio, lnBenefitScale, priceSpan, unitCost } from "../model";
import { TABLE_LENGTH, tableEntries } from "./tables";

/**
 * Largest x = H/lambda: the tables grow as x + 8.5 sqrt(x) + 16 terms (165 at 75) and their first
 * weight e^-x shrinks; the fast method is compared with the general kernel up to here
 * (tests/fast-method.test.ts). Beyond, the general kernel's windows (which start near the mean
 * for large x) are the better tool.
 */
export const FAST_MAX_HORIZON_RATIO: f64 = 75.0;
/** Smallest exponent m = -1/elasticity: below 2, E(0) is finite and z* may be 0 (statuses zero, netBenefit). */
export const FAST_MIN_EXPONENT: f64 = 2.0;
/** Largest m: the spike (z/H)^(1-m) and the coefficients 1/p of mixed sign are checked up to here. */
export const FAST_MAX_EXPONENT: f64 = 40.0;
/**
 * Smallest lnBenefitScale: below, the costs exceed the benefit side by more than 2^865 and the
 * root sits next to 0 or H (statuses nearZero, nearHorizon, factors beyond the double range).
 */
export const FAST_MIN_BENEFIT_SCALE: f64 = -600.0;

/** Off only for comparisons of the two methods (tests/fast-method.test.ts); on in every build. */
let fastMethodEnabled: bool = true;

/** Switch the fast method on or off (for tests that compare it with the general kernel). */
export function setFastMethodEnabled(on: bool): void {
  fastMethodEnabled = on;
}

/**
 * True when the fast method covers the case set by model.setCase: a consumer-surplus term with
 * FAST_MIN_EXPONENT <= m <= FAST_MAX_EXPONENT, no d = 1 pole, x = H/lambda <= FAST_MAX_HORIZON_RATIO,
 * a holding cost that is positive in scaled units, and money magnitudes within FAST_MIN_BENEFIT_SCALE
 * (an event probability p < 1 is part of that scale, so it needs nothing else). The linear GDP loss
 * (gdp-linear.ts) changes MB's form: the general kernel solves it, as it does a finite choke price
 * (api.ts loadCase). Call after prepareGdp.
 */
export function fastMethodCovers(): bool {
  const m: f64 = exponent;
  const x: f64 = horizonRatio;
  return fastMethodEnabled && priceSpan > 0.0 && m >= FAST_MIN_EXPONENT && m <= FAST_MAX_EXPONENT && !gdpPole
    && x <= FAST_MAX_HORIZON_RATIO && tableEntries(x, m) <= <f64>TABLE_LENGTH
    && unitCost > 0.0 && lnBenefitScale >= FAST_MIN_BENEFIT_SCALE
    && !(gdpLinear && gdpWeight > 0.0);
}
