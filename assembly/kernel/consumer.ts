/**
 * The consumer-surplus (CP) integrals at a reserve z, per unit of imports, with s = H - t + z
 * the oil left at disruption t and g(s) = (s/H)^-m - 1 (so P(s) - P0 = A g(s)):
 *
 *   IB = int_0^W e^(-w/lambda) g(H - w) dw                 MB_CP = q0 A e^(-z/lambda) IB / Z
 *   IP = int_0^W e^(-w/lambda) ((H - w)/H)^(-m-1) dw       MB_CP' = -q0 (m A / H) e^(-z/lambda) IP / Z
 *   ID = int_0^W e^(-w/lambda) psi(H - w) dw               E_CP = q0 A e^(-z/lambda) ID / Z
 *
 * with w = t - z, W = H - z, psi(s) = int_s^H g(Q) dQ the loss still suffered when a disruption
 * leaves s, and E_CP the expected CP loss that the reserve z does not cover (S = E + C(z)).
 * All three are returned multiplied by e^(-cpScale) so that they stay finite when the spike
 * (z/H)^(1-m) overflows (tiny z, large m).
 *
 * Method (specific to the exponential disruption law, whose e^(w/lambda) is what is expanded).
 * With a = z/H, L = ln a and x = H/lambda, expanding e^(x u) in powers turns each
 * integral into a series of Poisson weights pi_j(mu) = e^-mu mu^j / j! times rational
 * coefficients in p = j + 1 - m and q = j + 1 (docs/numerics.md, "Method"):
 *   IB / H = sum_j pi_j(x) B_j,        B_j = int_a^1 u^j g(u) du = m/(pq) - a^p (1/p - a^m/q)
 *   IP / H = sum_j pi_j(x) phi(j - m),  phi(e) = (1 - a^e)/e
 *   ID / (lambda H) = sum_{j>=1} pi_j(x) D_j,
 *     D_j = int_a^1 (u^j - a^j) g(u) du = m/(pq) + a^j [j E + j - m]/p - j a^(j+1)/q,
 *     E = (a^(1-m) - 1)/(1-m).
 * The a^p parts are regrouped with pi_j(x) a^j = e^(-x(1-a)) pi_j(x a), so each quantity is a
 * sum over the window of pi(x) plus C times a sum over the window of pi(x a), with
 * C = a^(1-m) e^(-x(1-a)) carried in log space. The one index whose p (or p - 1) lies within
 * 1/2 of zero is summed exactly with expm1 (phi), never split, because its two halves are each
 * ~1/p and cancel (eps = -0.1 gives p ~ 2e-15). Each window is summed until the weight falls
 * below 1e-17 of its peak past both the mean and m + 1, where every remaining coefficient is
 * positive and decreasing. Terms: about mu + 9 sqrt(mu) + few for each window.
 *
 * Near the horizon (|L| max(m, x, 8) < NEAR_HORIZON) the regrouped sums cancel like
 * (H - z)^2; there every factor of the integrand varies by at most e^2 over [0, W], W/H < 0.22
 * keeps the singularity of (1 - w/H)^-m at w = H at least 7 half-widths away, and the 8-point
 * Gauss-Legendre rule on the integrands written with log1p/expm1 is exact to rounding (gauss.ts).
 * Outside it the series terms lose at most one digit (|p L| >= 1/4 for the dominant terms).
 */
import { exponent, exponentGap, horizon, horizonRatio, meanDisruption } from "./model";
import { GL_HALF, glNode, glWeight } from "./gauss";
import { expMinusOne, phi, expm1OverX } from "./special";
import { poissonLogWeight, poissonStart } from "./poisson";

