/**
 * The API contract, walked over EVERY export of the built entry points (`optimal-reserve` and
 * `optimal-reserve/pool`), as hash-wasm's API test does: each function export has an entry
 * below (a new export without one fails the first test); bad input throws ParameterError
 * (checked by its cross-build brand) from sync functions and rejects from async ones, never a
 * TypeError, RangeError or plain Error; every analysis result carries `meta`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBuilt, type Lib, type PoolModule } from "./built";

const { lib, poolModule } = await importBuilt();

type Call = (l: Lib) => unknown;
interface Contract {
  /** Calls that must throw (sync) or reject (async) a ParameterError. */
  bad: Call[];
  /** A good call; for analyses its result (or first chunk) must carry meta. */
  good: Call;
  analysis?: boolean;
  async?: boolean;
  /** Total functions (predicates, parsers returning NaN): garbage in never throws. */
  total?: boolean;
}

const steady = { onsetRate: 0.5, meanDuration: 90, maxFillRate: 0.1, maxDrawdownRate: 1, capacity: 90 };
/** A one-state MDP builder with one action (cost, targets, probabilities) added. */
const withAction = (l: Lib, cost: number, targets: number[], probabilities: number[]) => {
  const b = new l.MdpBuilder(1, 0.5);
  b.addAction(0, cost, targets, probabilities);
  return b;
};
const oneState = (l: Lib) => withAction(l, 1, [0], [1]).build();
/** The iea2022 preset (frozen: the calls must not need to change it). */
const market = (l: Lib) => l.coordinationPresets.iea2022;

/** A one-class shock process without price noise, a rule and a grid small enough for a fast call. */
const shocks = { onsetRate: 0.5, classes: [{ weight: 1, severity: 0.1, meanDuration: 90 }] };
const rule = { maxDrawdownRate: 0.5, maxFillRate: 0.1, targetStock: 30 };
const stratGrid = { stockLevels: 4 };
const optGrid = { stockLevels: 4, capacity: 30 };
const optOptions = { maxDrawdownRate: 0.5, maxFillRate: 0.1 };

const garbage: unknown[] = [null, undefined, 5, "abc", [], {}, NaN, Symbol.for("x"), () => 1];

