/**
 * 16-point Gauss-Legendre rule on [-1, 1] (exact for polynomials of degree 31).
 *
 * Used only where the integrand is provably smooth: the kernel switches to quadrature when the
 * interval [z, H] is so short that every factor of the integrand varies by at most e^2 over it
 * (see `NEAR_HORIZON` in consumer.ts). For an entire function with that much variation the
 * 16-node error is below (2^32 / 32!) ~ 1e-26 relative, far under double rounding.
 *
 * Nodes and weights from numpy.polynomial.legendre.leggauss(16); only the positive half is
 * stored, the rule is symmetric.
 */
export const GL_HALF: i32 = 8;

/** The k-th positive node (k = 0..7), ascending. */
export function glNode(k: i32): f64 {
  if (k == 0) return 0.09501250983763744;
  if (k == 1) return 0.2816035507792589;
  if (k == 2) return 0.45801677765722737;
  if (k == 3) return 0.6178762444026438;
  if (k == 4) return 0.755404408355003;
  if (k == 5) return 0.8656312023878318;
  if (k == 6) return 0.9445750230732326;
  return 0.9894009349916499;
}

/** The weight of the k-th positive node (and of its mirror image). */
export function glWeight(k: i32): f64 {
  if (k == 0) return 0.18945061045506864;
  if (k == 1) return 0.18260341504492364;
  if (k == 2) return 0.16915651939500265;
  if (k == 3) return 0.1495959888165767;
  if (k == 4) return 0.12462897125553407;
  if (k == 5) return 0.0951585116824926;
  if (k == 6) return 0.062253523938647456;
  return 0.027152459411754176;
}