/** Switch to quadrature when |ln(z/H)| max(m, x, SPREAD_FLOOR) is below this (see above). */
const NEAR_HORIZON: f64 = 2.0;
/** Keeps the quadrature interval within |ln(z/H)| < 1/4, away from the singularity at w = H. */
const SPREAD_FLOOR: f64 = 8.0;
/** A window stops when its weight falls below this fraction of its peak. */
const WINDOW_TOL: f64 = 1e-17;
/** ... or, while coefficients may still grow (j <= m + 1), below this fraction. */
const WINDOW_TOL_GROWING: f64 = 1e-30;
/**
 * A hard bound on a window's length, in standard deviations of pi(mu) past its mean and terms
 * past m + 1: the tolerances above stop every window of a valid case long before (a Poisson tail
 * 12 standard deviations out is below e^-72 = 5e-32 of the peak), so this bound only guarantees
 * that no input whatever makes the kernel loop for long.
 */
const WINDOW_MAX_SDS: f64 = 30.0;
const WINDOW_MAX_EXTRA: f64 = 100.0;

/** IB e^(-cpScale) (days). */
export let cpB: f64 = 0.0;
/** IP e^(-cpScale) (days). */
export let cpP: f64 = 0.0;
/** ID e^(-cpScale) (days^2). */
export let cpD: f64 = 0.0;
/** The log scale factored out of cpB and cpP (>= 0). */
export let cpScale: f64 = 0.0;
/**
 * The log scale factored out of cpD and cpDeltaD (>= 0): cpScale, except for a subnormal-sized
 * reserve (a < TINY_A), where ID ~ a^(2-m) and IB ~ a^(1-m) can differ by more than the double
 * range and each needs its own scale.
 */
export let cpDScale: f64 = 0.0;
/**
 * (ID(0) - ID(z)) e^(-cpScale) (days^2), the part of the reserve's benefit E(0) - E(z) that the
 * series gives without cancellation (see reserveBenefit in marginal.ts). Set by the series
 * method only, and meaningful only for m < 2 (where ID(0) is finite); NaN after quadrature.
 */
export let cpDeltaD: f64 = 0.0;

// Per case (prepareConsumer): the window of pi(x) depends only on x and m, not on z, so its
// sums and the near-integer indices and log weights are computed once per case.
let sumX_B: f64 = 0.0;
let sumX_D: f64 = 0.0;
let sumX_P: f64 = 0.0;
let jNearP: f64 = -1.0;
let jNearPm1: f64 = 0.0;
let lnWeightNearP: f64 = 0.0;
let lnWeightNearPm1: f64 = 0.0;
// Sums over the window of pi(x a).
let sumA_invP: f64 = 0.0;
let sumA_invQ: f64 = 0.0;
let sumA_invPm1: f64 = 0.0;
let sumA_jOverP: f64 = 0.0;
let sumA_jmOverP: f64 = 0.0;
let sumA_jOverQ: f64 = 0.0;

/** True when the window of pi(mu) may stop after index j with weight w (peak wPeak). */
function windowDone(j: f64, mu: f64, w: f64, wPeak: f64, m: f64, jMax: f64): bool {
  if (j >= jMax || !(w == w)) return true;
  if (j <= mu) return false;
  if (j > m + 1.0) return w < WINDOW_TOL * wPeak;
  return w < WINDOW_TOL_GROWING * wPeak;
}

/** The last index a window of pi(mu) may reach (see WINDOW_MAX_SDS). */
function windowEnd(mu: f64, m: f64): f64 {
  return mu + WINDOW_MAX_SDS * Math.sqrt(mu) + m + WINDOW_MAX_EXTRA;
}

/** First weight of the window of pi(mu) starting at j0. */
function firstWeight(j0: f64, mu: f64): f64 {
  return j0 == 0.0 ? Math.exp(-mu) : Math.exp(poissonLogWeight(j0, mu));
}

/**
 * Prepare the per-case parts of the series (call after model.setCase): the indices whose p
 * (resp. p - 1) lies in (-1/2, 1/2] (-1 when there is none), their Poisson log weights, and the
 * sums over the window of pi(x).
 */
