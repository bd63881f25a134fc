/**
 * The coordination model (src/coordination): the nesting with the paper's z*, the symmetric
 * n-country game against its closed-form first-order conditions, binding capacities (Murphy,
 * Toman & Weiss 1987), the shortfall cap, the exact gradient, the joint-release identities,
 * equilibrium checks on the preset, backend parity and validation.
 */
import { describe, expect, it } from "vitest";
import { ParameterError } from "../src/params";
import { coordinate } from "../src/coordination/coordinate";
import { jointRelease } from "../src/coordination/joint-release";
import { normalizeMarket, type MarketInput } from "../src/coordination/market";
import { PayoffModel } from "../src/coordination/payoff";
import { coordinationMonteCarlo } from "../src/coordination/montecarlo";
import { iea2022, IEA2022_UNCERTAINTY, SEED000_RELEASES } from "../src/coordination/presets";
import { coordinationKernel } from "../src/coordination/kernel";
import { BACKENDS, relDiff, rng } from "./helpers";

const PAPER_MC = 2.5 + 0.4 + 0.0435 * 50.8; // c + v + i P0, USD/unit/yr (the paper's base case)

/** The paper's base case as a one-country market, domestic accounting, continuous disruption law. */
function paperMarket(includeGdp: boolean): MarketInput {
  return {
    accounting: "domestic", price: 50.8, priceFloor: 15, horizon: 365,
    disruptions: { kind: "paper", meanDisruption: 21 },
    countries: [{
      name: "China", imports: 8.65e6, elasticity: -0.1, gdp: 12.2e12, gdpForm: includeGdp ? "paper" : "none",
      gdpCoefficient: 0.34, importDependence: 0.698, holdingCost: PAPER_MC,
    }],
  };
}

/** n identical importers, world accounting, one scenario; m = m_w (equal elasticities). */
function symmetricMarket(n: number, gdpForm: "none" | "price", holdingCost: number): MarketInput {
  return {
    accounting: "world", price: 80, priceFloor: 10, worldSupply: 1e8, worldElasticity: -0.25,
    disruptions: { kind: "scenarios", scenarios: [{ severity: 0.1, duration: 90, rate: 0.2 }] },
    countries: Array.from({ length: n }, (_, k) => ({
      name: `C${k}`, imports: 5e6, elasticity: -0.25, gdp: 2e12, gdpForm, gdpCoefficient: 0.03, holdingCost,
    })),
  };
}

/**
 * The closed-form first-order condition of the symmetric game (docs/coordination.md, "The
 * symmetric game"), written out independently of src/: with every country holding z units,
 * R = n z/D, v = 1 - σ + R/W, P = P1 + (P̄ - P1) v^-m, u = (P - P1)/(P̄ - P1), kept = u^(-1/m):
 *   π [ -k (q kept - z/D + G'(P)) P'(R) + (P - P̄) ] = c,
 * k = 1 for Nash, k = n for the cooperative optimum; G'(P) = gdpRate/P (price form) or 0.
 * Solved for z by bisection (the left side falls in z).
 */
