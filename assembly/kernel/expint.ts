/**
 * The exponential integral Ei(y) for y > 0, in the scaled forms the GDP term needs.
 *
 * Definition: Ei(y) = PV integral of e^s / s over (-inf, y]. The kernel only ever needs
 * e^(-y) Ei(y) (which stays O(1/y) where Ei itself overflows) and y e^(-y) Ei(y) - 1 (which tends
 * to 0 like 1/y and would lose all digits if formed by subtraction for large y).
 *
 * Method: below ASYMPTOTIC_FROM the convergent series Ei(y) = gamma + ln y + sum y^k / (k k!),
 * all terms positive, summed until a term falls under 1e-17 of the sum past its peak (k > y);
 * from ASYMPTOTIC_FROM on the asymptotic series y e^(-y) Ei(y) = sum_{k>=0} k! / y^k, whose
 * smallest term (near k = y) is sqrt(2 pi y) e^(-y) < 4e-17 there. Relative error ~ 1e-16
 * except near the zero of Ei (y ~ 0.3725), where the error is absolute (~1e-16).
 */

const EULER_GAMMA: f64 = 0.5772156649015329;
/** Where the asymptotic series becomes accurate to double precision (see above). */
const ASYMPTOTIC_FROM: f64 = 42.0;
const SERIES_TOL: f64 = 1e-17;
/** More terms than the series ever needs below ASYMPTOTIC_FROM (~130 at y = 42): a bound on the work. */
const SERIES_MAX_TERMS: f64 = 400.0;

/** The asymptotic tail sum_{k>=1} k! / y^k for y >= ASYMPTOTIC_FROM. */
function asymptoticTail(y: f64): f64 {
  let term: f64 = 1.0;
  let sum: f64 = 0.0;
  for (let k: f64 = 1.0; k < y; k += 1.0) {
    term *= k / y;
    sum += term;
    if (term < SERIES_TOL * (1.0 + sum)) break;
  }
  return sum;
}

/** Ei(y) by its convergent series, for 0 < y < ASYMPTOTIC_FROM. */
function eiSeries(y: f64): f64 {
  let term: f64 = 1.0;
  let sum: f64 = 0.0;
  for (let k: f64 = 1.0; k <= SERIES_MAX_TERMS; k += 1.0) {
    const inv: f64 = 1.0 / k;
    term *= y * inv;
    const add: f64 = term * inv;
    sum += add;
    if (k > y && add < SERIES_TOL * sum) break;
  }
  return EULER_GAMMA + Math.log(y) + sum;
}

/** e^(-y) Ei(y), set by scaledEiPair. */
export let eiScaled: f64 = 0.0;
/** y e^(-y) Ei(y) - 1, set by scaledEiPair (accurate for large y, where it tends to 1/y). */
export let eiScaledMinusOne: f64 = 0.0;

/**
 * Set eiScaled and eiScaledMinusOne for y > 0 from one series (both 0 for y = +Infinity; at
 * y = 0, Ei's logarithmic pole, -Infinity and -1).
 */
export function scaledEiPair(y: f64): void {
  if (y == 0.0) {
    eiScaled = -Infinity;
    eiScaledMinusOne = -1.0;
  } else if (y == Infinity) {
    eiScaled = 0.0;
    eiScaledMinusOne = 0.0;
  } else if (y >= ASYMPTOTIC_FROM) {
    const tail: f64 = asymptoticTail(y);
    eiScaled = (1.0 + tail) / y;
    eiScaledMinusOne = tail;
  } else {
    eiScaled = Math.exp(-y) * eiSeries(y);
    eiScaledMinusOne = y * eiScaled - 1.0;
  }
}