export function prepareConsumer(): void {
  const m: f64 = exponent;
  const x: f64 = horizonRatio;
  jNearP = m >= 0.5 ? Math.floor(m - 0.5) : -1.0;
  jNearPm1 = Math.floor(m + 0.5);
  lnWeightNearP = jNearP >= 0.0 ? poissonLogWeight(jNearP, x) : 0.0;
  lnWeightNearPm1 = poissonLogWeight(jNearPm1, x);
  sumOverX(x, m);
}

/** The pi(x) window: coefficients m/(pq) (B and D) and 1/(p-1) (P), skipping the near-integer indices. */
function sumOverX(x: f64, m: f64): void {
  let b: f64 = 0.0;
  let dd: f64 = 0.0;
  let pp: f64 = 0.0;
  const j0: f64 = poissonStart(x);
  const jMax: f64 = windowEnd(x, m);
  let w: f64 = firstWeight(j0, x);
  let wPeak: f64 = w;
  for (let j: f64 = j0; ; j += 1.0) {
    const q: f64 = j + 1.0;
    const p: f64 = q - m;
    // w m/(pq) (skipped at jNearP) and w/(p-1) (skipped at jNearPm1), with one division when
    // neither is skipped: r = w / (p q (p - 1)).
    let t: f64 = 0.0;
    let tPm1: f64 = 0.0;
    if (j != jNearP && j != jNearPm1) {
      const r: f64 = w / (p * q * (p - 1.0));
      t = m * (p - 1.0) * r;
      tPm1 = p * q * r;
    } else if (j != jNearP) {
      t = (w * m) / (p * q);
    } else if (j != jNearPm1) {
      tPm1 = w / (p - 1.0);
    }
    b += t;
    if (j >= 1.0) dd += t;
    pp += tPm1;
    if (w > wPeak) wPeak = w;
    if (windowDone(j, x, w, wPeak, m, jMax)) break;
    w *= x / q;
  }
  sumX_B = b;
  sumX_D = dd;
  sumX_P = pp;
}

/** The pi(x a) window: the coefficients of the regrouped a^p parts. */
function sumOverXa(mu: f64, m: f64): void {
  let invP: f64 = 0.0;
  let invQ: f64 = 0.0;
  let invPm1: f64 = 0.0;
  let jOverP: f64 = 0.0;
  let jmOverP: f64 = 0.0;
  let jOverQ: f64 = 0.0;
  const j0: f64 = poissonStart(mu);
  const jMax: f64 = windowEnd(mu, m);
  let w: f64 = firstWeight(j0, mu);
  let wPeak: f64 = w;
  for (let j: f64 = j0; ; j += 1.0) {
    const q: f64 = j + 1.0;
    const p: f64 = q - m;
    // w/p and w/q (skipped at jNearP) and w/(p-1) (skipped at jNearPm1), with one division when
    // none is skipped: r = w / (p q (p - 1)).
    let wp: f64 = 0.0;
    let wq: f64 = 0.0;
    let wPm1: f64 = 0.0;
    if (j != jNearP && j != jNearPm1) {
      const r: f64 = w / (p * q * (p - 1.0));
      wp = q * (p - 1.0) * r;
      wq = p * (p - 1.0) * r;
      wPm1 = p * q * r;
    } else if (j != jNearP) {
      wp = w / p;
      wq = w / q;
    } else if (j != jNearPm1) {
      wPm1 = w / (p - 1.0);
    }
    invP += wp;
    invQ += wq;
    invPm1 += wPm1;
    if (j >= 1.0) {
      // D_0 = 0: the D sums start at j = 1 (the j = 0 terms of its parts cancel exactly).
      jOverP += j * wp;
      jmOverP += (j - m) * wp;
      jOverQ += j * wq;
    }
    if (w > wPeak) wPeak = w;
    if (windowDone(j, mu, w, wPeak, m, jMax)) break;
    w *= mu / q;
  }
  sumA_invP = invP;
  sumA_invQ = invQ;
  sumA_invPm1 = invPm1;
  sumA_jOverP = jOverP;
  sumA_jmOverP = jmOverP;
  sumA_jOverQ = jOverQ;
}

