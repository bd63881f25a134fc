/**
 * Marginal benefit MB(z), its slope MB'(z) and the expected uncovered loss E(z) at one reserve
 * size, per unit of imports (MODEL.md sections 3-4). Every quantity shares the factor
 * e^(-z/lambda) / Z; it is kept in log form (lnFactor) because it underflows for z >> lambda
 * while the solver still needs ln MB there:
 *
 *   MB/q0  = e^lnFactor * benefit      (USD/unit/yr per day of reserve)
 *   MB'/q0 = e^lnFactor * slope        (USD/unit/yr per day^2)
 *   E/q0   = e^lnFactor * loss         (USD/unit/yr x days: the S(z) - C(z) of MODEL.md)
 */
import {
  exponent, gdpWeight, horizon, importDependence, lnNormaliser, meanDisruption, priceSpan,
} from "./model";
import {
  clearConsumerIntegrals, consumerIntegrals, consumerIntegralsAtZero, cpB, cpD, cpP, cpScale,
} from "./consumer";
import { clearGdpIntegrals, gdpD, gdpDE, gdpIntegrals } from "./gdp";

/** MB e^-lnFactor / q0. */
export let benefit: f64 = 0.0;
/** MB' e^-lnFactor / q0. */
export let slope: f64 = 0.0;
/** E e^-lnFactor / q0. */
export let loss: f64 = 0.0;
/** ln of the common factor e^(-z/lambda) / Z, including the series scale. */
export let lnFactor: f64 = 0.0;

/** Combine the CP and GDP integrals set by consumer.ts and gdp.ts at the reserve z. */
function combine(z: f64): void {
  const a: f64 = priceSpan;
  const gamma: f64 = gdpWeight;
  const d: f64 = importDependence;
  const unscale: f64 = Math.exp(-cpScale);
  benefit = a * cpB + gamma * gdpD * unscale;
  slope = -((exponent * a) / horizon) * cpP - ((gamma * d) / (horizon - d * z)) * unscale;
  loss = a * cpD + gamma * meanDisruption * gdpDE * unscale;
  lnFactor = cpScale - z / meanDisruption - lnNormaliser;
}

/**
 * Evaluate at the reserve z (0 < z <= H days) with W = H - z passed separately so that it keeps
 * full relative precision when z is within rounding of H.
 */
export function evaluateAt(z: f64, w: f64): void {
  if (priceSpan > 0.0) {
    // ln(z/H) from whichever of z and W is the smaller part of H: log1p keeps z ~ H exact.
    const lnA: f64 = z < 0.5 * horizon ? Math.log(z / horizon) : Math.log1p(-w / horizon);
    consumerIntegrals(z, lnA, w);
  } else {
    clearConsumerIntegrals();
  }
  if (gdpWeight > 0.0) gdpIntegrals(w); else clearGdpIntegrals();
  combine(z);
}

/** Evaluate at z = 0 (MB and E may be Infinity; MB' is -Infinity when A > 0). */
export function evaluateAtZero(): void {
  if (priceSpan > 0.0) consumerIntegralsAtZero(); else clearConsumerIntegrals();
  if (gdpWeight > 0.0) gdpIntegrals(horizon); else clearGdpIntegrals();
  combine(0.0);
}
