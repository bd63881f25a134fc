/**
 * The paper's continuous disruption law integrated over the per-day loss, for the coordination
 * model (docs/coordination.md, "Releases and the per-day loss"): one loop in the kernel, so a
 * whole expectation crosses the JS/WASM boundary in one call. Portable kernel source (compiled
 * to WebAssembly and imported as TypeScript by the JavaScript fallback); nothing is allocated.
 *
 * With the release r (days of imports per day) covering disruptions up to Hc days,
 * c = min(r, 1), the integral runs over t in [Hc, H] (the loss is 0 below) and is taken in
 * y = H - t + Hc on `panels` panels growing geometrically from `lower` (Hc, or a small gap when
 * c = 0) to H: the integrand's price term ~ (y/H)^-m is steepest at the low end.
 */
import { domesticDailyLoss, domesticReleaseValue } from "./daily-loss";

/** Gauss-Legendre nodes per panel: with 64 geometric panels the relative error is ~1e-14 (docs). */
const NODES: i32 = 20;
/** Newton steps stop below this change of a node. */
const NODE_TOLERANCE: f64 = 1e-16;
const NODE_MAX_STEPS: i32 = 100;

/** Which integrand paperExpectation integrates. */
export const PAPER_LOSS: i32 = 0;
export const PAPER_RELEASE_VALUE: i32 = 1;

let ruleNode: f64 = 0.0;
let ruleWeight: f64 = 0.0;

/**
 * The i-th node and weight of the NODES-point Gauss-Legendre rule on [-1, 1] into ruleNode,
 * ruleWeight: Newton's method on P_n from the three-term recurrence (DLMF 18.9.1), started at
 * Tricomi's estimate cos(π (i + 3/4)/(n + 1/2)) (DLMF 18.16.6); weight 2/((1 - x²) P_n'(x)²)
 * (DLMF 3.5.19).
 */
function legendreNode(i: i32): void {
  const n: f64 = <f64>NODES;
  let x: f64 = Math.cos((Math.PI * (<f64>i + 0.75)) / (n + 0.5));
  let derivative: f64 = 0.0;
  for (let step: i32 = 0; step < NODE_MAX_STEPS; step++) {
    let p0: f64 = 1.0;
    let p1: f64 = x;
    for (let k: i32 = 2; k <= NODES; k++) {
      const p2: f64 = ((2.0 * <f64>k - 1.0) * x * p1 - (<f64>k - 1.0) * p0) / <f64>k;
      p0 = p1;
      p1 = p2;
    }
    derivative = (n * (x * p1 - p0)) / (x * x - 1.0);
    const change: f64 = p1 / derivative;
    x -= change;
    if (Math.abs(change) < NODE_TOLERANCE) break;
  }
  ruleNode = x;
  ruleWeight = 2.0 / ((1.0 - x * x) * derivative * derivative);
}

/**
 * ∫ f(t) g(t) dt over y in [lower, H], t = H - y + Hc, with f the paper's truncated exponential
 * e^(-t/λ)/(λ (1 - e^(-H/λ))) (1/day) and, for `which`:
 * PAPER_LOSS: g = H × domesticDailyLoss(t/H, release), so the result is the expected loss (USD/yr);
 * PAPER_RELEASE_VALUE: g = domesticReleaseValue(t/H, release), so the result is the expected value
 * of one more unit of release rate (USD/day per day of imports released per day; × H/q0 per unit
 * of stock, see src/coordination/payoff.ts).
 * imports q0 (units/day), price P0, priceFloor P1 (USD/unit), exponent m, gdpRate (USD/day),
 * importDependence d, horizon H (days), meanDisruption λ (days), release r (days of imports per
 * day), lower (days, > 0) and panels (>= 1) as in the file comment.
 */
export function paperExpectation(
  imports: f64, price: f64, priceFloor: f64, exponent: f64, gdpRate: f64, importDependence: f64,
  horizon: f64, meanDisruption: f64, release: f64, lower: f64, panels: i32, which: i32,
): f64 {
  const covered: f64 = release < 1.0 ? release : 1.0;
  const shift: f64 = horizon * covered;
  const norm: f64 = meanDisruption * -Math.expm1(-horizon / meanDisruption);
  const ratio: f64 = Math.pow(horizon / lower, 1.0 / <f64>panels);
  let sum: f64 = 0.0;
  for (let i: i32 = 0; i < NODES; i++) {
    legendreNode(i);
    let left: f64 = lower;
    for (let k: i32 = 0; k < panels; k++) {
      const right: f64 = k == panels - 1 ? horizon : left * ratio;
      const half: f64 = 0.5 * (right - left);
      const y: f64 = 0.5 * (right + left) + half * ruleNode;
      const t: f64 = horizon - y + shift;
      const density: f64 = Math.exp(-t / meanDisruption) / norm;
      const g: f64 = which == PAPER_LOSS
        ? horizon * domesticDailyLoss(imports, price, priceFloor, exponent, gdpRate, importDependence, t / horizon, release)
        : domesticReleaseValue(imports, price, priceFloor, exponent, gdpRate, importDependence, t / horizon, release);
      sum += ruleWeight * half * density * g;
      left = right;
    }
  }
  return sum;
}