/**
 * Below this a = z/H the pi(x a) window is its first terms: each further term is x a / (j + 1) <
 * 1e-246 times the one before, below any rounding, while x a itself may underflow (z subnormal).
 */
const TINY_A: f64 = 1e-250;

/**
 * The pi(x a) sums for a < TINY_A: the j = 0 term (weight e^-mu = 1) of invP, invQ, invPm1 and
 * the j = 1 term of the j >= 1 sums *per unit of mu* (weight e^-mu mu / mu = 1); the caller
 * multiplies those by mu in log space. Same skips of the near-integer indices as sumOverXa.
 */
function tinyWindowXa(m: f64): void {
  const p0: f64 = 1.0 - m;
  sumA_invP = jNearP != 0.0 ? 1.0 / p0 : 0.0;
  sumA_invQ = jNearP != 0.0 ? 1.0 : 0.0;
  sumA_invPm1 = jNearPm1 != 0.0 ? 1.0 / (p0 - 1.0) : 0.0;
  const wp1: f64 = jNearP != 1.0 ? 1.0 / (2.0 - m) : 0.0;
  sumA_jOverP = wp1;
  sumA_jmOverP = (1.0 - m) * wp1;
  sumA_jOverQ = jNearP != 1.0 ? 0.5 : 0.0;
}

/** The series method (see the file comment); a = z/H, lnA = ln a, W = H - z. */
function consumerSeries(a: f64, lnA: f64, w: f64): void {
  const m: f64 = exponent;
  const x: f64 = horizonRatio;
  const h: f64 = horizon;
  const lambda: f64 = meanDisruption;
  const decayW: f64 = w / lambda; // x (1 - a), formed from W to keep it exact near H
  const lnC: f64 = (1.0 - m) * lnA - decayW;
  const scale: f64 = lnC > 0.0 ? lnC : 0.0;
  const c: f64 = Math.exp(lnC - scale);
  const cOverA: f64 = Math.exp(lnC - lnA - scale);
  const e0: f64 = Math.exp(-decayW - scale);
  const unscale: f64 = scale == 0.0 ? 1.0 : Math.exp(-scale);
  const aPowM: f64 = Math.exp(m * lnA);

  // Factors of the j >= 1 sums (all terms of cpD), which tinyWindowXa gives per unit of
  // mu = x a, and the scale of cpD.
  let cJ: f64 = c;
  let e0J: f64 = e0;
  let scaleD: f64 = scale;
  let unscaleD: f64 = unscale;
  if (a < TINY_A) {
    tinyWindowXa(m);
    const lnMu: f64 = Math.log(x) + lnA;
    scaleD = lnC + lnMu > 0.0 ? lnC + lnMu : 0.0;
    unscaleD = Math.exp(-scaleD);
    cJ = Math.exp(lnC - scaleD + lnMu);
    e0J = Math.exp(-decayW - scaleD + lnMu);
  } else {
    sumOverXa(x * a, m);
  }

  // (a^(1-m) - 1)/(1-m) = a^(1-m) * eTilde, eTilde = (1 - a^(m-1))/(1-m) -> ln a as m -> 1.
  const eTilde: f64 = lnA * expm1OverX((m - 1.0) * lnA);

  let b: f64 = sumX_B * unscale - c * (sumA_invP - aPowM * sumA_invQ);
  let pp: f64 = sumX_P * unscale - cOverA * sumA_invPm1;
  // The a-dependent part of sum pi_j D_j; D_j(0) - D_j(a) is exactly its negative.
  const aPart: f64 = cJ * eTilde * sumA_jOverP + e0J * sumA_jmOverP - e0J * a * sumA_jOverQ;
  let dd: f64 = sumX_D * unscaleD + aPart;
  let deltaD: f64 = -aPart;

  if (jNearP >= 0.0) {
    const p: f64 = exponentGap(jNearP);
    const q: f64 = jNearP + 1.0;
    const wj: f64 = Math.exp(lnWeightNearP - scale);
    const wjD: f64 = scaleD == scale ? wj : Math.exp(lnWeightNearP - scaleD);
    const bj: f64 = phi(p, lnA) - phi(q, lnA);
    b += wj * bj;
    if (jNearP >= 1.0) {
      // D_j = B_j - a^j B_0 with a^j B_0 = (a^j - a^p)/(1-m) - a^j (1-a); m >= 1.5 here.
      const aj: f64 = Math.exp(jNearP * lnA);
      const ap: f64 = Math.exp(p * lnA);
      dd += wjD * (bj - ((aj - ap) / (1.0 - m) + aj * expMinusOne(lnA)));
      // D_j(0) - D_j(a) = j a^p/(p(m-1)) - m a^j/(m-1) + j a^q/q, free of cancellation for small a.
      deltaD += wjD * ((jNearP * ap) / (p * (m - 1.0)) - (m * aj) / (m - 1.0) + (jNearP * aj * a) / q);
    }
  }
  const wk: f64 = Math.exp(lnWeightNearPm1 - scale);
  pp += wk * phi(exponentGap(jNearPm1 - 1.0), lnA);

  cpB = h * b;
  cpP = h * pp;
  cpD = lambda * h * dd;
  cpDeltaD = lambda * h * deltaD;
  cpScale = scale;
  cpDScale = scaleD;
}

