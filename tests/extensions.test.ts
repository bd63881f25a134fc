/**
 * The model extensions (docs/model.md, "Rare events, a choke price, a bounded GDP loss"), both backends:
 *   - eventProbability p: z*(p) is the ordinary z* with c, v, i divided by p, to 1e-12 relative;
 *     MB, the total cost S and the gains scale by p (S_p = p S', gain_p = p gain', MC unchanged);
 *   - chokePrice: a choke price never reached gives today's z*, MB, MB', S bit for bit; against
 *     the independent mpmath reference (scripts/extensions-reference.py, fixtures by regime) with
 *     the tolerances of tests/accuracy.test.ts; netBenefit finite wherever the cap bounds E(0);
 *   - gdpLossForm 'linear': MB_G in closed form to 1e-14, and d = 1 solves (status interior);
 *   - every entry point takes them: evaluate, solveBatch, curve, grid, tornado, elasticities,
 *     monteCarlo, breakEven; bad values are ParameterErrors naming parameter, value and range.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BASE_PARAMS, ParameterError, breakEven, curve, elasticities, evaluate, grid, hashParams, monteCarlo, paperCases, solve,
  solveBatch, tornado, type Params,
} from "../src/index";
import {
  BACKENDS, explain, loadFixture, num, randomParams, relDiff, rng, type EvaluationFixture, type SolveFixture,
} from "./helpers";
import { expectReference } from "./reference-check";

/** The identity is exact in the model; both sides are solved to ~1e-13 (docs/numerics.md). */
const IDENTITY_TOL = 1e-12;
/** MB, MB' and S at a given reserve against the reference (one evaluation, no root). */
const POINT_TOL = 1e-10;

type ExtensionFixture = SolveFixture & EvaluationFixture & { regime: string };
const fixtures = loadFixture<ExtensionFixture>("extensions");

describe("eventProbability: z*(p) = z*(c/p, v/p, i/p), S and gains scale by p", () => {
  const sets = (() => {
    const next = rng(1301);
    const out: Params[] = [];
    for (let k = 0; k < 300; k++) {
      const p = randomParams(next);
      out.push({ ...p, eventProbability: Math.exp(Math.log(1e-4) * next()) });
    }
    return out;
  })();
  it.each(BACKENDS)("%s: 300 random sets, p from 1e-4 to 1, to 1e-12", (backend) => {
    let worst = 0;
    for (const p of sets) {
      const prob = p.eventProbability;
      const plain: Partial<Params> = {
        ...p, eventProbability: 1, fixedCost: p.fixedCost / prob, variableCost: p.variableCost / prob,
        interestRate: p.interestRate / prob,
      };
      const stock = p.horizon / 3;
      const a = solve(p, { backend, currentStock: stock });
      const b = solve(plain, { backend, currentStock: stock });
      const at = JSON.stringify(p);
      expect(a.status, at).toBe(b.status);
      const zErr = Math.abs(a.zStar - b.zStar) / Math.max(1, b.zStar);
      worst = Math.max(worst, zErr);
      expect(zErr, explain("zStar", p, a.zStar, b.zStar, zErr, IDENTITY_TOL)).toBeLessThanOrEqual(IDENTITY_TOL);
      if (a.status !== "interior" || b.zStar < 1) continue;
      // MC is not scaled (it is paid every year); MB(z*) = MC on both sides; S, W and the gain scale by p.
      expect(relDiff(a.marginalCost, prob * b.marginalCost), at).toBeLessThanOrEqual(IDENTITY_TOL);
      expect(relDiff(a.slope, prob * b.slope), at).toBeLessThanOrEqual(1e-10);
      expect(relDiff(a.totalCost, prob * b.totalCost), at).toBeLessThanOrEqual(IDENTITY_TOL);
      expect(relDiff(a.gainOverCurrentStock!, prob * b.gainOverCurrentStock!), at).toBeLessThanOrEqual(1e-9);
      if (Number.isFinite(b.netBenefit)) expect(relDiff(a.netBenefit, prob * b.netBenefit), at).toBeLessThanOrEqual(1e-9);
    }
    console.info(`eventProbability identity (${backend}): worst |dz|/max(1,z*) = ${worst.toExponential(2)}`);
  });

  it.each(BACKENDS)("%s: MB(z) and S(z) at a fixed reserve are p times the p = 1 values", (backend) => {
    for (const z of [0.5, 30, 117, 300]) {
      const one = evaluate(z, {}, { backend });
      const rare = evaluate(z, { eventProbability: 0.01 }, { backend });
      expect(relDiff(rare.marginalBenefit, 0.01 * one.marginalBenefit)).toBeLessThanOrEqual(1e-14);
      expect(relDiff(rare.slope, 0.01 * one.slope)).toBeLessThanOrEqual(1e-14);
      const loss = one.totalCost - one.marginalCost * z;
      expect(relDiff(rare.totalCost, 0.01 * loss + one.marginalCost * z)).toBeLessThanOrEqual(1e-13);
    }
  });
});

