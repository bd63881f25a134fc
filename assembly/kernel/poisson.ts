/**
 * Where to start summing Poisson-weighted series sum_k pi_k(mu) c_k, pi_k(mu) = e^-mu mu^k / k!.
 *
 * The consumer-surplus integrals become such series (consumer.ts). For mu up to DIRECT_START_MAX
 * the weights are generated from pi_0 = e^-mu (no underflow: e^-600 ~ 1e-261). For larger mu the
 * sum starts LOWER_TAIL_SDS standard deviations below the mean, where the omitted lower tail
 * carries less than e^(-LOWER_TAIL_SDS^2 / 2) = e^-98 of the weight, and the first weight is
 * formed in log space.
 */

import { lnFactorial } from "./special";

const DIRECT_START_MAX: f64 = 600.0;
const LOWER_TAIL_SDS: f64 = 14.0;

/** First index k (as f64) of the summation window for mean mu >= 0. */
export function poissonStart(mu: f64): f64 {
  if (mu <= DIRECT_START_MAX) return 0.0;
  return Math.floor(mu - LOWER_TAIL_SDS * Math.sqrt(mu));
}

/** ln pi_k(mu) for whole k >= 0 and mu > 0. */
export function poissonLogWeight(k: f64, mu: f64): f64 {
  return k * Math.log(mu) - mu - lnFactorial(k);
}