/**
 * The two series below stop at the first term below SERIES_TAIL of their sum: the terms fall at
 * least geometrically (ratio |y|/n <= 1/6, v <= 0.3), so the rest adds less than half of that, far
 * below the sum's rounding (1.1e-16); the loop bounds stay as the worst-case lengths.
 */
const SERIES_TAIL: f64 = 1e-17;

/** (e^y - 1 - y) / y^2, by its Taylor series for |y| <= 1/2 and directly beyond. */
export function expm1MinusXOverX2(y: f64): f64 {
  if (Math.abs(y) > 0.5) return (Math.expm1(y) - y) / (y * y);
  let term: f64 = 0.5;
  let sum: f64 = 0.5;
  for (let n: f64 = 3.0; n < 30.0; n += 1.0) {
    term *= y / n;
    sum += term;
    if (Math.abs(term) <= SERIES_TAIL * sum) break;
  }
  return sum;
}

/** -ln(1 - v) - v for 0 <= v < 1, by its series for v <= 0.3 (no cancellation) and directly beyond. */
export function minusLog1mMinusX(v: f64): f64 {
  if (v > 0.3) return -Math.log1p(-v) - v;
  let power: f64 = v;
  let sum: f64 = 0.0;
  for (let n: f64 = 2.0; n < 40.0; n += 1.0) {
    power *= v;
    const term: f64 = power / n;
    sum += term;
    if (term <= SERIES_TAIL * sum) break;
  }
  return sum;
}

/** Gauss-Legendre on [0, W] for the near-horizon case (see the file comment); ID only if wantLoss. */
function consumerQuadrature(w: f64, wantLoss: bool): void {
  const m: f64 = exponent;
  const h: f64 = horizon;
  const lambda: f64 = meanDisruption;
  const half: f64 = 0.5 * w;
  let b: f64 = 0.0;
  let pp: f64 = 0.0;
  let dd: f64 = 0.0;
  for (let k: i32 = 0; k < GL_HALF; k++) {
    const xi: f64 = glNode(k);
    const wt: f64 = glWeight(k);
    for (let side: i32 = 0; side < 2; side++) {
      const u: f64 = side == 0 ? half * (1.0 - xi) : half * (1.0 + xi);
      const v: f64 = u / h;
      const l1: f64 = Math.log1p(-v);
      const decay: f64 = wt * Math.exp(-u / lambda);
      b += decay * Math.expm1(-m * l1);
      pp += decay * Math.exp(-(m + 1.0) * l1);
      if (wantLoss) {
        // psi(H - u)/H = (m-1) l1^2 h((1-m) l1) + (-ln(1-v) - v): both parts free of cancellation.
        dd += decay * ((m - 1.0) * l1 * l1 * expm1MinusXOverX2((1.0 - m) * l1) + minusLog1mMinusX(v));
      }
    }
  }
  cpB = half * b;
  cpP = half * pp;
  cpD = wantLoss ? half * h * dd : NaN;
  cpDeltaD = NaN;
  cpScale = 0.0;
  cpDScale = 0.0;
}