describe("chokePrice reached only far below z*: today's answers", () => {
  // Qc = H ((Pc - P1)/(P0 - P1))^(-1/m) far below z* (and below every reserve the solver tries).
  // A reached choke price is solved by the general kernel, the uncapped case by the fast method
  // where it covers it: they agree to the tolerances of tests/fast-method.test.ts (z* 1e-13
  // max(1, z*), MB and S 1e-12, MB' 1e-9 relative), not to the last bit.
  const cases = [...paperCases.map((c) => c.params), { elasticity: -0.05 }, { elasticity: -0.5, includeGdp: false }];
  it.each(BACKENDS)("%s: paper cases and more with chokePrice 1e200", (backend) => {
    for (const params of cases) {
      const today = solve(params, { backend });
      const capped = solve({ ...params, chokePrice: 1e200 }, { backend });
      const at = JSON.stringify(params);
      expect(capped.status, at).toBe(today.status);
      expect(capped.marginalCost, at).toBe(today.marginalCost);
      expect(Math.abs(capped.zStar - today.zStar) / Math.max(1, today.zStar), `z* of ${at}`).toBeLessThanOrEqual(1e-13);
      expect(relDiff(capped.marginalBenefit, today.marginalBenefit), `MB of ${at}`).toBeLessThanOrEqual(1e-12);
      expect(relDiff(capped.totalCost, today.totalCost), `S of ${at}`).toBeLessThanOrEqual(1e-12);
      expect(relDiff(capped.slope, today.slope), `MB' of ${at}`).toBeLessThanOrEqual(1e-9);
      // E(0) itself is now finite (the cap bounds the loss of a near-total cut-off).
      expect(capped.netBenefitFinite).toBe(true);
      expect(capped.netBenefit).toBeGreaterThan(0);
    }
  });
});

const worst: Record<string, number> = {};
afterAll(() => {
  const lines = Object.entries(worst).map(([k, v]) => `  ${k.padEnd(24)} ${v.toExponential(2)}`);
  console.info(`extensions against the mpmath reference (worst relative error):\n${lines.join("\n")}`);
});
const track = (key: string, err: number) => {
  worst[key] = Math.max(worst[key] ?? 0, err);
};

for (const regime of ["event", "choke", "linear", "combined"]) {
  const cases = fixtures.filter((c) => c.regime === regime);
  for (const backend of BACKENDS) {
    describe(`reference: ${regime} (${cases.length} cases), ${backend}`, () => {
      it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        const errors = expectReference(solve(c.params, { backend }), c);
        for (const [output, err] of Object.entries(errors)) track(`${regime}/${backend} ${output}`, err);
        for (const point of c.points) {
          const e = evaluate(point.z, c.params, { backend });
          for (const field of ["marginalBenefit", "slope", "totalCost"] as const) {
            const expected = num(point[field]);
            const err = relDiff(e[field], expected);
            track(`${regime}/${backend} evaluate`, err);
            expect(err, explain(`${field} at z = ${point.z}`, c.params, e[field], expected, err, POINT_TOL)).toBeLessThanOrEqual(POINT_TOL);
          }
        }
      });
    });
  }
}

