/**
 * The linear-programming formulation of a discounted finite MDP (d'Epenoux 1963; Puterman 1994,
 * section 6.9), solved by HiGHS (the `highs` package, a test-only dependency): an independent
 * third method beside policy and value iteration, and the formulation the GAMS model library
 * uses for Teisberg's model and the Petroleum Speculator.
 *
 *   maximise Σ_s V_s   subject to   V_s - β Σ_t P(a → t) V_t <= c(a)   for every action a of every s,
 *
 * V free. Its optimum is V* (the largest vector satisfying every Bellman inequality); the tight
 * constraints are the optimal actions.
 */
import loadHighs from "highs";
import type { FiniteMdp } from "../src/mdp/index";

const number = (x: number): string => (x >= 0 ? `+ ${x.toPrecision(17)}` : `- ${(-x).toPrecision(17)}`);

/** V* of the MDP by the LP, and for each state the action whose constraint is tightest. */
export async function solveByLp(mdp: FiniteMdp): Promise<{ values: Float64Array; policy: Int32Array }> {
  const highs = await loadHighs();
  const n = mdp.stateCount;
  const rows: string[] = [];
  for (let s = 0; s < n; s++) {
    for (let a = mdp.actionStart[s]!; a < mdp.actionStart[s + 1]!; a++) {
      const coefficient = new Map<number, number>([[s, 1]]);
      for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) {
        const t = mdp.target[k]!;
        coefficient.set(t, (coefficient.get(t) ?? 0) - mdp.discount * mdp.probability[k]!);
      }
      const terms = [...coefficient].filter(([, c]) => c !== 0).map(([t, c]) => `${number(c)} v${t}`).join(" ");
      rows.push(` a${a}: ${terms} <= ${mdp.cost[a]!.toPrecision(17)}`);
    }
  }
  const names = Array.from({ length: n }, (_, s) => `v${s}`);
  const lp = `Maximize\n obj: ${names.join(" + ")}\nSubject To\n${rows.join("\n")}\nBounds\n${names.map((v) => ` ${v} free`).join("\n")}\nEnd\n`;
  const result = highs.solve(lp, {
    output_flag: false,
    // Tight tolerances: the answer is compared with exact policy evaluation to 1e-10.
    primal_feasibility_tolerance: 1e-10,
    dual_feasibility_tolerance: 1e-10,
  });
  if (result.Status !== "Optimal") throw new Error(`HiGHS: ${result.Status}`);
  const values = Float64Array.from(names, (v) => (result.Columns[v] as { Primal: number }).Primal);
  const policy = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let best = -1;
    let slack = Infinity;
    for (let a = mdp.actionStart[s]!; a < mdp.actionStart[s + 1]!; a++) {
      let lhs = values[s]!;
      for (let k = mdp.transitionStart[a]!; k < mdp.transitionStart[a + 1]!; k++) lhs -= mdp.discount * mdp.probability[k]! * values[mdp.target[k]!]!;
      const gap = mdp.cost[a]! - lhs;
      if (gap < slack) {
        slack = gap;
        best = a;
      }
    }
    policy[s] = best;
  }
  return { values, policy };
}