/**
 * True when the reserve with lnA = ln(z/H) is in the near-horizon regime, where the integrals
 * are taken by quadrature (|ln(z/H)| max(m, x, SPREAD_FLOOR) < NEAR_HORIZON, see the file comment).
 */
export function nearHorizon(lnA: f64): bool {
  let spread: f64 = exponent > horizonRatio ? exponent : horizonRatio;
  if (spread < SPREAD_FLOOR) spread = SPREAD_FLOOR;
  return -lnA * spread < NEAR_HORIZON;
}

/**
 * Set cpB, cpP, cpD, cpScale for the reserve z = H - W (0 < z <= H), given lnA = ln(z/H).
 * cpD is always set by the series (its extra sums are cheap) but by the quadrature only when
 * wantLoss (its integrand psi costs more than the rest); otherwise it is NaN.
 */
export function consumerIntegrals(z: f64, lnA: f64, w: f64, wantLoss: bool): void {
  if (nearHorizon(lnA)) {
    consumerQuadrature(w, wantLoss);
  } else {
    consumerSeries(z / horizon, lnA, w);
  }
}

/**
 * The same integrals at z = 0, where they are finite only for m < 1 (IB) and m < 2 (ID);
 * IP is always infinite there. At a = 0 every a^p part vanishes and B_j = D_j = m/(pq).
 * Sets cpB, cpD (Infinity where they diverge), cpP = Infinity, cpScale = 0.
 */
export function consumerIntegralsAtZero(): void {
  const m: f64 = exponent;
  if (m >= 2.0) {
    cpB = Infinity;
    cpD = Infinity;
    cpP = Infinity;
    cpDeltaD = 0.0;
    cpScale = 0.0;
    cpDScale = 0.0;
    return;
  }
  const x: f64 = horizonRatio;
  let b: f64 = 0.0;
  let dd: f64 = 0.0;
  const j0: f64 = poissonStart(x);
  const jMax: f64 = windowEnd(x, m);
  let w: f64 = firstWeight(j0, x);
  let wPeak: f64 = w;
  for (let j: f64 = j0; ; j += 1.0) {
    const q: f64 = j + 1.0;
    // At the near-integer index p = q - m is tiny and B_j = D_j = m/(pq) ~ 1/p: take p exactly.
    const p: f64 = j == jNearP ? exponentGap(j) : q - m;
    const t: f64 = (w * m) / (p * q);
    b += t;
    if (j >= 1.0) dd += t;
    if (w > wPeak) wPeak = w;
    if (windowDone(j, x, w, wPeak, m, jMax)) break;
    w *= x / q;
  }
  cpB = m < 1.0 ? horizon * b : Infinity;
  cpD = m < 2.0 ? meanDisruption * horizon * dd : Infinity;
  cpP = Infinity;
  cpDeltaD = 0.0;
  cpScale = 0.0;
  cpDScale = 0.0;
}

/** Zero the CP integrals (no CP term: P1 = P0). */
export function clearConsumerIntegrals(): void {
  cpB = 0.0;
  cpP = 0.0;
  cpD = 0.0;
  cpDeltaD = 0.0;
  cpScale = 0.0;
  cpDScale = 0.0;
}