describe("the choke price bounds netBenefit", () => {
  it.each(BACKENDS)("%s: m >= 2 and d = 1 (linear form) with a choke price: finite, positive, S(0) - S(z*)", (backend) => {
    for (const params of [{ chokePrice: 300 }, { elasticity: -0.5, chokePrice: 100 }, { chokePrice: 500, importDependence: 1, gdpLossForm: "linear" as const }]) {
      expect(solve({ ...params, chokePrice: Infinity }, { backend }).netBenefitFinite).toBe(false);
      const s = solve(params, { backend });
      expect(s.netBenefitFinite).toBe(true);
      // W(z*) = E(0) - S(z*) = S(0) - S(z*): the evaluation at 0 is the same expected loss.
      const atZero = evaluate(0, params, { backend }).totalCost;
      expect(relDiff(s.netBenefit, atZero - s.totalCost)).toBeLessThanOrEqual(1e-12);
      expect(s.netBenefit).toBeGreaterThan(0);
    }
  });
});

describe("gdpLossForm 'linear'", () => {
  it.each(BACKENDS)("%s: MB_G(z) = p delta gdp0 d/H (e^(-z/lambda) - e^(-H/lambda))/(1 - e^(-H/lambda)), to 1e-14", (backend) => {
    const base = { priceFloor: 50.8, gdpLossForm: "linear" as const };
    for (const [d, lambda, prob] of [[0.698, 21, 1], [1, 21, 0.3], [0.5, 400, 1], [1, 0.5, 0.01]] as const) {
      for (const z of [0, 1e-3, 10, 117, 364.9]) {
        if (z / lambda > 600) continue; // MB_G ~ e^(-z/lambda) below the normal doubles
        const p = { ...base, importDependence: d, meanDisruption: lambda, eventProbability: prob };
        const e = evaluate(z, p, { backend });
        const x = 365 / lambda;
        // e^(-z/lambda) - e^(-H/lambda) as e^(-z/lambda) (1 - e^(-(H-z)/lambda)), exact near H.
        const closed = prob * 0.34 * 12.2e12 * d / 365 * Math.exp(-z / lambda) * -Math.expm1(-(365 - z) / lambda) / -Math.expm1(-x);
        expect(relDiff(e.marginalBenefit, closed), `${JSON.stringify(p)} z ${z}`).toBeLessThanOrEqual(1e-14);
        const slope = -prob * 0.34 * 12.2e12 * d / 365 * Math.exp(-z / lambda) / (lambda * -Math.expm1(-x));
        expect(relDiff(e.slope, slope), `${JSON.stringify(p)} z ${z}`).toBeLessThanOrEqual(1e-14);
      }
    }
  });
  it.each(BACKENDS)("%s: d = 1 solves (interior) where the paper's form is unbounded", (backend) => {
    expect(solve({ importDependence: 1 }, { backend }).status).toBe("unbounded");
    const s = solve({ importDependence: 1, gdpLossForm: "linear" }, { backend });
    expect(s.status).toBe("interior");
    expect(s.zStar).toBeGreaterThan(0);
    expect(s.zStar).toBeLessThan(365);
  });
});

