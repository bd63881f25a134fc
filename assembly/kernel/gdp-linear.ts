/**
 * The GDP term in its linear form (Params.gdpLossForm = "linear", docs/model.md, "A bounded GDP
 * loss"): a disruption t with reserve z costs delta gdp0 d min(z, t)/H recovered, i.e. the
 * output lost is proportional to the uncovered shortfall, without the paper's 1/(H - d t)
 * amplification. Per unit of imports, in the factorised form of gdp.ts (gamma_G = delta gdp0 / q0):
 *
 *   MB_G  = q0 gamma_G e^(-z/lambda) GD / Z,          GD  = (d/H) int_0^W e^(-w/lambda) dw   = (d lambda/H) (1 - e^(-W/lambda))
 *   MB_G' = -q0 gamma_G e^(-z/lambda) (d / H) / Z
 *   E_G   = q0 gamma_G e^(-z/lambda) lambda GDE / Z,  GDE = (d/(H lambda)) int_0^W e^(-w/lambda) w dw
 *                                                         = (d lambda/H) (1 - e^(-W/lambda) (1 + W/lambda))
 *
 * with W = H - z and Z = lambda (1 - e^(-H/lambda)): MB_G(z) = q0 gamma_G (d/H) (e^(-z/lambda) -
 * e^(-H/lambda)) / (1 - e^(-H/lambda)), bounded for every d in (0, 1] (closed form, no quadrature).
 */
import { horizon, importDependence, meanDisruption } from "./model";
import { gammaTail2 } from "./special";

/** GD of the linear form (dimensionless), set by linearGdpIntegrals. */
export let linearGdpD: f64 = 0.0;
/** GDE of the linear form (dimensionless), set by linearGdpIntegrals. */
export let linearGdpDE: f64 = 0.0;

/** Set linearGdpD and linearGdpDE for the uncovered span W = H - z (days). */
export function linearGdpIntegrals(w: f64): void {
  const lambda: f64 = meanDisruption;
  const weight: f64 = (importDependence * lambda) / horizon;
  const x: f64 = w / lambda;
  // 1 - e^-x with expm1, exact as x -> 0 (z -> H).
  linearGdpD = -weight * Math.expm1(-x);
  linearGdpDE = weight * gammaTail2(x);
}

/** The slope factor of MB_G: d/H for the linear form (the paper's is d/(H - d z)). */
export function linearGdpSlope(): f64 {
  return importDependence / horizon;
}
