/**
 * Small special functions shared by the kernel. Portable TypeScript: compiled to WebAssembly by
 * AssemblyScript and imported unchanged by the JavaScript fallback.
 */

/** ln(2 pi) / 2. */
export const HALF_LN_2PI: f64 = 0.9189385332046728;

/** Below this, ln(n!) is formed from the exact product; from it on, by Stirling's series. */
export const STIRLING_FROM: f64 = 20.0;

/**
 * ln(n!) - [n ln n - n + ln(2 pi n)/2], Stirling's correction, for n >= STIRLING_FROM: four terms
 * of its asymptotic series, whose truncation error 1/(1188 n^9) is under 2e-15 there.
 */
export function stirlingCorrection(n: f64): f64 {
  const r: f64 = 1.0 / n;
  const r2: f64 = r * r;
  return r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0))));
}

/** ln(n!) for a whole number n >= 0 (passed as f64): exact product below STIRLING_FROM. */
export function lnFactorial(n: f64): f64 {
  if (n < STIRLING_FROM) {
    let prod: f64 = 1.0;
    for (let k: f64 = 2.0; k <= n; k += 1.0) prod *= k;
    return Math.log(prod);
  }
  return n * Math.log(n) - n + HALF_LN_2PI + 0.5 * Math.log(n) + stirlingCorrection(n);
}

/** Below this |x|, e^x - 1 needs expm1; from it on exp(x) - 1 loses at most ~1.3 ulp (|e^x - 1| >= 0.39). */
const EXPM1_DIRECT_FROM: f64 = 0.5;

/**
 * e^x - 1: expm1 for |x| < EXPM1_DIRECT_FROM, exp(x) - 1 beyond, where it is as accurate and
 * about 3x cheaper in AssemblyScript's NativeMath (exp 5 ns, expm1 14 ns).
 */
export function expMinusOne(x: f64): f64 {
  return Math.abs(x) < EXPM1_DIRECT_FROM ? Math.expm1(x) : Math.exp(x) - 1.0;
}

/**
 * phi(p) = (1 - a^p) / p = integral of u^(p-1) over [a, 1], given L = ln a < 0.
 * Written with expm1 so that it stays exact as p -> 0 (the limit is -L): this is the
 * near-integer trap of docs/numerics.md, "Method" (eps = -0.1 makes k + 1 - m tiny but not zero).
 */
export function phi(p: f64, lnA: f64): f64 {
  if (p == 0.0) return -lnA;
  return -expMinusOne(p * lnA) / p;
}

/**
 * expm1(y) / y, continuous at y = 0 (value 1). Used for (a^e - 1)/e forms whose exponent
 * e can be exactly zero.
 */
export function expm1OverX(y: f64): f64 {
  if (y == 0.0) return 1.0;
  return expMinusOne(y) / y;
}

/** Below this x, gammaTail2 sums its alternating series (the direct form cancels, 1 - 0.74 at x = 1). */
const GAMMA_TAIL2_SERIES_BELOW: f64 = 1.0;
/** The series stops once a term is below this fraction of the sum (under half an ulp). */
const GAMMA_TAIL2_TOLERANCE: f64 = 1e-17;

/**
 * 1 - e^-x (1 + x) = int_0^x u e^-u du (x >= 0): the regularised lower incomplete gamma P(2, x)
 * (DLMF 8.4.8). Below x = 1 the series sum_{n>=2} (-1)^n (n - 1) x^n / n! (alternating with
 * terms falling by at least x/2 per step from n = 2 on, at most ~20 terms), above it the direct form
 * (the subtrahend is at most 0.74 of 1, so at most ~2 ulp are lost).
 */
export function gammaTail2(x: f64): f64 {
  if (x >= GAMMA_TAIL2_SERIES_BELOW) return 1.0 - Math.exp(-x) * (1.0 + x);
  let power: f64 = 0.5 * x * x;
  let sum: f64 = power;
  for (let n: f64 = 3.0; n < 40.0; n += 1.0) {
    // x^n / n! from x^(n-1) / (n-1)!, times (n - 1) and the sign.
    power *= -x / n;
    const term: f64 = power * (n - 1.0);
    sum += term;
    if (Math.abs(term) <= GAMMA_TAIL2_TOLERANCE * sum) break;
  }
  return sum;
}
