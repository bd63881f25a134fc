/**
 * Exact power-of-two scaling, so that money quantities of any allowed magnitude (prices up to
 * 1.8e308, an interest rate of Number.MAX_VALUE, a GDP term of 1e313 per unit) can be formed
 * without an intermediate overflow or underflow (docs/numerics.md, "Scaling").
 *
 * Multiplying by 2^k is exact while the result stays a normal double, so a quantity computed in
 * units of 2^e USD rounds exactly as it would in USD: scaling changes no digit, only the range.
 * Portable TypeScript (no frexp/ldexp in either Math): exponents come from Math.log and powers of
 * two from two small tables of powers of two built by doubling and halving (every entry and every
 * product of two entries a power of two in the double range, hence exact).
 */

const LOG2_E: f64 = 1.4426950408889634;
/** The largest |k| for which 2^k is a normal double with room to spare. */
const SAFE_EXPONENT: i32 = 1000;

/** 2^k exactly for |k| <= 1022 is POW2_COARSE[(k + POW2_BIAS) >> 5] POW2_FINE[(k + POW2_BIAS) & 31]. */
const POW2_BIAS: i32 = 1024;
/** 2^(32 i - POW2_BIAS), i = 0..63 (the first, 2^-1024, is subnormal but exact). */
const POW2_COARSE: Float64Array = new Float64Array(64);
/** 2^j, j = 0..31. */
const POW2_FINE: Float64Array = new Float64Array(32);

/** Fill the two tables of pow2 (on its first call): doubling and halving are exact. */
function fillPow2Tables(): void {
  let fine: f64 = 1.0;
  for (let j: i32 = 0; j < 32; j++) {
    POW2_FINE[j] = fine;
    fine *= 2.0;
  }
  let coarse: f64 = 1.0;
  for (let k: i32 = 0; k < POW2_BIAS; k++) coarse *= 0.5;
  for (let i: i32 = 0; i < 64; i++) {
    POW2_COARSE[i] = coarse;
    coarse *= fine; // fine = 2^32 here
  }
}

/**
 * 2^k exactly, for |k| <= 1022: the product of a coarse and a fine table entry, two powers of two
 * whose product 2^k is a normal double, hence exact.
 */
export function pow2(k: i32): f64 {
  if (<f64>POW2_FINE[0] == 0.0) fillPow2Tables();
  const biased: i32 = k + POW2_BIAS;
  return <f64>POW2_COARSE[biased >> 5] * <f64>POW2_FINE[biased & 31];
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

/**
 * a b 2^-k for a, b > 0 finite, with no intermediate overflow or underflow; ea and eb are
 * log2Floor(a) and log2Floor(b), which the caller has at hand.
 */
export function scaledProduct(a: f64, ea: i32, b: f64, eb: i32, k: i32): f64 {
  return scaleByPow2(scaleByPow2(a, -ea) * scaleByPow2(b, -eb), ea + eb - k);
}

/**
 * a b / c 2^-k for a, b, c > 0 finite, with no intermediate overflow or underflow; ea, eb, ec
 * are log2Floor of a, b, c.
 */
export function scaledRatio(a: f64, ea: i32, b: f64, eb: i32, c: f64, ec: i32, k: i32): f64 {
  return scaleByPow2((scaleByPow2(a, -ea) * scaleByPow2(b, -eb)) / scaleByPow2(c, -ec), ea + eb - ec - k);
}