const CONTRACTS: Record<string, Contract> = {
  solve: { bad: [(l) => l.solve(null as never), (l) => l.solve({}, null as never), (l) => l.solve({ price: "abc" as never }), (l) => l.solve({}, { currentStock: -1 })], good: (l) => l.solve({}) },
  evaluate: { bad: [(l) => l.evaluate("1" as never), (l) => l.evaluate(1, null as never), (l) => l.evaluate(1, {}, 5 as never)], good: (l) => l.evaluate(100) },
  solveBatch: { bad: [(l) => l.solveBatch(null as never), (l) => l.solveBatch({ price: "abc" as never }), (l) => l.solveBatch({ price: [1, 2], gdp: [1] })], good: (l) => l.solveBatch({ price: [50] }) },
  curve: { bad: [(l) => l.curve(null as never), (l) => l.curve({}, { points: 1 }), (l) => l.curve({}, { from: 10, to: 5 })], good: (l) => l.curve({}, { points: 5 }), analysis: true },
  sensitivity: { bad: [(l) => l.sensitivity({}, "x" as never, [1]), (l) => l.sensitivity({}, "price", "abc" as never), (l) => l.sensitivity({}, "price", [])], good: (l) => l.sensitivity({}, "price", [40, 60]), analysis: true },
  grid: { bad: [(l) => l.grid({}, { price: "abc" as never }), (l) => l.grid({}, {}), (l) => l.grid({}, { price: [1] }, { chunkSize: 0 })], good: (l) => l.grid({}, { price: [40, 60] }), analysis: true },
  gridChunks: { bad: [(l) => l.gridChunks({}, { price: "abc" as never }), (l) => l.gridChunks({}, { price: [1] }, { step: 0 })], good: (l) => l.gridChunks({}, { price: [40, 60] }).next().value, analysis: true },
  gridLayout: { bad: [(l) => l.gridLayout(null as never), (l) => l.gridLayout({ nope: [1] } as never)], good: (l) => l.gridLayout({ price: [1, 2] }) },
  gridIndex: { bad: [(l) => l.gridIndex({ shape: [2], strides: [1] }, [2]), (l) => l.gridIndex({ shape: [2], strides: [1] }, "0" as never)], good: (l) => l.gridIndex({ shape: [2], strides: [1] }, [1]) },
  gridCoords: { bad: [(l) => l.gridCoords({ shape: [2], strides: [1] }, 2), (l) => l.gridCoords({ shape: [2], strides: [1] }, 0.5)], good: (l) => l.gridCoords({ shape: [2], strides: [1] }, 1) },
  tornado: { bad: [(l) => l.tornado(null as never), (l) => l.tornado({}, { price: [1] as never }), (l) => l.tornado({}, {}, { backend: "gpu" as never })], good: (l) => l.tornado({}), analysis: true },
  defaultRange: { bad: [(l) => l.defaultRange("x" as never, l.BASE_PARAMS), (l) => l.defaultRange("price", { price: -1 } as never)], good: (l) => l.defaultRange("price", l.BASE_PARAMS) },
  elasticities: { bad: [(l) => l.elasticities({ gdp: -1 }), (l) => l.elasticities({}, 3 as never)], good: (l) => l.elasticities({}), analysis: true },
  monteCarlo: { bad: [(l) => l.monteCarlo({}, { price: { type: "discrete" } as never }, { samples: 1, seed: 1 }), (l) => l.monteCarlo({}, {}, { samples: 0, seed: 1 }), (l) => l.monteCarlo({}, {}, undefined as never)], good: (l) => l.monteCarlo({}, {}, { samples: 3, seed: 1 }), analysis: true },
  xoshiro128: { bad: [(l) => l.xoshiro128("abc" as never), (l) => l.xoshiro128(1.5)], good: (l) => l.xoshiro128(1)() },
  breakEven: { bad: [(l) => l.breakEven({}, "importDependence", 200), (l) => l.breakEven({}, "price", -1), (l) => l.breakEven({}, "x" as never, 1)], good: (l) => l.breakEven({}, "meanDisruption", 80), analysis: true },
  hashParams: { bad: [(l) => l.hashParams(null as never), (l) => l.hashParams(5 as never)], good: (l) => l.hashParams(l.BASE_PARAMS) },
  init: { bad: [], good: (l) => l.init(), async: true },
  templateParams: {
    bad: [(l) => l.templateParams("silver"), (l) => l.templateParams(l.presets.templates.gallium), (l) => l.templateParams("gallium", { confirm: ["price"] }),
      (l) => l.templateParams("gallium", null as never), (l) => l.templateParams("gallium", { confirm: true, overrides: { price: -1 } })],
    good: (l) => l.templateParams("gallium", { confirm: true }),
  },
  templateDistributions: { bad: [(l) => l.templateDistributions("silver"), (l) => l.templateDistributions("gallium", 5 as never)], good: (l) => l.templateDistributions("gallium") },
  findTemplate: { bad: [(l) => l.findTemplate("silver"), (l) => l.findTemplate(5 as never)], good: (l) => l.findTemplate("cobalt") },
  assumptionNames: { bad: [(l) => l.assumptionNames("silver"), (l) => l.assumptionNames({} as never)], good: (l) => l.assumptionNames("cobalt") },
  isTemplate: { bad: [], good: (l) => l.isTemplate(l.presets.templates.cobalt), total: true },
  resolveParams: { bad: [(l) => l.resolveParams(null as never), (l) => l.resolveParams({ bogus: 1 } as never), (l) => l.resolveParams({ price: 1, priceFloor: 2 })], good: (l) => l.resolveParams({}) },
  describeRange: { bad: [(l) => l.describeRange("bogus" as never)], good: (l) => l.describeRange("price") },
  ParameterError: { bad: [], good: (l) => new l.ParameterError("m", "p", 1) },
  isParameterError: { bad: [], good: (l) => l.isParameterError(new l.ParameterError("m", "p", 1)), total: true },
  readNumber: { bad: [], good: (l) => l.readNumber("1.5"), total: true },
  readBoolean: { bad: [], good: (l) => l.readBoolean("TRUE"), total: true },
  readParameterText: { bad: [], good: (l) => l.readParameterText("chokePrice", "none"), total: true },
  parseNumber: { bad: [(l) => l.parseNumber("x", "0x10"), (l) => l.parseNumber("x", "12abc")], good: (l) => l.parseNumber("x", "1e3") },
  invalidMessage: { bad: [], good: (l) => l.invalidMessage("x", 1, "y"), total: true },
  parameterMessage: { bad: [(l) => l.parameterMessage("bogus" as never, 1)], good: (l) => l.parameterMessage("price", -1) },
  checkStock: { bad: [(l) => l.checkStock("z", -1, 365), (l) => l.checkStock("z", "1" as never, 365)], good: (l) => l.checkStock("z", 1, 365) },
  specOf: { bad: [], good: (l) => l.specOf("price"), total: true },
  beyondDoubles: { bad: [], good: (l) => l.beyondDoubles("x", "y", 1), total: true },
  steadyState: {
    bad: [(l) => l.steadyState(null as never), (l) => l.steadyState([] as never), (l) => l.steadyState({ ...steady, onsetRate: "1" as never }),
      (l) => l.steadyState({ ...steady, capacity: NaN }), (l) => l.steadyState({ ...steady, meanDuration: 0 }), (l) => l.steadyState({ ...steady, bogus: 1 } as never)],
    good: (l) => l.steadyState(steady), analysis: true,
  },
  dailyLoss: {
    bad: [(l) => l.dailyLoss(null as never, 0.1, 0), (l) => l.dailyLoss({}, "0.1" as never, 0), (l) => l.dailyLoss({}, 1, 0), (l) => l.dailyLoss({}, 0.1, NaN),
      (l) => l.dailyLoss({}, 0.1, 0, null as never), (l) => l.dailyLoss({}, 0.1, 0, { backend: "gpu" as never }), (l) => l.dailyLoss({ bogus: 1 } as never, 0.1, 0)],
    good: (l) => l.dailyLoss({}, 0.1, 0.05),
  },
  dailyLossKernel: { bad: [(l) => l.dailyLossKernel("gpu" as never), (l) => l.dailyLossKernel(null as never), (l) => l.dailyLossKernel(5 as never)], good: (l) => l.dailyLossKernel("js").worldLossPart(0) },
  MdpBuilder: {
    bad: [(l) => new l.MdpBuilder(0, 0.5), (l) => new l.MdpBuilder("2" as never, 0.5), (l) => new l.MdpBuilder(2, NaN), (l) => new l.MdpBuilder(2, 1),
      (l) => new l.MdpBuilder(1, 0.5).addAction(1, 0, [0], [1]), (l) => new l.MdpBuilder(1, 0.5).addAction("0" as never, 0, [0], [1]),
      (l) => new l.MdpBuilder(1, 0.5).addAction(0, 0, null as never, [1]), (l) => new l.MdpBuilder(1, 0.5).build(),
      (l) => withAction(l, "1" as never, [0], [1]).build(), (l) => withAction(l, 0, [], []).build(), (l) => withAction(l, 0, [1], [1]).build(),
      (l) => withAction(l, 0, [0], [0.5]).build(), (l) => withAction(l, 0, [0], [NaN]).build()],
    good: (l) => withAction(l, 1, [0], [1]).build(),
  },
  evaluatePolicy: {
    bad: [(l) => l.evaluatePolicy(null as never, Int32Array.of(0)), (l) => l.evaluatePolicy({} as never, Int32Array.of(0)), (l) => l.evaluatePolicy(oneState(l), null as never),
      (l) => l.evaluatePolicy(oneState(l), [0] as never), (l) => l.evaluatePolicy(oneState(l), Int32Array.of(1)), (l) => l.evaluatePolicy(oneState(l), new Int32Array(0))],
    good: (l) => l.evaluatePolicy(oneState(l), Int32Array.of(0)),
  },
  policyIteration: {
    bad: [(l) => l.policyIteration(null as never), (l) => l.policyIteration({ stateCount: 1 } as never), (l) => l.policyIteration(oneState(l), null as never),
      (l) => l.policyIteration(oneState(l), { maxIterations: "abc" as never }), (l) => l.policyIteration(oneState(l), { maxIterations: 0 }),
      (l) => l.policyIteration(oneState(l), { initialPolicy: [0] as never }), (l) => l.policyIteration(oneState(l), { bogus: 1 } as never)],
    good: (l) => l.policyIteration(oneState(l)),
  },
  valueIteration: {
    bad: [(l) => l.valueIteration(null as never), (l) => l.valueIteration(oneState(l), null as never), (l) => l.valueIteration(oneState(l), { tolerance: "abc" as never }),
      (l) => l.valueIteration(oneState(l), { tolerance: NaN }), (l) => l.valueIteration(oneState(l), { tolerance: -1 }), (l) => l.valueIteration(oneState(l), { maxIterations: 1.5 }),
      (l) => l.valueIteration(oneState(l), { bogus: 1 } as never)],
    good: (l) => l.valueIteration(oneState(l)),
  },
  solveTeisberg: { bad: [(l) => l.solveTeisberg("bogus" as never), (l) => l.solveTeisberg(null as never)], good: (l) => l.solveTeisberg(), analysis: true },
  normalizeMarket: {
    bad: [(l) => l.normalizeMarket(null as never), (l) => l.normalizeMarket([] as never), (l) => l.normalizeMarket({ ...market(l), price: "80" as never }),
      (l) => l.normalizeMarket({ ...market(l), priceFloor: NaN }), (l) => l.normalizeMarket({ ...market(l), countries: [] }),
      (l) => l.normalizeMarket({ ...market(l), countries: [null as never] }), (l) => l.normalizeMarket({ ...market(l), restOfWorld: 5 as never }),
      (l) => l.normalizeMarket({ ...market(l), bogus: 1 } as never), (l) => l.normalizeMarket({ ...market(l), disruptions: { kind: "scenarios", scenarios: [] } })],
    good: (l) => l.normalizeMarket(market(l)),
  },
  jointRelease: {
    bad: [(l) => l.jointRelease(null as never, []), (l) => l.jointRelease(market(l), null as never), (l) => l.jointRelease(market(l), [null as never]),
      (l) => l.jointRelease(market(l), [], null as never), (l) => l.jointRelease(market(l), [], { scenario: "0" as never }),
      (l) => l.jointRelease(market(l), [], { backend: "gpu" as never }), (l) => l.jointRelease(market(l), [], { bogus: 1 } as never),
      (l) => l.jointRelease(market(l), [{ country: "US", rate: "1" as never, days: 1 }]), (l) => l.jointRelease(market(l), [{ country: "US", rate: 1, days: NaN }])],
    good: (l) => l.jointRelease(market(l), l.SEED000_RELEASES.usAndChina as never), analysis: true,
  },
  coordinate: {
    bad: [(l) => l.coordinate(null as never), (l) => l.coordinate(market(l), null as never), (l) => l.coordinate(market(l), { backend: "gpu" as never }),
      (l) => l.coordinate(market(l), { coalition: "US" as never }), (l) => l.coordinate(market(l), { coalition: [] }), (l) => l.coordinate(market(l), { seed: NaN }),
      (l) => l.coordinate(market(l), { randomStarts: -1 }), (l) => l.coordinate(market(l), { bogus: 1 } as never)],
    good: (l) => l.coordinate(market(l), { randomStarts: 0 }), analysis: true,
  },
  coordinationMonteCarlo: {
    bad: [(l) => l.coordinationMonteCarlo(null as never, {}), (l) => l.coordinationMonteCarlo(market(l), null as never), (l) => l.coordinationMonteCarlo(market(l), {}, null as never),
      (l) => l.coordinationMonteCarlo(market(l), {}, { samples: 0 }), (l) => l.coordinationMonteCarlo(market(l), {}, { samples: "1" as never }),
      (l) => l.coordinationMonteCarlo(market(l), {}, { samples: 1, onProgress: 5 as never }), (l) => l.coordinationMonteCarlo(market(l), { elasticity: { low: "-0.3" as never, high: -0.1 } }, { samples: 1 }),
      (l) => l.coordinationMonteCarlo(market(l), { stocks: null as never }, { samples: 1 }), (l) => l.coordinationMonteCarlo(market(l), { stocks: { Nowhere: { low: 0, high: 1 } } }, { samples: 1 }),
      (l) => l.coordinationMonteCarlo(market(l), { bogus: 1 } as never, { samples: 1 }), (l) => l.coordinationMonteCarlo(market(l), {}, { samples: 1, backend: "gpu" as never })],
    good: (l) => l.coordinationMonteCarlo(market(l), {}, { samples: 2 }), analysis: true,
  },
  simulateStrategy: {
    bad: [(l) => l.simulateStrategy(null as never, shocks, rule), (l) => l.simulateStrategy({}, null as never, rule), (l) => l.simulateStrategy({}, shocks, null as never),
      (l) => l.simulateStrategy({}, [] as never, rule), (l) => l.simulateStrategy({}, { ...shocks, onsetRate: "1" as never }, rule),
      (l) => l.simulateStrategy({}, { ...shocks, classes: [] }, rule), (l) => l.simulateStrategy({}, { ...shocks, classes: [null as never] }, rule),
      (l) => l.simulateStrategy({}, { ...shocks, classes: [{ weight: 1, severity: 1.5, meanDuration: 90 }] }, rule),
      (l) => l.simulateStrategy({}, { ...shocks, classes: [{ weight: 1, severity: 0.1, meanDuration: 90, bogus: 1 } as never] }, rule),
      (l) => l.simulateStrategy({}, { ...shocks, bogus: 1 } as never, rule), (l) => l.simulateStrategy({}, shocks, { ...rule, maxFillRate: NaN }),
      (l) => l.simulateStrategy({}, shocks, { ...rule, targetStock: "30" as never }), (l) => l.simulateStrategy({}, shocks, { ...rule, fillMode: "gold" as never }),
      (l) => l.simulateStrategy({}, shocks, { ...rule, bogus: 1 } as never), (l) => l.simulateStrategy({}, shocks, rule, null as never),
      (l) => l.simulateStrategy({}, shocks, rule, { samples: 1 }), (l) => l.simulateStrategy({}, shocks, rule, { samples: "10" as never }),
      (l) => l.simulateStrategy({}, shocks, rule, { years: NaN }), (l) => l.simulateStrategy({}, shocks, rule, { seed: 1.5 }),
      (l) => l.simulateStrategy({}, shocks, rule, { initialRegime: 2 }), (l) => l.simulateStrategy({}, shocks, rule, { backend: "gpu" as never }),
      (l) => l.simulateStrategy({}, shocks, rule, { onProgress: 5 as never }), (l) => l.simulateStrategy({}, shocks, rule, { bogus: 1 } as never)],
    good: (l) => l.simulateStrategy({}, shocks, rule, { samples: 4, years: 1, bins: 10 }), analysis: true,
  },
  evaluateStrategy: {
    bad: [(l) => l.evaluateStrategy(null as never, shocks, rule, stratGrid), (l) => l.evaluateStrategy({}, null as never, rule, stratGrid),
      (l) => l.evaluateStrategy({}, shocks, null as never, stratGrid), (l) => l.evaluateStrategy({}, shocks, rule, null as never),
      (l) => l.evaluateStrategy({}, shocks, rule, { stockLevels: 1 }), (l) => l.evaluateStrategy({}, shocks, rule, { stockLevels: "4" as never }),
      (l) => l.evaluateStrategy({}, shocks, rule, { ...stratGrid, step: "7" as never }), (l) => l.evaluateStrategy({}, shocks, rule, { ...stratGrid, capacity: NaN }),
      (l) => l.evaluateStrategy({}, shocks, rule, { ...stratGrid, bogus: 1 } as never), (l) => l.evaluateStrategy({}, shocks, { ...rule, drawdownLag: 5 }, stratGrid),
      (l) => l.evaluateStrategy({}, shocks, { ...rule, bogus: 1 } as never, stratGrid), (l) => l.evaluateStrategy({}, { ...shocks, bogus: 1 } as never, rule, stratGrid),
      (l) => l.evaluateStrategy({}, shocks, rule, stratGrid, null as never), (l) => l.evaluateStrategy({}, shocks, rule, stratGrid, { years: "1" as never }),
      (l) => l.evaluateStrategy({}, shocks, rule, stratGrid, { initialStock: -1 }), (l) => l.evaluateStrategy({}, shocks, rule, stratGrid, { initialRegime: 0.5 }),
      (l) => l.evaluateStrategy({}, shocks, rule, stratGrid, { bogus: 1 } as never)],
    good: (l) => l.evaluateStrategy({}, shocks, rule, stratGrid), analysis: true,
  },
  optimizeStrategy: {
    bad: [(l) => l.optimizeStrategy(null as never, shocks, optGrid, optOptions), (l) => l.optimizeStrategy({}, null as never, optGrid, optOptions),
      (l) => l.optimizeStrategy({}, shocks, null as never, optOptions), (l) => l.optimizeStrategy({}, shocks, optGrid, null as never),
      (l) => l.optimizeStrategy({}, shocks, { stockLevels: 4 }, optOptions), (l) => l.optimizeStrategy({}, shocks, { ...optGrid, priceStates: 0 }, optOptions),
      (l) => l.optimizeStrategy({}, shocks, { ...optGrid, bogus: 1 } as never, optOptions), (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, maxDrawdownRate: "1" as never }),
      (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, maxFillRate: NaN }), (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, maxDrawdownRate: -1 }),
      (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, allowSales: "yes" as never }), (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, initialRegime: 5 }),
      (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, initialStock: NaN }), (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, rule: { ...rule, refillDelay: 3 } }),
      (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, bogus: 1 } as never)],
    good: (l) => l.optimizeStrategy({}, shocks, optGrid, { ...optOptions, rule }), analysis: true,
  },
  shockPreset: { bad: [(l) => l.shockPreset("bogus"), (l) => l.shockPreset("constructor"), (l) => l.shockPreset(null as never), (l) => l.shockPreset(5 as never)], good: (l) => l.shockPreset("ornl-oip") },
  usSprRule: {
    bad: [(l) => l.usSprRule(0, 30), (l) => l.usSprRule("1e6" as never, 30), (l) => l.usSprRule(NaN, 30), (l) => l.usSprRule(1e6, -1), (l) => l.usSprRule(1e6, "30" as never),
      (l) => l.usSprRule(1e6, 30, "yes" as never)],
    good: (l) => l.usSprRule(1e6, 30, true),
  },
};

