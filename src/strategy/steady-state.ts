/**
 * Screening in closed form: the long-run behaviour of a reserve that fills at a constant rate in
 * normal times and draws at a constant rate during disruptions, as a stationary fluid queue (after
 * Oren & Wan 1986, "Optimal strategic petroleum reserve policies: a steady state analysis",
 * Management Science 32(1), 14-29). One disruption class, memoryless onsets and durations, no
 * price noise; docs/strategy.md, "Steady state in closed form", derives it.
 *
 * Per day: onsets at λ = onsetRate/365, recoveries at μ = 1/meanDuration; the stock x in [0, Z]
 * rises at f in normal times until full and falls at r during a disruption until empty. With
 * θ = μ/r - λ/f the stationary densities on (0, Z) are p_N(x) = A e^(θx) and p_D = (f/r) p_N, with
 * atoms f A e^(θZ)/λ at (full, normal) and f A/μ at (empty, disrupted), A normalising.
 */
import { ParameterError, invalid } from "../rules";
import { VERSION } from "../version";

export interface SteadyStateInput {
  /** Disruption onsets per year (1/yr), > 0. */
  onsetRate: number;
  /** Mean disruption duration (days), > 0; durations are exponential. */
  meanDuration: number;
  /** Fill rate in normal times while not full (days of imports per day), > 0. */
  maxFillRate: number;
  /** Draw rate during a disruption while not empty (days of imports per day), > 0. */
  maxDrawdownRate: number;
  /** Reserve capacity Z (days of imports), >= 0. */
  capacity: number;
}

export interface SteadyStateResult {
  /** Long-run share of disruption time with the reserve empty: P(empty | disrupted). */
  runOutProbability: number;
  /** Long-run share of all time that is disrupted and finds the reserve empty: P(empty and disrupted). */
  emptyAndDisrupted: number;
  /** Long-run share of time in a disruption, λ/(λ + μ). */
  disruptedShare: number;
  /** Long-run share of normal time with the reserve full: P(full | normal). */
  fullProbability: number;
  /** Long-run mean stock (days of imports). */
  meanStock: number;
  /** θ = μ/r - λ/f (1/day): the exponent of the stock's density; 0 is the balanced case. */
  theta: number;
  meta: { version: string; method: string; source: string };
}

const RANGES: Record<keyof SteadyStateInput, { min: number; minInclusive: boolean; max: number; unit: string }> = {
  onsetRate: { min: 0, minInclusive: false, max: 1e4, unit: "1/yr" },
  meanDuration: { min: 0, minInclusive: false, max: 1e6, unit: "days" },
  maxFillRate: { min: 0, minInclusive: false, max: 1e3, unit: "days of imports per day" },
  maxDrawdownRate: { min: 0, minInclusive: false, max: 1e3, unit: "days of imports per day" },
  capacity: { min: 0, minInclusive: true, max: 1e5, unit: "days of imports" },
};

function validate(input: SteadyStateInput): void {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw invalid("input", input, `an object of ${Object.keys(RANGES).join(", ")}`);
  }
  for (const key of Object.keys(input)) {
    if (!(key in RANGES)) {
      throw new ParameterError(`unknown steadyState input ${JSON.stringify(key)}; known: ${Object.keys(RANGES).join(", ")}`, key, (input as unknown as Record<string, unknown>)[key]);
    }
  }
  for (const [name, r] of Object.entries(RANGES)) {
    const value = (input as unknown as Record<string, unknown>)[name];
    const ok = typeof value === "number" && (r.minInclusive ? value >= r.min : value > r.min) && value <= r.max;
    if (!ok) throw invalid(name, value, `${r.min} ${r.minInclusive ? "<=" : "<"} ${name} <= ${r.max} (${r.unit})`);
  }
}

/** Below this |θ| Z the series form of ∫_0^Z y e^(-a y) dy is used (the closed form cancels). */
const SERIES_LIMIT = 1;

/** E(a) = ∫_0^Z e^(-a y) dy = (1 - e^(-aZ))/a, a >= 0 (Z at a = 0; expm1 keeps small aZ exact). */
function decayIntegral(a: number, z: number): number {
  return a === 0 ? z : -Math.expm1(-a * z) / a;
}

/**
 * M(a) = ∫_0^Z y e^(-a y) dy = (1 - e^(-aZ)(1 + aZ))/a², a >= 0. For aZ < 1 the numerator is
 * ~(aZ)²/2 and cancels, so the series Z² Σ_k (-aZ)^k / (k! (k + 2)) is summed instead (terms
 * fall like 1/k!; 25 terms reach 1e-25 at aZ = 1).
 */
function momentIntegral(a: number, z: number): number {
  const x = a * z;
  if (x < SERIES_LIMIT) {
    let term = 1; // (-x)^k / k!
    let sum = 0.5;
    for (let k = 1; k < 25; k++) {
      term *= -x / k;
      sum += term / (k + 2);
    }
    return z * z * sum;
  }
  return (1 - Math.exp(-x) * (1 + x)) / (a * a);
}

/**
 * The stationary distribution of the stock under constant fill and draw rates, in closed form.
 *
 * Returns the run-out probability P(empty | disrupted), the joint P(empty and disrupted), the
 * disrupted share of time, P(full | normal), the mean stock (days of imports), θ and meta. Throws a
 * ParameterError naming the input, its value and its range for anything invalid.
 *
 * Method: the weights of the four pieces of the distribution are computed relative to the side
 * the mass piles up on (scaled by e^(-|θ|Z)), so nothing overflows for any |θ| Z, and θ = 0
 * (μ/r = λ/f, the uniform density) is the continuous limit, not a special case: E and M above are
 * evaluated with expm1 and a series, free of cancellation as θ → 0.
 */
export function steadyState(input: SteadyStateInput): SteadyStateResult {
  validate(input);
  const lambda = input.onsetRate / 365; // onsets per day
  const mu = 1 / input.meanDuration; // recoveries per day
  const f = input.maxFillRate;
  const r = input.maxDrawdownRate;
  const z = input.capacity;
  const theta = mu / r - lambda / f;
  const a = Math.abs(theta);
  const decay = Math.exp(-a * z); // e^(-|θ|Z) <= 1
  const interior = (1 + f / r) * decayIntegral(a, z); // ∫ (p_N + p_D), in units of the density's peak
  const moment = momentIntegral(a, z);
  // Weights relative to the density's value where it peaks: at Z when θ >= 0, at 0 when θ < 0.
  const full = theta >= 0 ? f / lambda : (f / lambda) * decay;
  const empty = theta >= 0 ? (f / mu) * decay : f / mu;
  const stockMoment = theta >= 0 ? (1 + f / r) * (z * decayIntegral(a, z) - moment) : (1 + f / r) * moment;
  const total = full + empty + interior;
  const disruptedShare = lambda / (lambda + mu);
  const emptyAndDisrupted = empty / total;
  return {
    runOutProbability: emptyAndDisrupted / disruptedShare,
    emptyAndDisrupted,
    disruptedShare,
    fullProbability: full / total / (1 - disruptedShare),
    meanStock: (z * full + stockMoment) / total,
    theta,
    meta: {
      version: VERSION,
      method: "closed-form stationary fluid queue (two-state Markov-modulated, reflecting at 0 and capacity)",
      source: "after Oren & Wan (1986), Management Science 32(1)",
    },
  };
}
