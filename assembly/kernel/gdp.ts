/**
 * The GDP term at a reserve z, per unit of imports. With B = H - d z and W = H - z,
 *
 *   MB_G  = q0 gamma_G e^(-z/lambda) GD / Z,          GD  = d int_0^W e^(-w/lambda) / (B - d w) dw
 *   MB_G' = -q0 gamma_G e^(-z/lambda) (d / B) / Z
 *   E_G   = q0 gamma_G e^(-z/lambda) lambda GDE / Z,  GDE = (d/lambda) int_0^W e^(-w/lambda) w / (B - d w) dw
 *
 * (gamma_G = delta gdp0 / q0; the weight e^(-w/lambda) is the exponential disruption law's, and
 * the exponential integrals below follow from it). Substituting y = (B - d w)/(d lambda) maps both onto
 * y0 = H(1-d)/(d lambda) <= y <= y1 = y0 + W/lambda:
 *   GD  = int e^(y - y1) / y dy          = e^-y1 Ei(y1) - e^-(y1-y0) e^-y0 Ei(y0)
 *   GDE = int e^(y - y1) (y1 - y)/y dy   = K(y1) - e^-(y1-y0) [K(y0) + (y1 - y0) e^-y0 Ei(y0)]
 * with K(y) = y e^-y Ei(y) - 1 (expint.ts). Those differences cancel when y1 - y0 <= 1 and
 * y1 <= e y0; there y = y1 e^-s turns both into smooth integrals over 0 <= s <= ln(y1/y0) <= 1
 * (entire integrands whose exponent varies by at most 1), taken by the 8-point Gauss-Legendre rule.
 * d = 1 (y0 = 0, model.gdpPole): GD and GDE diverge logarithmically at w = W, so both are
 * +Infinity for W > 0 and 0 at W = 0 (docs/numerics.md, "d = 1").
 */
import { gdpLinear, gdpPole, importDependence, horizon, meanDisruption } from "./model";
import { linearGdpD, linearGdpDE, linearGdpIntegrals } from "./gdp-linear";
import { GL_HALF, glNode, glWeight } from "./gauss";
import { eiScaled, eiScaledMinusOne, scaledEiPair } from "./expint";

/** GD (dimensionless). */
export let gdpD: f64 = 0.0;
// The y0 side depends only on the case: e^-y0 Ei(y0) and y0 e^-y0 Ei(y0) - 1, set by prepareGdp.
let y0Cached: f64 = NaN;
let eiY0: f64 = 0.0;
let kY0: f64 = 0.0;

/** Recompute the case-dependent y0-side values (call after model.setCase). */
export function prepareGdp(): void {
  // H (1 - d) / (d lambda), never x2/d - x2 (which cancels for d near 1).
  y0Cached = (horizon * (1.0 - importDependence)) / (importDependence * meanDisruption);
  eiY0 = 0.0;
  kY0 = 0.0;
  if (isFinite(y0Cached) && y0Cached > 0.0) {
    scaledEiPair(y0Cached);
    eiY0 = eiScaled;
    kY0 = eiScaledMinusOne;
  }
}
/** GDE (dimensionless). */
export let gdpDE: f64 = 0.0;

/** Set gdpD and gdpDE for the reserve whose uncovered span is W = H - z (days), in the case's loss form. */
export function gdpIntegrals(w: f64): void {
  if (gdpLinear) {
    // The linear loss form (gdp-linear.ts): closed forms, bounded also at d = 1.
    linearGdpIntegrals(w);
    gdpD = linearGdpD;
    gdpDE = linearGdpDE;
    return;
  }
  const lambda: f64 = meanDisruption;
  const y0: f64 = y0Cached;
  if (gdpPole || y0 == 0.0) {
    gdpD = w > 0.0 ? Infinity : 0.0;
    gdpDE = w > 0.0 ? Infinity : 0.0;
    return;
  }
  if (!isFinite(y0)) {
    // d so small that y0 overflows: the GDP term is below 1e-300 of anything else.
    gdpD = 0.0;
    gdpDE = 0.0;
    return;
  }
  const delta: f64 = w / lambda;
  const y1: f64 = y0 + delta;
  const span: f64 = Math.log1p(delta / y0);
  if (delta <= 1.0 && span <= 1.0) {
    const half: f64 = 0.5 * span;
    let dSum: f64 = 0.0;
    let deSum: f64 = 0.0;
    for (let k: i32 = 0; k < GL_HALF; k++) {
      const xi: f64 = glNode(k);
      const wt: f64 = glWeight(k);
      for (let side: i32 = 0; side < 2; side++) {
        const s: f64 = side == 0 ? half * (1.0 - xi) : half * (1.0 + xi);
        const yMinusY1: f64 = y1 * Math.expm1(-s);
        const e: f64 = wt * Math.exp(yMinusY1);
        dSum += e;
        deSum -= e * yMinusY1;
      }
    }
    gdpD = half * dSum;
    gdpDE = half * deSum;
    return;
  }
  const decay: f64 = Math.exp(-delta);
  scaledEiPair(y1);
  gdpD = eiScaled - decay * eiY0;
  gdpDE = eiScaledMinusOne - decay * (kY0 + delta * eiY0);
}

/** Zero the GDP integrals (no GDP term). */
export function clearGdpIntegrals(): void {
  gdpD = 0.0;
  gdpDE = 0.0;
}