async function failure(call: () => unknown, async: boolean): Promise<unknown> {
  if (!async) {
    try {
      call();
    } catch (error) {
      return error;
    }
    return undefined;
  }
  let promise: unknown;
  expect(() => { promise = call(); }, "an async function threw synchronously").not.toThrow();
  return (promise as Promise<unknown>).then(() => undefined, (e: unknown) => e);
}

describe("optimal-reserve: every export", () => {
  it("every function export has a contract (and no contract names a missing export)", () => {
    const functions = Object.keys(lib).filter((k) => typeof (lib as Record<string, unknown>)[k] === "function").sort();
    expect(functions).toEqual(Object.keys(CONTRACTS).sort());
  });

  it.each(Object.keys(CONTRACTS))("%s: bad input is a ParameterError; the good call works (with meta for analyses)", async (name) => {
    const c = CONTRACTS[name]!;
    for (const call of c.bad) {
      const error = await failure(() => call(lib), c.async === true);
      expect(lib.isParameterError(error), `${name}: ${call.toString()} gave ${String(error)}`).toBe(true);
      expect((error as Error).message).toMatch(/^(invalid|unknown|no |every)/);
    }
    const result = c.async ? await (c.good(lib) as Promise<unknown>) : c.good(lib);
    if (c.analysis) expect(result, name).toHaveProperty("meta.version", lib.VERSION);
    if (c.total) {
      const f = (lib as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
      for (const g of garbage) expect(() => f(g, g, g), `${name}(${String(g)})`).not.toThrow();
    }
  });

  it("non-function exports are deeply frozen data", () => {
    const unfrozen = (value: unknown, path: string): string[] => {
      if (value === null || typeof value !== "object") return [];
      if (!Object.isFrozen(value)) return [path];
      return Object.entries(value).flatMap(([k, v]) => unfrozen(v, `${path}.${k}`));
    };
    for (const [name, value] of Object.entries(lib)) {
      if (typeof value === "function") continue;
      expect(unfrozen(value, name), name).toEqual([]);
    }
  });
});

const strategyShocks = { onsetRate: 1, classes: [{ weight: 1, severity: 0.3, meanDuration: 60 }] };
const strategyRule = { maxDrawdownRate: 1, maxFillRate: 0.1, targetStock: 60 };

describe("optimal-reserve/pool: every export", () => {
  let pool: ReturnType<PoolModule["createPool"]>;
  beforeAll(() => {
    pool = poolModule.createPool({ workers: 1 });
  });
  afterAll(() => pool.close());

  it("createPool is the only export; bad options throw ParameterError", () => {
    expect(Object.keys(poolModule).sort()).toEqual(["createPool"]);
    for (const bad of [{ workers: 0 }, { workers: 1.5 }, { workers: "2" }, { workers: NaN }, { chunkSize: -1 }, { chunkSize: "abc" }, { backend: "gpu" }, null, "abc", []]) {
      let error: unknown;
      try {
        poolModule.createPool(bad as never);
      } catch (e) {
        error = e;
      }
      expect(lib.isParameterError(error), JSON.stringify(bad)).toBe(true);
    }
  });

  it("every pool method rejects bad input (never throws) and its analyses carry meta", async () => {
    const methods: Record<string, { bad: (() => Promise<unknown>)[]; good: () => Promise<unknown>; analysis: boolean }> = {
      solveBatch: { bad: [() => pool.solveBatch(null as never), () => pool.solveBatch({}, { signal: 5 as never }), () => pool.solveBatch([] as never), () => pool.solveBatch({ price: [50] }, null as never)], good: () => pool.solveBatch({ price: [50] }), analysis: false },
      grid: {
        bad: [() => pool.grid({}, { price: "abc" as never }), () => pool.grid(null as never, { price: [1] }), () => pool.grid({}, {}), () => pool.grid({}, { price: [] }),
          () => pool.grid({}, { price: [40] }, null as never), () => pool.grid({}, { price: [40] }, { onProgress: 5 as never })],
        good: () => pool.grid({}, { price: [40, 60] }), analysis: true,
      },
      monteCarlo: {
        bad: [() => pool.monteCarlo({}, {}, { samples: -1, seed: 1 }), () => pool.monteCarlo({}, { price: 5 as never }, { samples: 1, seed: 1 }), () => pool.monteCarlo(null as never, {}, { samples: 1, seed: 1 }),
          () => pool.monteCarlo({}, {}, null as never), () => pool.monteCarlo({}, {}, { samples: "3" as never, seed: 1 }), () => pool.monteCarlo({}, {}, { samples: 3, seed: NaN })],
        good: () => pool.monteCarlo({}, {}, { samples: 3, seed: 1 }), analysis: true,
      },
      simulateStrategy: {
        bad: [() => pool.simulateStrategy({}, null as never, strategyRule), () => pool.simulateStrategy({}, strategyShocks, { ...strategyRule, targetStock: -1 }),
          () => pool.simulateStrategy({}, strategyShocks, strategyRule, null as never), () => pool.simulateStrategy({}, strategyShocks, strategyRule, { samples: 1 }),
          () => pool.simulateStrategy({}, strategyShocks, strategyRule, { signal: 5 as never })],
        good: () => pool.simulateStrategy({}, strategyShocks, strategyRule, { years: 1, samples: 10 }), analysis: true,
      },
      close: { bad: [], good: async () => undefined, analysis: false },
    };
    const own = Object.keys(pool).filter((k) => typeof (pool as unknown as Record<string, unknown>)[k] === "function").sort();
    expect(own).toEqual(Object.keys(methods).sort());
    for (const [name, m] of Object.entries(methods)) {
      for (const call of m.bad) {
        const error = await failure(call, true);
        expect(lib.isParameterError(error), `${name}: ${String(error)}`).toBe(true);
      }
      const result = await m.good();
      if (m.analysis) expect(result, name).toHaveProperty("meta.version", lib.VERSION);
    }
  });
});
