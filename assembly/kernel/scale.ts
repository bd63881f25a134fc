/**
 * Exact power-of-two scaling, so that money quantities of any allowed magnitude (prices up to
 * 1.8e308, an interest rate of Number.MAX_VALUE, a GDP term of 1e313 per unit) can be formed
 * without an intermediate overflow or underflow (docs/numerics.md, "Scaling").
 *
 * Multiplying by 2^k is exact while the result stays a normal double, so a quantity computed in
 * units of 2^e USD rounds exactly as it would in USD: scaling changes no digit, only the range.
 * Portable TypeScript (no frexp/ldexp in either Math): exponents come from Math.log and powers of
 * two from repeated squaring of 2 (every partial product a power of two, hence exact).
 */

const LOG2_E: f64 = 1.4426950408889634;
/** The largest |k| for which 2^k is a normal double with room to spare. */
const SAFE_EXPONENT: i32 = 1000;

/** 2^k exactly, for |k| <= 1022 (binary exponentiation of 2 or 1/2). */
export function pow2(k: i32): f64 {
  let base: f64 = k < 0 ? 0.5 : 2.0;
  let n: i32 = k < 0 ? -k : k;
  let result: f64 = 1.0;
  while (n > 0) {
    if ((n & 1) != 0) result *= base;
    base *= base;
    n >>= 1;
  }
  return result;
}

/** x 2^k, exact unless the result leaves the normal range (then IEEE overflow or underflow). */
export function scaleByPow2(x: f64, k: i32): f64 {
  let v: f64 = x;
  let n: i32 = k;
  while (n > SAFE_EXPONENT) {
    v *= pow2(SAFE_EXPONENT);
    n -= SAFE_EXPONENT;
  }
  while (n < -SAFE_EXPONENT) {
    v *= pow2(-SAFE_EXPONENT);
    n += SAFE_EXPONENT;
  }
  return v * pow2(n);
}

/**
 * An integer e with 2^e within a factor 2 of x (x > 0 finite; subnormals included). Only used
 * to choose scales, so being off by one near a power of two does no harm.
 */
export function log2Floor(x: f64): i32 {
  return <i32>Math.floor(Math.log(x) * LOG2_E);
}

/** a b 2^-k for a, b >= 0 finite, with no intermediate overflow or underflow. */
export function scaledProduct(a: f64, b: f64, k: i32): f64 {
  if (a == 0.0 || b == 0.0) return 0.0;
  const ea: i32 = log2Floor(a);
  const eb: i32 = log2Floor(b);
  return scaleByPow2(scaleByPow2(a, -ea) * scaleByPow2(b, -eb), ea + eb - k);
}

/** a b / c 2^-k for a, b >= 0 and c > 0 finite, with no intermediate overflow or underflow. */
export function scaledRatio(a: f64, b: f64, c: f64, k: i32): f64 {
  if (a == 0.0 || b == 0.0) return 0.0;
  const ea: i32 = log2Floor(a);
  const eb: i32 = log2Floor(b);
  const ec: i32 = log2Floor(c);
  return scaleByPow2((scaleByPow2(a, -ea) * scaleByPow2(b, -eb)) / scaleByPow2(c, -ec), ea + eb - ec - k);
}