describe("validation", () => {
  const refused = (p: Record<string, unknown>, pattern: RegExp) => {
    let error: unknown;
    try {
      solve(p as Partial<Params>);
    } catch (e) {
      error = e;
    }
    expect(error, JSON.stringify(p)).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toMatch(pattern);
  };
  it("p outside (0, 1], a choke price at or below the price, an unknown form, NaN and strings", () => {
    refused({ eventProbability: 0 }, /invalid eventProbability: got 0; allowed: 0 < eventProbability <= 1 \(per year\)/);
    refused({ eventProbability: 1.5 }, /invalid eventProbability: got 1.5/);
    refused({ eventProbability: NaN }, /invalid eventProbability: got NaN/);
    refused({ eventProbability: "0.5" }, /invalid eventProbability: got "0.5"/);
    refused({ chokePrice: 50.8 }, /invalid chokePrice: got 50.8; allowed: price = 50.8 < chokePrice \(USD\/unit\), or Infinity \(none\)/);
    refused({ chokePrice: 70, price: 80, priceFloor: 10 }, /invalid chokePrice: got 70; allowed: price = 80 < chokePrice/);
    refused({ chokePrice: NaN }, /invalid chokePrice: got NaN/);
    refused({ chokePrice: "none" }, /invalid chokePrice: got "none"/);
    refused({ gdpLossForm: "quadratic" }, /invalid gdpLossForm: got "quadratic"; allowed: "paper" or "linear"/);
    refused({ gdpLossForm: 1 }, /invalid gdpLossForm: got 1/);
  });
  it("solveBatch flags the bad row, names it, and solves every other", () => {
    const r = solveBatch({ eventProbability: [0.5, 0, 1], chokePrice: [Infinity, 200, 40], gdpLossForm: ["linear", "paper", "paper"] });
    expect(r.errors.map((e) => e.row)).toEqual([1, 2]);
    expect(r.errors[0]!.message).toMatch(/invalid eventProbability: got 0/);
    expect(r.errors[1]!.message).toMatch(/invalid chokePrice: got 40/);
    expect(r.zStar[0]).toBe(solve({ eventProbability: 0.5, gdpLossForm: "linear" }).zStar);
    const forms = solveBatch({ gdpLossForm: ["paper", "cubic" as never] });
    expect(forms.errors).toEqual([{ row: 1, message: 'invalid gdpLossForm: got "cubic"; allowed: "paper" or "linear"' }]);
  });
});

