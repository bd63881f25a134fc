/**
 * 8-point Gauss-Legendre rule on [-1, 1] (exact for polynomials of degree 15).
 *
 * Used only where the integrand is provably smooth on the interval: every exponential factor
 * varies by at most e^2 across it and every singularity lies at least 7 half-widths away
 * (Bernstein ellipse rho >= 14). The error is then below max(rho^-16, 2^17 (8!)^4 e /
 * (17 (16!)^3)) ~ 5e-18 relative: see NEAR_HORIZON in consumer.ts, the GDP rule in gdp.ts,
 * reserveBenefit in marginal.ts and the gain in src/solve.ts for why each use qualifies.
 *
 * Nodes and weights from numpy.polynomial.legendre.leggauss(8); only the positive half is
 * stored, the rule is symmetric.
 */
export const GL_HALF: i32 = 4;

/** The k-th positive node (k = 0..3), ascending. */
export function glNode(k: i32): f64 {
  if (k == 0) return 0.18343464249564978;
  if (k == 1) return 0.525532409916329;
  if (k == 2) return 0.7966664774136267;
  return 0.9602898564975362;
}

/** The weight of the k-th positive node (and of its mirror image). */
export function glWeight(k: i32): f64 {
  if (k == 0) return 0.36268378337836166;
  if (k == 1) return 0.3137066458778869;
  if (k == 2) return 0.22238103445337443;
  return 0.10122853629037706;
}
