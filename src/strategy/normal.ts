/**
 * The standard normal distribution for the price cells of the strategy grid (docs/strategy.md,
 * "Exact evaluation on a grid"): erfc by W. J. Cody's rational Chebyshev approximations (Cody
 * 1969, "Rational Chebyshev approximations for the error function", Mathematics of Computation
 * 23(107), 631-637; the coefficients of his SPECFUN routine CALERF, accurate to about 1e-16
 * relative in IEEE double), the lower and upper tails Φ and Q from it (DLMF 7.7.2: Φ(x) =
 * erfc(-x/√2)/2), the mass of an interval without cancellation, and the quantile by Newton's
 * method on log Φ.
 */

/** CALERF's 18-digit coefficients, written as the doubles they round to: erf on |x| <= 0.46875 (A/B), erfc on (0.46875, 4] (C/D) and beyond 4 in 1/x² (P/Q). */
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8];
const D = [15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495];
const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
/** 1/√π. */
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
/** Past this erfc(x) underflows to 0 in double (CALERF's XBIG). */
const ERFC_ZERO = 26.543;

/**
 * erfc(x) = (2/√π) ∫_x^∞ e^(-t²) dt, for any real x (1e-16 relative for x >= 0; for x < 0 it is
 * 2 - erfc(-x)). Cody's CALERF: a rational function of x² near 0, of x on (0.46875, 4] and of
 * 1/x² beyond, times e^(-x²) computed as e^(-x_16²) e^(-(x - x_16)(x + x_16)) with x_16 = x
 * truncated to sixteenths, so the exponential loses no digits to the rounding of x².
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const z = y * y;
    let num = A[4]! * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * z;
      den = (den + B[i]!) * z;
    }
    return 1 - (x * (num + A[3]!)) / (den + B[3]!);
  }
  let result: number;
  if (y >= ERFC_ZERO) {
    result = 0;
  } else {
    if (y <= 4) {
      let num = C[8]! * y;
      let den = y;
      for (let i = 0; i < 7; i++) {
        num = (num + C[i]!) * y;
        den = (den + D[i]!) * y;
      }
      result = (num + C[7]!) / (den + D[7]!);
    } else {
      const z = 1 / (y * y);
      let num = P[5]! * z;
      let den = z;
      for (let i = 0; i < 4; i++) {
        num = (num + P[i]!) * z;
        den = (den + Q[i]!) * z;
      }
      result = (INV_SQRT_PI - (z * (num + P[4]!)) / (den + Q[4]!)) / y;
    }
    const sixteenths = Math.trunc(y * 16) / 16;
    result *= Math.exp(-sixteenths * sixteenths) * Math.exp(-(y - sixteenths) * (y + sixteenths));
  }
  return x < 0 ? 2 - result : result;
}

/**
 * Φ(x), the standard normal distribution function (DLMF 7.7.2 via erfc), relative error about
 * max(1, x²) ε in the lower tail: rounding x/√2 moves erfc by its log-derivative, 2(x/√2)², times ε.
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Q(x) = 1 - Φ(x) = Φ(-x), the upper tail (relative error about max(1, x²) ε in the upper tail, as Φ's in the lower). */
export function normalUpper(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** P(a < Z <= b) for a standard normal Z (a <= b, either may be infinite), from the tail that keeps its digits. */
export function normalMass(a: number, b: number): number {
  if (!(b > a)) return 0;
  if (a >= 0) return normalUpper(a) - normalUpper(b);
  if (b <= 0) return normalCdf(b) - normalCdf(a);
  return 1 - normalCdf(a) - normalUpper(b);
}

/** φ(x), the standard normal density. */
function density(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * The x with Φ(x) = p, for 0 < p <= 1/2 (the upper half by symmetry: Φ^(-1)(1 - p) = -Φ^(-1)(p),
 * so pass the smaller tail to keep its digits). Newton's method on log Φ(x) - log p, which is
 * concave and increasing, so from a start at or left of the root the steps increase monotonically
 * to it; the start -sqrt(-2 log p) (the Mills-ratio bound) is left of the root for p <= 1/2.
 */
export function normalQuantileLower(p: number): number {
  if (!(p > 0 && p <= 0.5)) throw new RangeError(`normalQuantileLower: p = ${p} not in (0, 1/2]`);
  if (p === 0.5) return 0;
  const target = Math.log(p);
  let x = -Math.sqrt(-2 * target);
  for (let iteration = 0; iteration < 100; iteration++) {
    const cdf = normalCdf(x);
    const step = ((Math.log(cdf) - target) * cdf) / density(x);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
