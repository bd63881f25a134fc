/**
 * The two public test models of the GAMS model library, solved by the finite-MDP engine three
 * ways: policy iteration (exact linear solves), value iteration (proven MacQueen-Porteus bound)
 * and the GAMS models' own formulation, the LP (HiGHS). Every pair must agree to 1e-10.
 */
import { describe, expect, it } from "vitest";
import { policyIteration, valueIteration } from "../src/mdp/index";
import { solveTeisberg, teisbergCost, teisbergMdp, teisbergPrice, teisbergResult } from "../src/strategy/teisberg";
import { SPECULATOR_LEVELS, speculatorMdp, speculatorObjective, speculatorState } from "../src/strategy/speculator";
import { relDiff } from "./helpers";
import { solveByLp } from "./lp-reference";

describe("Teisberg (1981), GAMS markov.gms", () => {
  const mdp = teisbergMdp();
  const pi = policyIteration(mdp);
  const vi = valueIteration(mdp);

  it("prices and costs follow the model's formulas (hand-checked points)", () => {
    // Normal market, no stock change: p = (342/240)^10, the normal price 34.526 to 4 digits.
    expect(relDiff(teisbergPrice(0, 0, 0), (342 / 240) ** 10)).toBeLessThan(1e-15);
    expect(Math.abs(teisbergPrice(0, 0, 0) - 34.526)).toBeLessThan(5e-4);
    // Disrupted, draw 3: p = (342/(240 - 11 + 3))^10; cost = 0.25 CS(p) + p (-3) + 0.32 * 0.
    const p = (342 / 232) ** 10;
    const cs = -130 * (p - 34.526) + (342 * (p ** 0.9 - 34.526 ** 0.9)) / 0.9;
    expect(relDiff(teisbergCost(3, 0, 11), 0.25 * cs - 3 * p)).toBeLessThan(1e-14);
  });

  it("has 16 states and never builds while disrupted", () => {
    expect(mdp.stateCount).toBe(16);
    const r = teisbergResult(mdp, pi, "policy-iteration");
    r.policy.disrupted.forEach((next, l) => expect(next).toBeLessThanOrEqual(3 * l));
  });

  it("policy iteration and value iteration agree to 1e-10 (values, pvcost) and on the policy", () => {
    for (let s = 0; s < 16; s++) expect(relDiff(vi.values[s]!, pi.values[s]!)).toBeLessThan(1e-10);
    expect(Array.from(vi.policy)).toEqual(Array.from(pi.policy));
    expect(relDiff(teisbergResult(mdp, vi, "value-iteration").pvcost, teisbergResult(mdp, pi, "policy-iteration").pvcost)).toBeLessThan(1e-10);
  });

  it("the LP (the GAMS formulation, HiGHS) agrees to 1e-10 and has the same optimal actions", async () => {
    const lp = await solveByLp(mdp);
    for (let s = 0; s < 16; s++) expect(relDiff(lp.values[s]!, pi.values[s]!)).toBeLessThan(1e-10);
    expect(Array.from(lp.policy)).toEqual(Array.from(pi.policy));
  });

  it("solveTeisberg reports pvcost and the policy table (reproduced values)", () => {
    const r = solveTeisberg();
    expect(r.meta).toMatchObject({ method: "policy-iteration", source: expect.stringContaining("markov.gms") });
    expect(r.policy).toEqual({ normal: [3, 3, 6, 6, 9, 12, 15, 18], disrupted: [0, 0, 3, 3, 6, 9, 9, 12] });
    expect(relDiff(r.pvcost, 2401.577254145857)).toBeLessThan(1e-12);
    expect(relDiff(solveTeisberg("value-iteration").pvcost, r.pvcost)).toBeLessThan(1e-10);
  });
});

describe("GAMS Petroleum Speculator", () => {
  const mdp = speculatorMdp();
  const pi = policyIteration(mdp);
  const vi = valueIteration(mdp);

  it("33 states; the level moves at most 2 steps", () => {
    expect(mdp.stateCount).toBe(33);
    for (let s = 0; s < 33; s++) expect(mdp.actionStart[s + 1]! - mdp.actionStart[s]!).toBeLessThanOrEqual(5);
  });

  it("policy iteration, value iteration and the LP agree to 1e-10 on every value and the objective", async () => {
    const lp = await solveByLp(mdp);
    for (let s = 0; s < 33; s++) {
      expect(relDiff(vi.values[s]!, pi.values[s]!)).toBeLessThan(1e-10);
      expect(relDiff(lp.values[s]!, pi.values[s]!)).toBeLessThan(1e-10);
    }
    expect(Array.from(vi.policy)).toEqual(Array.from(pi.policy));
    expect(Array.from(lp.policy)).toEqual(Array.from(pi.policy));
    expect(relDiff(speculatorObjective(pi.values), 10020634.77988447)).toBeLessThan(1e-12);
  });

  it("the speculator buys in normal times and sells in the very disrupted regime", () => {
    const top = SPECULATOR_LEVELS.length - 1;
    const local = (s: number) => pi.policy[s]! - mdp.actionStart[s]!;
    // From empty in the normal regime: buy the maximum 2 steps (actions are next levels 0..2).
    expect(local(speculatorState(0, 0))).toBe(2);
    // Full in the very disrupted regime: sell 2 steps (actions top-2..top, the first one).
    expect(local(speculatorState(top, 2))).toBe(0);
  });
});