function symmetricFocRoot(n: number, k: number, gdpForm: "none" | "price", c: number): number {
  const P0 = 80, P1 = 10, W = 1e8, m = 4, sigma = 0.1, D = 90, pi = 0.2, q = 5e6;
  const gdpRate = gdpForm === "price" ? (2e12 / 365) * 0.03 : 0;
  const foc = (z: number) => {
    const v = 1 - sigma + (n * z) / D / W;
    const P = P1 + (P0 - P1) * v ** -m;
    const dPdR = (-m * (P0 - P1) * v ** (-m - 1)) / W;
    const kept = ((P - P1) / (P0 - P1)) ** (-1 / m);
    return pi * (-k * (q * kept - z / D + gdpRate / P) * dPdR + (P - P0)) - c;
  };
  let lo = 0;
  let hi = (sigma * W * D) / n; // the stock at which the shortfall is covered
  expect(foc(lo)).toBeGreaterThan(0);
  expect(foc(hi * (1 - 1e-9))).toBeLessThan(0); // the root is interior
  while (hi - lo > 1e-15 * hi) {
    const mid = (lo + hi) / 2;
    if (foc(mid) > 0) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

describe.each(BACKENDS)("coordination (%s)", (backend) => {
  it("nesting: one country, domestic accounting, the paper's law: z* = 117.1470521273 days (79.5475634633 without GDP) to 1e-9", () => {
    const withGdp = coordinate(paperMarket(true), { backend, randomStarts: 0 });
    const withoutGdp = coordinate(paperMarket(false), { backend, randomStarts: 0 });
    expect(relDiff(withGdp.nash.days[0]!, 117.1470521273)).toBeLessThan(1e-9);
    expect(relDiff(withoutGdp.nash.days[0]!, 79.5475634633)).toBeLessThan(1e-9);
    expect(withGdp.cooperative.days[0]).toBe(withGdp.nash.days[0]);
    expect(withGdp.nash.equilibria).toHaveLength(1);
    expect(withGdp.nash.units[0]).toBeCloseTo(withGdp.nash.days[0]! * 8.65e6, 0);
    expect(withGdp.meta.backend).toBe(backend);
  });

  for (const gdpForm of ["none", "price"] as const) {
    it(`n identical countries: Nash and cooperative stocks solve the closed-form first-order conditions to 1e-9 (GDP ${gdpForm})`, () => {
      const n = 3;
      const c = gdpForm === "none" ? 4 : 10; // USD/unit/yr: both optima interior
      const r = coordinate(symmetricMarket(n, gdpForm, c), { backend, randomStarts: 2 });
      const nash = symmetricFocRoot(n, 1, gdpForm, c);
      const coop = symmetricFocRoot(n, n, gdpForm, c);
      expect(nash).toBeLessThan(coop * 0.9); // the free-rider gap is real in this case
      for (const z of r.nash.units) expect(relDiff(z, nash)).toBeLessThan(1e-9);
      expect(r.nash.equilibria).toHaveLength(1);
      expect(r.nash.converged).toBe(true);
      // Equal costs, interior stocks: only the cooperative total is determined.
      expect(r.cooperative.splitDetermined).toBe(false);
      expect(relDiff(r.cooperative.units.reduce((a, b) => a + b, 0), n * coop)).toBeLessThan(1e-9);
      expect(r.cooperative.gain).toBeGreaterThan(0);
      // The symmetric split is one of the optimal ones, and the equal-days rule finds it.
      const equalDays = r.rules.find((x) => x.name === "equalDays")!;
      for (const z of equalDays.units) expect(relDiff(z, coop)).toBeLessThan(1e-9);
      expect(Math.abs(equalDays.gapToCooperative)).toBeLessThan(1e-9 * Math.abs(r.cooperative.total));
    });
  }

  it("domestic scenarios: the best response is the closed form z = qD(σ - 1 + (1 + c/(π(P̄ - P1)))^(-1/m)); no spillovers, Nash = cooperative", () => {
    // FOC without GDP: π (P̄ - P1)((1 - σ + z/(qD))^-m - 1) = c (one scenario, z/(qD) < σ).
    const market: MarketInput = {
      accounting: "domestic", price: 80, priceFloor: 10,
      disruptions: { kind: "scenarios", scenarios: [{ severity: 0.3, duration: 60, rate: 0.25 }] },
      countries: [
        { name: "A", imports: 4e6, elasticity: -0.2, holdingCost: 6 },
        { name: "B", imports: 9e6, elasticity: -0.5, holdingCost: 3 },
      ],
    };
    const r = coordinate(market, { backend, randomStarts: 2 });
    const expected = [[4e6, 5, 6], [9e6, 2, 3]].map(([q, m, c]) => q! * 60 * (0.3 - 1 + (1 + c! / (0.25 * 70)) ** (-1 / m!)));
    r.nash.units.forEach((z, j) => expect(relDiff(z, expected[j]!)).toBeLessThan(1e-12));
    expect(r.cooperative.units).toEqual(r.nash.units);
    expect(r.nash.spillover).toEqual([0, 0]);
    expect(r.cooperative.gain).toBe(0);
  });

  it("a coalition's members do at least as well together as at Nash; outsiders best-respond", () => {
    const market = symmetricMarket(3, "price", 10);
    const r = coordinate(market, { backend, randomStarts: 0, coalition: ["C0", "C1"] });
    expect(r.cooperative.payoffs[0]! + r.cooperative.payoffs[1]!).toBeGreaterThan(r.nash.payoffs[0]! + r.nash.payoffs[1]!);
    expect(r.cooperative.sidePayments[2]).toBe(0);
    expect(r.cooperative.units[0]).toBeGreaterThan(r.nash.units[0]!);
    expect(r.cooperative.units[2]).toBeLessThan(r.nash.units[2]!); // the outsider free-rides more
    const model = new PayoffModel(normalizeMarket(market), coordinationKernel(backend));
    const loss = new Float64Array(3);
    const outsider = (z2: number) => {
      model.evaluate(Float64Array.from([r.cooperative.units[0]!, r.cooperative.units[1]!, z2]), loss);
      return -loss[2]! - 10 * z2;
    };
    const best = outsider(r.cooperative.units[2]!);
    for (let k = 0; k <= 200; k++) expect(outsider((k / 200) * 9e8)).toBeLessThanOrEqual(best + 1e-12 * Math.abs(best));
  });

  it("binding capacities make Nash equal cooperative (Murphy, Toman & Weiss 1987)", () => {
    const free = coordinate(symmetricMarket(3, "none", 4), { backend, randomStarts: 0 });
    const capacity = 0.5 * free.nash.units[0]!;
    const market = symmetricMarket(3, "none", 4);
    for (const c of market.countries) c.capacity = capacity;
    const bound = coordinate(market, { backend, randomStarts: 2 });
    expect(relDiff(free.cooperative.total, free.nash.total)).toBeGreaterThan(1e-3); // unbound: they differ
    expect(bound.nash.units).toEqual([capacity, capacity, capacity]);
    expect(bound.cooperative.units).toEqual([capacity, capacity, capacity]);
    expect(bound.cooperative.gain).toBe(0);
  });

  it("releases beyond the shortfall leave the price at normal and earn nothing more", () => {
    const market = symmetricMarket(2, "none", 4);
    for (const c of market.countries) c.stock = 1e10;
    const shortfall = 0.1 * 1e8;
    const exact = jointRelease(market, [{ country: "C0", rate: shortfall, days: 90 }], { backend });
    const excess = jointRelease(market, [{ country: "C0", rate: 2 * shortfall, days: 90 }, { country: "C1", rate: shortfall, days: 90 }], { backend });
    expect(exact.price.with).toBe(80);
    expect(excess.price.with).toBe(80);
    expect(excess.note).toMatch(/exceed the shortfall/);
    // At the normal price a country's loss is 0 whatever it releases (sold and refilled at P̄).
    for (const c of [...exact.countries, ...excess.countries]) expect(Math.abs(c.lossWith)).toBeLessThan(1e-6);
    // And in the game: stocks past the shortfall never lower the price or change any loss.
    const model = new PayoffModel(normalizeMarket(market), coordinationKernel(backend));
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    model.evaluate(Float64Array.from([shortfall * 90, 0]), a);
    model.evaluate(Float64Array.from([shortfall * 90 * 3, shortfall * 90]), b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("the exact gradient matches central differences (world, GDP in both forms, an exporter, a drawdown limit)", () => {
    const market: MarketInput = {
      ...symmetricMarket(3, "price", 5),
      disruptions: { kind: "scenarios", scenarios: [{ severity: 0.05, duration: 60, rate: 0.3 }, { severity: 0.2, duration: 200, rate: 0.02 }] },
      restOfWorld: { stock: 1e8, maxDrawdown: 1e6 },
    };
    market.countries[1] = { ...market.countries[1]!, gdpForm: "paper", importDependence: 0.6, maxDrawdown: 1.5e6 };
    market.countries[2] = { ...market.countries[2]!, imports: -2e6, consumption: 15e6 };
    const model = new PayoffModel(normalizeMarket(market), coordinationKernel(backend));
    const next = rng(7);
    const n = 3;
    let compared = 0;
    for (let trial = 0; trial < 20; trial++) {
      const z = Float64Array.from({ length: n }, () => next() * 2e8);
      const loss = new Float64Array(n);
      const gradient = new Float64Array(n * n);
      model.evaluate(z, loss, gradient);
      for (let j = 0; j < n; j++) {
        const h = 1e-5 * z[j]!;
        const up = Float64Array.from(z);
        const down = Float64Array.from(z);
        up[j] = up[j]! + h;
        down[j] = down[j]! - h;
        const lu = new Float64Array(n);
        const ld = new Float64Array(n);
        model.evaluate(up, lu);
        model.evaluate(down, ld);
        for (let i = 0; i < n; i++) {
          const numeric = (lu[i]! - ld[i]!) / (2 * h);
          // Central differences: truncation ~h², rounding ~1e-16 |loss|/h.
          const tol = 1e-6 * Math.abs(numeric) + (1e-12 * Math.abs(loss[i]!)) / h + 1e-9;
          expect(Math.abs(gradient[i * n + j]! - numeric), `∂loss_${i}/∂z_${j} at trial ${trial}`).toBeLessThan(tol);
          compared++;
        }
      }
    }
    expect(compared).toBe(20 * 9);
  });
});

describe("coordination on the iea2022 preset", () => {
  const result = coordinate(iea2022, { backend: "js" });

  it("every reported Nash equilibrium is one: no country gains by moving to any of 400 other stocks", () => {
    const market = normalizeMarket(iea2022);
    const model = new PayoffModel(market, coordinationKernel("js"));
    const n = market.countries.length;
    const loss = new Float64Array(n);
    const payoff = (z: Float64Array, j: number) => {
      model.evaluate(z, loss);
      return -loss[j]! - market.countries[j]!.holdingCost * z[j]!;
    };
    for (const e of result.nash.equilibria) {
      const z = Float64Array.from(e.units);
      for (let j = 0; j < n; j++) {
        const here = payoff(z, j);
        for (let k = 0; k <= 400; k++) {
          const trial = Float64Array.from(z);
          trial[j] = (k / 400) * 3e9;
          expect(payoff(trial, j), `${market.countries[j]!.name} deviating to ${trial[j]}`).toBeLessThanOrEqual(here + 1e-9 * Math.abs(here));
        }
      }
    }
  });

  it("cooperation gains, rules cannot beat the cooperative total, side payments balance and leave no member worse off", () => {
    expect(result.cooperative.total).toBeGreaterThanOrEqual(result.nash.total);
    expect(result.cooperative.gain).toBeCloseTo(result.cooperative.total - result.nash.total, -3);
    for (const rule of result.rules) expect(rule.gapToCooperative).toBeGreaterThan(-1e-9 * Math.abs(result.cooperative.total));
    const sum = result.cooperative.sidePayments.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum)).toBeLessThan(1e-6 * Math.abs(result.cooperative.gain));
    result.cooperative.payoffs.forEach((u, j) => {
      expect(u + result.cooperative.sidePayments[j]!).toBeGreaterThanOrEqual(result.nash.payoffs[j]! - 1e-6);
    });
    expect(result.nash.days[0]).toBeNull(); // the US is a net exporter
  });

  it("backends agree to 1e-9", () => {
    const wasm = coordinate(iea2022, { backend: "wasm" });
    wasm.nash.units.forEach((z, j) => expect(Math.abs(z - result.nash.units[j]!)).toBeLessThanOrEqual(1e-9 * 3e9));
    wasm.cooperative.units.forEach((z, j) => expect(Math.abs(z - result.cooperative.units[j]!)).toBeLessThanOrEqual(1e-9 * 3e9));
    expect(relDiff(wasm.nash.total, result.nash.total)).toBeLessThan(1e-9);
  });

  it("seed 000 from first principles: world price and each country's loss written out in the test (1e-12)", () => {
    const r = jointRelease(iea2022, [...SEED000_RELEASES.usOnly], { backend: "js" });
    const P0 = 80, m = 1 / 0.26, W = 100e6, sigma = 0.02, D = 120, release = 50e6 / 120;
    const price = (R: number) => P0 * (1 - sigma + R / W) ** -m; // P1 = 0
    expect(relDiff(r.price.without, price(0))).toBeLessThan(1e-12);
    expect(relDiff(r.price.with, price(release))).toBeLessThan(1e-12);
    // Consumer loss q P0 J(u), J(u) = (u^(1-1/m) - 1)/(1 - 1/m) for importers, (P - P0) q for the
    // exporter; GDP (gdp/365) 0.032 ln(P/P0); the US sells its release at P and refills at P0.
    const loss = (c: { imports: number; gdp?: number }, P: number, own: number) => {
      const u = P / P0;
      const consumer = c.imports > 0 ? c.imports * P0 * (u ** (1 - 1 / m) - 1) / (1 - 1 / m) : (P - P0) * c.imports;
      return D * (consumer + (c.gdp! / 365) * 0.032 * Math.log(u) - (P - P0) * own);
    };
    iea2022.countries.forEach((c, j) => {
      expect(relDiff(r.countries[j]!.lossWithout, loss(c, price(0), 0)), c.name).toBeLessThan(1e-12);
      expect(relDiff(r.countries[j]!.lossWith, loss(c, price(release), c.name === "US" ? release : 0)), c.name).toBeLessThan(1e-12);
    });
  });

  it("seed 000: gain = spillover + own gain; a country that does not release gains only the spillover", () => {
    const usOnly = jointRelease(iea2022, [...SEED000_RELEASES.usOnly], { backend: "js" });
    const both = jointRelease(iea2022, [...SEED000_RELEASES.usAndChina], { backend: "js" });
    expect(both.price.with).toBeLessThan(usOnly.price.with);
    expect(usOnly.price.with).toBeLessThan(usOnly.price.without);
    for (const r of [usOnly, both]) {
      for (const c of r.countries) expect(relDiff(c.gain, c.spillover + c.ownGain)).toBeLessThan(1e-12);
    }
    for (const c of usOnly.countries) if (c.name !== "US") expect(c.ownGain).toBe(0);
    expect(usOnly.countries[0]!.spillover).toBe(0);
  });
});

describe("coordination Monte Carlo", () => {
  it("is reproducible from its seed, draws within the ranges and summarises consistently", () => {
    const progress: number[] = [];
    const a = coordinationMonteCarlo(iea2022, IEA2022_UNCERTAINTY, { samples: 6, seed: 9, backend: "js", onProgress: (done) => progress.push(done) });
    const b = coordinationMonteCarlo(iea2022, IEA2022_UNCERTAINTY, { samples: 6, seed: 9, backend: "js" });
    expect(b).toEqual(a);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.meta.seed).toBe(9);
    const china = a.countries.indexOf("China");
    // cooperative - stock = cooperative - (a draw in 200..277 Mbbl)
    expect(a.cooperativeMinusStock[china]!.p95).toBeLessThanOrEqual(a.cooperativeUnits[china]!.p95 - 200e6 + 1e-6);
    for (const s of [...a.nashUnits, ...a.cooperativeUnits, a.gain, a.nashTotalUnits, a.cooperativeTotalUnits]) {
      expect(s.p05).toBeLessThanOrEqual(s.p50);
      expect(s.p50).toBeLessThanOrEqual(s.p95);
    }
    expect(a.gain.p05).toBeGreaterThanOrEqual(0);
    expect(() => coordinationMonteCarlo(iea2022, { elasticity: { low: -0.1, high: -0.3 } })).toThrow(/invalid elasticity/);
    expect(() => coordinationMonteCarlo(iea2022, { stocks: { Mars: { low: 0, high: 1 } } })).toThrow(/invalid stocks: got "Mars"/);
  });
});

describe("coordination validation", () => {
  const bad = (change: (m: MarketInput) => void) => {
    const m = structuredClone(iea2022) as MarketInput;
    change(m);
    return () => coordinate(m, { randomStarts: 0 });
  };
  it("names the field, the value and the range", () => {
    expect(bad((m) => { m.countries[2]!.elasticity = 0.3; })).toThrow(/countries\[2\] \(Japan\)\.elasticity: got 0\.3; allowed: -10 <= elasticity <= -0\.005/);
    expect(bad((m) => { m.disruptions = { kind: "scenarios", scenarios: [{ severity: 1.2, duration: 10, rate: 1 }] }; })).toThrow(/disruptions\.scenarios\[0\]\.severity: got 1\.2/);
    expect(bad((m) => { m.accounting = "global" as "world"; })).toThrow(ParameterError);
    expect(bad((m) => { m.disruptions = { kind: "paper", meanDisruption: 21 }; })).toThrow(/"scenarios" with world accounting/);
    expect(bad((m) => { (m as unknown as Record<string, unknown>).worldSuply = 1; })).toThrow(/invalid worldSuply: got 1; allowed: no such market field/);
    expect(bad((m) => { (m.countries[0] as unknown as Record<string, unknown>).stocks = 1; })).toThrow(/invalid countries\[0\] \(US\)\.stocks/);
    expect(() => coordinate(iea2022, { coalition: ["US", "US"] })).toThrow(/invalid coalition: got \["US","US"\]; allowed: each country at most once/);
    expect(() => coordinate(iea2022, { coalition: ["US", "Mars"] })).toThrow(/invalid coalition: got "Mars"/);
    expect(() => jointRelease(iea2022, [{ country: "India", rate: 1e6, days: 100 }])).toThrow(/rate x days <= India's stock/);
    expect(() => jointRelease(iea2022, [{ country: "US", rate: 5e6, days: 1 }])).toThrow(/releases\[0\]\.rate: got 5000000; allowed: 0 <= rate <= maxDrawdown/);
  });
});

/** The market as plain JSON, so a test can delete or rename a field at any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableMarket = Record<string, any>;

describe("coordination validation: every level, whole sets, consistent magnitudes", () => {
  const market = (change: (m: EditableMarket) => void): MarketInput => {
    const m = structuredClone(iea2022) as unknown as EditableMarket;
    change(m);
    return m as unknown as MarketInput;
  };
  const refused = (change: (m: EditableMarket) => void) => () => normalizeMarket(market(change));

  it("a partial set of GDP fields is refused, naming the missing field; the whole set or none is accepted", () => {
    expect(refused((m) => { delete m.countries[1].gdp; })).toThrow(/countries\[1\] \(China\)\.gdp: got undefined; allowed: gdp >= 0 \(USD\/yr\), required with gdpForm "price".*come as a set/);
    expect(refused((m) => { delete m.countries[1].gdpCoefficient; })).toThrow(/countries\[1\] \(China\)\.gdpCoefficient: got undefined; allowed: .*required with gdpForm "price"/);
    expect(refused((m) => { delete m.countries[1].gdpForm; })).toThrow(/countries\[1\] \(China\)\.gdpForm: got undefined; allowed: "paper" or "price" \(the GDP fields come as a set/);
    expect(refused((m) => { m.countries[1].gdpForm = "paper"; })).toThrow(/countries\[1\] \(China\)\.importDependence: got undefined; allowed: 0 <= importDependence < 1, required with gdpForm "paper"/);
    expect(refused((m) => { m.countries[1].importDependence = 0.7; })).toThrow(/countries\[1\] \(China\)\.importDependence: got 0\.7; allowed: absent with gdpForm "price"/);
    const none = normalizeMarket(market((m) => { for (const k of ["gdp", "gdpForm", "gdpCoefficient"]) delete m.countries[1][k]; }));
    expect(none.countries[1]).toMatchObject({ gdp: 0, gdpForm: "none", gdpCoefficient: 0, importDependence: 0 });
    const off = normalizeMarket(market((m) => { m.countries[1].gdpForm = "none"; }));
    expect(off.countries[1]).toMatchObject({ gdp: 0, gdpForm: "none", gdpCoefficient: 0 });
  });

  it("a missing consumption takes max(imports, 0) and says so in meta.notes; none noted when every country gives it", () => {
    const m = market((x) => { delete x.countries[3].consumption; });
    const r = coordinate(m, { randomStarts: 0 });
    expect(r.meta.notes).toEqual([`countries[3] (India).consumption not given: taken as max(imports, 0) = ${iea2022.countries[3]!.imports} units/day (the consumptionShare rule's weight)`]);
    expect(coordinate(iea2022, { randomStarts: 0 }).meta.notes).toEqual([]);
  });

  it("unknown keys are refused at every level, naming their path (market, restOfWorld, disruptions, scenarios, releases, uncertainty ranges)", () => {
    expect(refused((m) => { m.disruptions.scenarios[0].durtion = 10; })).toThrow(/invalid disruptions\.scenarios\[0\]\.durtion: got 10; allowed: no such field; known: severity, duration, rate/);
    expect(refused((m) => { m.disruptions.foo = 1; })).toThrow(/invalid disruptions\.foo: got 1; allowed: no such field; known: kind, scenarios/);
    expect(() => normalizeMarket({ ...paperMarket(false), disruptions: { kind: "paper", meanDisruption: 21, scenarios: [] } as unknown as MarketInput["disruptions"] })).toThrow(/invalid disruptions\.scenarios: got \[\]; allowed: no such field; known: kind, meanDisruption/);
    expect(refused((m) => { m.restOfWorld = { stock: 0, foo: 2 }; })).toThrow(/invalid restOfWorld\.foo: got 2; allowed: no such field; known: stock, maxDrawdown/);
    expect(refused((m) => { m.disruptions.scenarios[1] = 3; })).toThrow(/invalid disruptions\.scenarios\[1\]: got 3; allowed: an object/);
    expect(() => jointRelease(iea2022, [{ country: "US", rate: 1e6, days: 10, extra: 1 } as ProposedReleaseWithExtra])).toThrow(/invalid releases\[0\]\.extra: got 1; allowed: no such field; known: country, rate, days/);
    expect(() => coordinationMonteCarlo(iea2022, { elasticity: { low: -0.3, high: -0.1, mid: -0.2 } as unknown as { low: number; high: number } }, { samples: 1 })).toThrow(/invalid elasticity\.mid: got -0\.2; allowed: no such field; known: low, high/);
  });

  it("imports beyond the world supply are refused (world accounting), naming the country, its imports and the room left; results are never NaN", () => {
    expect(refused((m) => { m.countries[1].imports = 1e308; })).toThrow(/invalid countries\[1\] \(China\)\.imports: got 1e\+308; allowed: imports <= worldSupply - the other importers' net imports = 100000000 \(units\/day\)/);
    expect(refused((m) => { m.countries[1].imports = 2e8; })).toThrow(/countries\[1\] \(China\)\.imports: got 200000000/);
    expect(refused((m) => { m.countries[1].imports = 9.9e7; })).toThrow(/countries\[2\] \(Japan\)\.imports: got 2500000; allowed: imports <= worldSupply - the other importers' net imports = 1000000 /);
    expect(refused((m) => { m.worldSupply = 1e-300; })).toThrow(/invalid countries\[0\] \(US\)\.imports: got -1189999\.9+5; allowed: imports >= -worldSupply = -1e-300/);
    const huge = market((m) => { m.countries[1].gdp = 1e308; });
    const r = coordinate(huge, { randomStarts: 0 });
    for (const x of [...r.nash.payoffs, ...r.cooperative.payoffs, r.cooperative.gain, ...r.rules.map((y) => y.total)]) expect(Number.isFinite(x)).toBe(true);
  });

  it("a self-sufficient country (imports 0, world accounting) is allowed: no days, loss only through its GDP term; domestic accounting still refuses it", () => {
    const m = market((x) => { x.countries[4].imports = 0; });
    const r = coordinate(m, { randomStarts: 0 });
    expect(r.nash.days[4]).toBeNull();
    const noGdp = market((x) => { x.countries[4].imports = 0; for (const k of ["gdp", "gdpForm", "gdpCoefficient"]) delete x.countries[4][k]; });
    const j = jointRelease(noGdp, [{ country: "US", rate: 50e6 / 120, days: 120 }]);
    expect(j.countries[4]).toMatchObject({ lossWithout: 0, lossWith: 0, gain: 0 });
    expect(() => normalizeMarket({ ...paperMarket(false), countries: [{ ...paperMarket(false).countries[0]!, imports: 0 }] })).toThrow(/imports > 0 \(units\/day\) with domestic accounting/);
  });

  it("a sub-coalition below its Nash total is flagged (belowNash, note); the grand coalition is not", () => {
    const r = coordinate(iea2022, { randomStarts: 0, coalition: ["China", "India"] });
    const members = [1, 3];
    const total = (p: { payoffs: number[] }) => members.reduce((a, i) => a + p.payoffs[i]!, 0);
    expect(total(r.cooperative)).toBeLessThan(total(r.nash));
    expect(r.cooperative.gain).toBeLessThan(0);
    expect(r.cooperative.belowNash).toBe(true);
    expect(r.cooperative.note).toMatch(/^the coalition \(China, India\) does worse at its cooperative optimum than at Nash \(gain -\d+\.\d{3} bn USD\/yr\).*no side payments can leave every member as well off as at Nash$/);
    const all = coordinate(iea2022, { randomStarts: 0 });
    expect(all.cooperative.belowNash).toBe(false);
    expect(all.cooperative.note).toBeUndefined();
  });
});

type ProposedReleaseWithExtra = { country: string; rate: number; days: number };
