/**
 * The baseline "as people write it": fixed 48-node Gauss-Legendre on [z, H] for MB(z) (the
 * literal integral of docs/model.md section 5) and bisection on MB(z) = MC over (0, H), in plain
 * JavaScript. Deliberately naive: it is what the kernel is compared against, in speed and in
 * accuracy (docs/model.md section 8: such a rule is ~1e-4 days off for small z*).
 */
import type { Params } from "../dist/index.js";

/** Gauss-Legendre nodes and weights on [-1, 1] by Newton iteration on P_n (Golub-Welsch-free). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = t;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * t * p1 - (k - 1) * p0) / k];
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    x[i] = t;
    w[i] = 2 / ((1 - t * t) * dp * dp);
  }
  return { x, w };
}

const RULE = gaussLegendre(48);

/** MB(z) by 48-node Gauss-Legendre on [z, H] (USD/yr per day). */
export function naiveMarginalBenefit(p: Params, z: number): number {
  const { price: p0, priceFloor: p1, meanDisruption: lam, importDependence: d, imports: q0, horizon: h } = p;
  const m = -1 / p.elasticity;
  const g = p.includeGdp ? p.gdpElasticity * p.gdp * d : 0;
  const norm = lam * (1 - Math.exp(-h / lam));
  const half = (h - z) / 2;
  let sum = 0;
  for (let k = 0; k < RULE.x.length; k++) {
    const t = z + half * (1 + RULE.x[k]!);
    const q = h - t + z;
    const price = p1 + (p0 - p1) * Math.pow(q / h, -m);
    sum += RULE.w[k]! * (Math.exp(-t / lam) / norm) * (q0 * (price - p0) + g / (h - d * t));
  }
  return half * sum;
}

/** z* by bisection on MB(z) - MC over (0, H), 60 halvings (days). */
export function naiveSolve(p: Params): number {
  const mc = p.imports * (p.fixedCost + p.variableCost + p.interestRate * p.price);
  let lo = 0;
  let hi = p.horizon;
  for (let it = 0; it < 60; it++) {
    const mid = 0.5 * (lo + hi);
    if (naiveMarginalBenefit(p, mid) > mc) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
