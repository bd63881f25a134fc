/**
 * The fast method's per-case coefficient tables for the consumer-surplus series (docs/numerics.md,
 * "Fast method"). consumer.ts sums, at every evaluation, windows of Poisson weights pi_j(x a)
 * (a = z/H, x = H/lambda) times 1/p and 1/q (p = j + 1 - m, q = j + 1), with divisions per term.
 * Since pi_j(x a) = e^(x(1-a)) pi_j(x) a^j, the same sums are polynomials in a whose coefficients
 * depend only on the case:
 *   Pa = sum_j d_j a^j,  d_j = pi_j(x) / p_j,      Qa = sum_j e_j a^j,  e_j = pi_j(x) / q_j,
 * built here once per case (one division per term) and summed by Horner at each evaluation (no
 * division). The near-integer index (p within 1/2 of 0) has coefficient 0 in both tables: its term
 * is summed exactly apart (fast/evaluate.ts), as in consumer.ts. The per-case sums over pi_j(x)
 * (the a-independent parts of IB and ID) come from the same loop.
 *
 * The tables are fixed-size typed arrays allocated once at module start (before the host lays out
 * its batch region past the kernel's data: assembly/index.ts, layoutBase). Case scalars live in
 * one Float64Array (a double stored into a module-level `let` allocates in the JavaScript fallback).
 * Specific to the exponential disruption law (its e^(w/lambda) is what is expanded).
 */
import { exponent, horizonRatio } from "../model";

/** Entries per table: the gate (fast/gate.ts) refuses a case whose window needs more. */
export const TABLE_LENGTH: i32 = 224;
/**
 * A window of pi(mu) ends TAIL_SDS standard deviations plus TAIL_TERMS terms past its mean: the
 * Poisson weight there is below 1e-17 of its peak for every mu up to 100 (worst 5.6e-18 at
 * mu = 100; 2.6e-18 at mu = 75, 2.5e-27 at mu = 1), the tolerance consumer.ts uses.
 */
const TAIL_SDS: f64 = 8.5;
const TAIL_TERMS: f64 = 16.0;
/** Past the largest coefficient index: the table reaches at least m + this (every 1/p there is positive and falling). */
const PAST_EXPONENT: f64 = 4.0;

/** d_j = pi_j(x) / (j + 1 - m), 0 at the near-integer index. */
export const invPTable: Float64Array = new Float64Array(TABLE_LENGTH);
/** e_j = pi_j(x) / (j + 1), 0 at the near-integer index. */
export const invQTable: Float64Array = new Float64Array(TABLE_LENGTH);

/** The case's scalars, at the CASE_ indices below. */
export const caseValues: Float64Array = new Float64Array(7);
/** Last index used in the tables (as f64). */
export const CASE_LAST: i32 = 0;
/** The near-integer index floor(m - 1/2) (m >= 2 in the fast method, so >= 1). */
export const CASE_NEAR: i32 = 1;
/** pi_near(x), the Poisson weight of the near-integer index. */
export const CASE_NEAR_WEIGHT: i32 = 2;
/** sum over j != near of pi_j(x) m / (p q): IB/H at a = 0 (consumer.ts sumX_B). */
export const CASE_SUM_B: i32 = 3;
/** The same sum over j >= 1: ID/(lambda H) at a = 0 (consumer.ts sumX_D). */
export const CASE_SUM_D: i32 = 4;
/** The x and m the tables were built for (0 before the first case: never a valid x). */
export const CASE_X: i32 = 5;
export const CASE_M: i32 = 6;

/** Last index of the window of pi(mu) (see TAIL_SDS). */
export function windowLast(mu: f64): f64 {
  return Math.ceil(mu + TAIL_SDS * Math.sqrt(mu) + TAIL_TERMS);
}

/** Table entries the case (x = H/lambda, exponent m) needs; the gate compares it with TABLE_LENGTH. */
export function tableEntries(x: f64, m: f64): f64 {
  return Math.max(windowLast(x), Math.ceil(m + PAST_EXPONENT)) + 1.0;
}

/**
 * Build the tables and caseValues for the case set by model.setCase (the gate has accepted it).
 * They depend on x and m only: a case with the same two as the last (a sweep over costs, prices,
 * d) keeps them. The near-integer index floor(m - 1/2) lies in [1, last - 4] (2 <= m, last >= m + 4),
 * so the loop runs in two branch-free ranges around it, and j = 0 (in sumB but not in sumD) is
 * taken first: the sums are added in the same order as one loop over j would.
 */
export function prepareTables(): void {
  const m: f64 = exponent;
  const x: f64 = horizonRatio;
  if (x == <f64>caseValues[CASE_X] && m == <f64>caseValues[CASE_M]) return;
  caseValues[CASE_X] = x;
  caseValues[CASE_M] = m;
  const last: i32 = <i32>tableEntries(x, m) - 1;
  const near: f64 = Math.floor(m - 0.5);
  const nearIndex: i32 = <i32>near;
  caseValues[CASE_SUM_B] = 0.0;
  caseValues[CASE_SUM_D] = 0.0;
  let w: f64 = fillTables(0, 0, Math.exp(-x));
  w = fillTables(1, nearIndex - 1, w);
  invPTable[nearIndex] = 0.0;
  invQTable[nearIndex] = 0.0;
  caseValues[CASE_NEAR_WEIGHT] = w;
  fillTables(nearIndex + 1, last, (w * x) / (near + 1.0));
  caseValues[CASE_LAST] = <f64>last;
  caseValues[CASE_NEAR] = near;
}

/**
 * Table entries first..last (none when last < first) from the Poisson weight w = pi_first(x);
 * adds their terms to CASE_SUM_B (and to CASE_SUM_D from j = 1) and returns pi_(last+1)(x).
 */
function fillTables(first: i32, last: i32, weight: f64): f64 {
  const m: f64 = exponent;
  const x: f64 = horizonRatio;
  let w: f64 = weight;
  let sumB: f64 = <f64>caseValues[CASE_SUM_B];
  let sumD: f64 = <f64>caseValues[CASE_SUM_D];
  let q: f64 = <f64>first + 1.0;
  for (let j: i32 = first; j <= last; j++) {
    const p: f64 = q - m;
    // One division for w/p, w/q, w m/(pq) and the next weight w x/q: r = 1/(p q).
    const r: f64 = 1.0 / (p * q);
    const wq: f64 = w * p * r;
    invPTable[j] = w * q * r;
    invQTable[j] = wq;
    const term: f64 = m * w * r;
    sumB += term;
    sumD += term;
    w = wq * x;
    q += 1.0;
  }
  caseValues[CASE_SUM_B] = sumB;
  // j = 0 is filled alone (first = last = 0): its term belongs to sumB only.
  if (first > 0) caseValues[CASE_SUM_D] = sumD;
  return w;
}
