/**
 * Test-only quadrature, independent of the kernel's own integration: an n-point Gauss-Legendre
 * rule (nodes by Newton's method on the Legendre recurrence, to machine precision) applied on
 * panels whose edges the caller chooses (e.g. geometric towards a steep end).
 */

/** Nodes and weights of the n-point Gauss-Legendre rule on [-1, 1]. */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Tricomi's initial guess for the i-th root, then Newton on P_n.
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
      if (Math.abs(step) < 1e-17) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

/** ∫ g over [edges[0], edges[last]], the rule applied on each panel [edges[k], edges[k+1]]. */
export function integrate(g: (x: number) => number, edges: readonly number[], rule = gaussLegendre(20)): number {
  let sum = 0;
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    let panel = 0;
    for (let i = 0; i < rule.nodes.length; i++) panel += rule.weights[i]! * g(mid + half * rule.nodes[i]!);
    sum += panel * half;
  }
  return sum;
}

/** n + 1 edges from a to b in geometric progression (a, b > 0): panels fine near a. */
export function geometricEdges(a: number, b: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, k) => (k === n ? b : a * Math.pow(b / a, k / n)));
}
