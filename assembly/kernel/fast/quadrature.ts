/**
 * IB and ID near the horizon for the fast method (docs/numerics.md, "Fast method"): the 8-point
 * Gauss-Legendre rule of consumer.ts (consumerQuadrature, which qualifies there: every factor
 * varies by at most e^2 over [0, W] and the singularity at w = H is 7 half-widths away) for
 * IB = int_0^W e^(-u/lambda) ((1 - u/H)^-m - 1) du alone, with the decay e^(-u/lambda) of the
 * nodes u = W/2 (1 -+ xi_k) formed as e^(-W/(2 lambda)) e^(+-W xi_k/(2 lambda)): 5 exponentials
 * for the 16 nodes' decays instead of 16, and no IP (the fast method's MB' does not need it).
 * ID, for E(z) at the last point only, on the same nodes and with the same decays.
 * Specific to the exponential disruption law (its e^(-u/lambda) weight).
 */
import { exponent, horizon, meanDisruption } from "../model";
import { GL_HALF, glNode, glWeight } from "../gauss";
import { expMinusOne } from "../special";
import { expm1MinusXOverX2, minusLog1mMinusX } from "../consumer";

/** IB (days) for the uncovered span W = H - z in the near-horizon regime (consumer.ts nearHorizon). */
export function nearHorizonBenefit(w: f64): f64 {
  return halfSpanRule(w, false);
}

/**
 * ID = int_0^W e^(-u/lambda) psi(H - u) du (days^2) for the uncovered span W = H - z in the
 * near-horizon regime: consumer.ts's quadrature of it (consumerQuadrature with wantLoss) alone.
 */
export function nearHorizonLoss(w: f64): f64 {
  return halfSpanRule(w, true);
}

/**
 * int_0^W e^(-u/lambda) f(u/H) du by the Gauss-Legendre rule of gauss.ts on the two halves of the
 * span, paired around its centre W/2 (weights e^(-W/(2 lambda)) e^(+-xi W/(2 lambda))), with f the
 * benefit integrand (1 - v)^(-m) - 1 written as expm1(-m ln(1 - v)), or H times the loss
 * integrand psi(H - u)/H.
 */
function halfSpanRule(w: f64, loss: bool): f64 {
  const h: f64 = horizon;
  const half: f64 = 0.5 * w;
  const rate: f64 = half / meanDisruption;
  const centre: f64 = Math.exp(-rate);
  let sum: f64 = 0.0;
  for (let k: i32 = 0; k < GL_HALF; k++) {
    const xi: f64 = glNode(k);
    const spread: f64 = Math.exp(rate * xi);
    const near: f64 = integrand((half * (1.0 - xi)) / h, loss);
    const far: f64 = integrand((half * (1.0 + xi)) / h, loss);
    sum += glWeight(k) * (near * spread + far / spread);
  }
  // The loss in days^2: the integral over v = u/H carries a factor H.
  return (loss ? half * h : half) * centre * sum;
}

/** The integrand of halfSpanRule at v = u/H. */
function integrand(v: f64, loss: bool): f64 {
  return loss ? lossIntegrand(v) : expMinusOne(-exponent * Math.log1p(-v));
}

/**
 * psi(H - u)/H at v = u/H, as in consumer.ts: (m-1) l1^2 h((1-m) l1) + (-ln(1-v) - v) with
 * l1 = ln(1 - v) and h(y) = (e^y - 1 - y)/y^2; both parts free of cancellation.
 */
function lossIntegrand(v: f64): f64 {
  const m: f64 = exponent;
  const l1: f64 = Math.log1p(-v);
  return (m - 1.0) * l1 * l1 * expm1MinusXOverX2((1.0 - m) * l1) + minusLog1mMinusX(v);
}
