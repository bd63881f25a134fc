/**
 * Gauss-Legendre quadrature on caller-chosen panels, for the paper's continuous disruption law
 * in the coordination model (docs/coordination.md, "Expected loss").
 */

/** Nodes and weights of the n-point Gauss-Legendre rule on [-1, 1]. */
export interface Rule {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * The n-point Gauss-Legendre rule (DLMF 3.5.19): nodes are the roots of P_n, found by Newton's
 * method on the three-term recurrence (DLMF 18.9.1) from Tricomi's estimate
 * cos(π (i + 3/4)/(n + 1/2)) (DLMF 18.16.6), to a step below 1e-16; weights
 * 2 / ((1 - x²) P_n'(x)²) (DLMF 3.5.19).
 */
export function gaussLegendre(n: number): Rule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

/**
 * ∫_a^b g(y) dy with the rule on `panels` panels whose edges grow geometrically from a > 0 to b:
 * fine near a, where the paper's loss integrand is steep (its price term ~ (y/H)^-m).
 */
export function integrateGeometric(g: (y: number) => number, a: number, b: number, panels: number, rule: Rule): number {
  const ratio = Math.pow(b / a, 1 / panels);
  let sum = 0;
  let left = a;
  for (let k = 0; k < panels; k++) {
    const right = k === panels - 1 ? b : left * ratio;
    const half = (right - left) / 2;
    const mid = (right + left) / 2;
    let panel = 0;
    for (let i = 0; i < rule.nodes.length; i++) panel += rule.weights[i]! * g(mid + half * rule.nodes[i]!);
    sum += panel * half;
    left = right;
  }
  return sum;
}