describe("every entry point takes the extensions", () => {
  const ext: Partial<Params> = { eventProbability: 0.2, chokePrice: 400, gdpLossForm: "linear" };
  it.each(BACKENDS)("%s: solveBatch, curve and grid equal solve/evaluate row by row", (backend) => {
    const one = solve(ext, { backend });
    const batch = solveBatch({ ...ext, meanDisruption: [21, 30] }, { backend });
    expect(batch.zStar[0]).toBe(one.zStar);
    expect(batch.zStar[1]).toBe(solve({ ...ext, meanDisruption: 30 }, { backend }).zStar);
    const c = curve(ext, { backend, points: 5 });
    c.z.forEach((z, k) => expect(c.marginalBenefit[k]).toBe(evaluate(z, ext, { backend }).marginalBenefit));
    const g = grid(ext, { eventProbability: [0.1, 1], chokePrice: [100, Infinity] }, { backend });
    expect(g.zStar[0]).toBe(solve({ ...ext, eventProbability: 0.1, chokePrice: 100 }, { backend }).zStar);
    expect(g.zStar[3]).toBe(solve({ ...ext, eventProbability: 1, chokePrice: Infinity }, { backend }).zStar);
  });
  it.each(BACKENDS)("%s: tornado has eventProbability and chokePrice rows; no choke price swings 0", (backend) => {
    const t = tornado({ ...ext, chokePrice: Infinity }, { chokePrice: [60, 1000] }, { backend });
    const p = t.rows.find((r) => r.name === "eventProbability")!;
    expect([p.low, p.high]).toEqual([0.1, 0.30000000000000004]);
    expect(p.zLow).toBe(solve({ ...ext, chokePrice: Infinity, eventProbability: 0.1 }, { backend }).zStar);
    const choke = t.rows.find((r) => r.name === "chokePrice")!;
    expect(choke.zLow).toBe(solve({ ...ext, chokePrice: 60 }, { backend }).zStar);
    const none = tornado({}, {}, { backend }).rows.find((r) => r.name === "chokePrice")!;
    expect([none.low, none.high, none.swing]).toEqual([Infinity, Infinity, 0]);
  });
  it.each(BACKENDS)("%s: elasticities of p and Pc agree with re-solving (central difference) to 1e-6", (backend) => {
    const p = { ...ext, gdpLossForm: "paper" as const };
    const e = elasticities(p, { backend });
    for (const name of ["eventProbability", "chokePrice", "price", "priceFloor", "importDependence"] as const) {
      const row = e.rows.find((r) => r.name === name)!;
      const h = 1e-5;
      const at = (f: number) => Math.log(solve({ ...p, [name]: row.value * f }, { backend }).zStar);
      const resolved = (at(1 + h) - at(1 - h)) / (Math.log1p(h) - Math.log1p(-h));
      expect(Math.abs(row.elasticity - resolved), `${name}: ${row.elasticity} vs ${resolved}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(resolved)));
    }
    const none = elasticities({}, { backend }).rows.find((r) => r.name === "chokePrice")!;
    expect([none.derivative, none.elasticity]).toEqual([0, 0]);
    // Linear form at d = 1: d(z*)/dd exact (MB_G is proportional to d), one-sided by re-solving.
    const lin = elasticities({ importDependence: 1, gdpLossForm: "linear" }, { backend }).rows.find((r) => r.name === "importDependence")!;
    const h = 1e-6;
    const down = (solve({ importDependence: 1, gdpLossForm: "linear" }, { backend }).zStar -
      solve({ importDependence: 1 - h, gdpLossForm: "linear" }, { backend }).zStar) / h;
    expect(relDiff(lin.derivative, down)).toBeLessThanOrEqual(1e-4);
  });
  it.each(BACKENDS)("%s: monteCarlo over eventProbability and chokePrice equals solving each draw", (backend) => {
    const m = monteCarlo(ext, {
      eventProbability: { type: "uniform", min: 0.05, max: 0.5 }, chokePrice: { type: "lognormal", mean: 500, sd: 200 },
    }, { samples: 200, seed: 7, backend });
    expect(m.samples).toBe(200);
    expect(m.quantiles.p5).toBeGreaterThan(0);
    expect(m.quantiles.p95).toBeLessThan(365);
    const fixed = monteCarlo(ext, {}, { samples: 10, seed: 7, backend });
    expect(fixed.mean).toBe(solve(ext, { backend }).zStar);
  });
  it.each(BACKENDS)("%s: breakEven finds the event probability that makes 60 days optimal", (backend) => {
    const b = breakEven({ gdpLossForm: "linear", importDependence: 1 }, "eventProbability", 60, { backend });
    expect(b.value).toBeGreaterThan(0);
    expect(b.value).toBeLessThan(1);
    const z = solve({ gdpLossForm: "linear", importDependence: 1, eventProbability: b.value }, { backend }).zStar;
    expect(Math.abs(z - 60)).toBeLessThanOrEqual(1e-9 * 60);
    // Without the GDP term z* runs from 0 (Pc just above P0) to 79.5 days (no cap): 40 days is a choke price.
    const pc = breakEven({ includeGdp: false }, "chokePrice", 40, { backend });
    expect(Math.abs(solve({ includeGdp: false, chokePrice: pc.value }, { backend }).zStar - 40)).toBeLessThanOrEqual(1e-8);
  });
});

describe("provenance", () => {
  it("a parameter set at the extensions' defaults hashes as the paper's set did; a choke price changes it", () => {
    const { eventProbability: _p, chokePrice: _c, gdpLossForm: _f, ...paper } = BASE_PARAMS;
    expect(hashParams(BASE_PARAMS)).toBe(hashParams(paper as Params));
    expect(hashParams({ ...BASE_PARAMS, chokePrice: 200 })).not.toBe(hashParams(BASE_PARAMS));
    expect(hashParams({ ...BASE_PARAMS, gdpLossForm: "linear" })).not.toBe(hashParams(BASE_PARAMS));
  });
});

describe("README", () => {
  it("the example of 'Rare events, a choke price, a bounded GDP loss' states what the library gives", () => {
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Rare events, a choke price, a bounded GDP loss"));
    const block = section.slice(section.indexOf("```js"), section.indexOf("```", section.indexOf("```js") + 5));
    const stated = [
      solve({ eventProbability: 0.2 }).zStar.toFixed(4), solve({}).zStar.toFixed(4),
      solve({ chokePrice: 200 }).netBenefit.toFixed(2), solve({ importDependence: 1 }).status,
      solve({ importDependence: 1, gdpLossForm: "linear" }).zStar.toFixed(4),
      breakEven({ importDependence: 1, gdpLossForm: "linear" }, "eventProbability", 60).value.toPrecision(10),
    ];
    for (const text of stated) expect(block, text).toContain(text);
  });
});
