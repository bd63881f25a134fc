/**
 * Where to start summing Poisson-weighted series sum_k pi_k(mu) c_k, pi_k(mu) = e^-mu mu^k / k!.
 *
 * The consumer-surplus integrals become such series (consumer.ts). For mu up to DIRECT_START_MAX
 * the weights are generated from pi_0 = e^-mu (no underflow: e^-600 ~ 1e-261). For larger mu the
 * sum starts LOWER_TAIL_SDS standard deviations below the mean, where the omitted lower tail
 * carries less than e^(-LOWER_TAIL_SDS^2 / 2) = e^-98 of the weight, and the first weight is
 * formed in log space.
 */

import { HALF_LN_2PI, STIRLING_FROM, lnFactorial, stirlingCorrection } from "./special";

const DIRECT_START_MAX: f64 = 600.0;
const LOWER_TAIL_SDS: f64 = 14.0;

/** First index k (as f64) of the summation window for mean mu >= 0. */
export function poissonStart(mu: f64): f64 {
  if (mu <= DIRECT_START_MAX) return 0.0;
  return Math.floor(mu - LOWER_TAIL_SDS * Math.sqrt(mu));
}

/**
 * ln pi_k(mu) for whole k >= 0 and mu > 0.
 * For k >= STIRLING_FROM the terms k ln mu, mu and ln k! are combined before rounding:
 * ln pi_k = k (log1p(t) - t) - ln(2 pi k)/2 - stirlingCorrection(k), t = (mu - k)/k, whose
 * magnitude is ~k t^2/2. Formed directly, k ln mu - mu - ln k! subtracts numbers ~k ln k and
 * keeps only their absolute precision (1e-11 relative in every weight for k ~ 4000).
 */
export function poissonLogWeight(k: f64, mu: f64): f64 {
  if (k < STIRLING_FROM) return k * Math.log(mu) - mu - lnFactorial(k);
  const t: f64 = (mu - k) / k;
  return k * (Math.log1p(t) - t) - HALF_LN_2PI - 0.5 * Math.log(k) - stirlingCorrection(k);
}
