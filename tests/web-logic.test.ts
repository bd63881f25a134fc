/** The web app's logic without a browser: input validation, URL state, one update's contents. */
import { describe, expect, it } from "vitest";
import { BASE_PARAMS, curve, paperCases, solve, solveBatch, tornado, type NumericParam } from "../src/index";
import { CSV_PART_ROWS, curveCsv, samplesCsvParts, tornadoCsv } from "../web/src/export";
import { formatDays, formatField, formatScaled, formatUsd, formatWords, scaleOf } from "../web/src/format";
import { defaultState, presetOf, readInputs, stateOf } from "../web/src/inputs";
import { defaultFields, defaultLaw, lawsFor, toDistribution, type Law } from "../web/src/mc-laws";
import { stateFromQuery, stateToQuery } from "../web/src/url-state";
import { CLI_MC_SAMPLES } from "../web/src/mc-run";
import { MAX_MC_SAMPLES } from "../src/cli/analysis";
import { CURVE_POINTS, chartEnd, computeView, zStarInUnits } from "../web/src/view";

describe("web inputs", () => {
  it("the default state is the paper's base case, valid, with no stock", () => {
    const r = readInputs(defaultState());
    expect(r.errors.size).toBe(0);
    expect(r.params).toEqual(BASE_PARAMS);
    expect(r.stock).toBeUndefined();
  });

  it("reports every bad field with the library's message, including priceFloor against the price given", () => {
    const state = defaultState();
    state.values.meanDisruption = "-5";
    state.values.fixedCost = "abc";
    state.values.price = "40";
    state.values.priceFloor = "45";
    state.values.horizon = "";
    const r = readInputs(state);
    expect(r.params).toBeUndefined();
    expect([...r.errors.keys()].sort()).toEqual(["fixedCost", "horizon", "meanDisruption", "priceFloor"]);
    expect(r.errors.get("meanDisruption")).toBe("invalid meanDisruption: got -5; allowed: 0.1 <= meanDisruption <= 10000 (days of imports)");
    expect(r.errors.get("fixedCost")).toMatch(/^"abc" is not a number; allowed: 0 <= fixedCost/);
    expect(r.errors.get("horizon")).toMatch(/^"" is not a number; allowed: 1 <= horizon <= 3650/);
    expect(r.errors.get("priceFloor")).toMatch(/allowed: 0 <= priceFloor <= price = 40 /);
  });

  it("checks the current stock against the horizon", () => {
    const state = { ...defaultState(), currentStock: "400" };
    expect(readInputs(state).errors.get("currentStock")).toMatch(/got "400"; allowed: 0 <= currentStock <= horizon = 365/);
    state.values.horizon = "500";
    expect(readInputs(state).stock).toBe(400);
  });

  it("keeps the state in the query: only changes, invalid text too, and back", () => {
    expect(stateToQuery(defaultState())).toBe("");
    const state = stateOf({ ...BASE_PARAMS, meanDisruption: 31, includeGdp: false }, "80");
    state.values.fixedCost = "x";
    const query = stateToQuery(state);
    expect(query).toBe("?meanDisruption=31&fixedCost=x&includeGdp=false&currentStock=80");
    expect(stateFromQuery(query)).toEqual(state);
    expect(stateFromQuery("?unknown=1&includeGdp=0").includeGdp).toBe(false);
  });
});

describe("web inputs: the extensions (docs/model.md section 11)", () => {
  it("chokePrice shows none for no choke price and takes a number; the GDP loss form is kept", () => {
    expect(defaultState().values.chokePrice).toBe("none");
    expect(defaultState().gdpLossForm).toBe("paper");
    const state = { ...defaultState(), gdpLossForm: "linear" };
    state.values.chokePrice = "200";
    state.values.eventProbability = "0.25";
    state.values.importDependence = "1";
    const r = readInputs(state);
    expect(r.errors.size).toBe(0);
    expect(r.params).toEqual({ ...BASE_PARAMS, chokePrice: 200, eventProbability: 0.25, importDependence: 1, gdpLossForm: "linear" });
    expect(presetOf(state)).toBe(-1);
    const query = stateToQuery(state);
    expect(query).toBe("?importDependence=1&eventProbability=0.25&chokePrice=200&gdpLossForm=linear");
    expect(stateFromQuery(query)).toEqual(state);
  });
  it("every bad extension field gets the library's message", () => {
    const state = { ...defaultState(), gdpLossForm: "cubic" };
    state.values.chokePrice = "40";
    state.values.eventProbability = "2";
    const r = readInputs(state);
    expect(r.errors.get("chokePrice")).toMatch(/^invalid chokePrice: got 40; allowed: price = 50.8 < chokePrice/);
    expect(r.errors.get("eventProbability")).toMatch(/^invalid eventProbability: got 2; allowed: 0 < eventProbability <= 1/);
    expect(r.errors.get("gdpLossForm")).toBe('invalid gdpLossForm: got "cubic"; allowed: "paper" or "linear"');
    state.values.chokePrice = "lots";
    expect(readInputs(state).errors.get("chokePrice")).toMatch(/^"lots" is not a number or none; allowed:/);
  });
});

describe("one update", () => {
  it("is the library's solution, a 200-point curve up to past z* and the stock, and the tornado", () => {
    const view = computeView({ ...BASE_PARAMS, meanDisruption: 31 }, 80);
    const s = solve({ meanDisruption: 31 }, { currentStock: 80 });
    expect(view.solution).toEqual(s);
    const end = chartEnd(view.params, s.zStar, 80);
    expect(end).toBe(Math.min(365, 2.5 * s.zStar));
    expect(view.curve.z).toHaveLength(CURVE_POINTS);
    expect(view.curve.totalCost).toEqual(curve({ meanDisruption: 31 }, { from: end / CURVE_POINTS, to: end, points: CURVE_POINTS }).totalCost);
    expect(view.tornado.rows).toEqual(tornado({ meanDisruption: 31 }).rows);
    // A small z* still gets a readable range, and a large stock stays on the chart.
    expect(chartEnd(BASE_PARAMS, 1, undefined)).toBe(10);
    expect(chartEnd(BASE_PARAMS, 50, 300)).toBe(365);
  });

  it("formats days to 3 decimals and money with a suffix", () => {
    expect(formatDays(117.14705212726227)).toBe("117.147");
    expect(formatDays(0)).toBe("0.000");
    expect(formatDays(1.5e-7)).toBe("1.500e-7");
    expect(formatUsd(9.4495e9)).toBe("9.4495 bn");
    expect(formatUsd(44.2e6)).toBe("44.2 mn");
    expect(formatUsd(Infinity)).toBe("Infinity");
  });
});

describe("page formats, presets, units and laws", () => {
  it("writes large field values in exponent form that reads back exactly, and in words beside them", () => {
    expect(formatField(12.2e12)).toBe("1.22e13");
    expect(formatField(8.65e6)).toBe("8.65e6");
    expect(formatField(0.0435)).toBe("0.0435");
    expect(formatField(-0.1)).toBe("-0.1");
    for (const x of [12.2e12, 8.65e6, 1 / 3 * 1e9, 2.5e-7, 0.698]) expect(Number(formatField(x))).toBe(x);
    expect(defaultState().values.gdp).toBe("1.22e13");
    expect(formatWords(12.2e12)).toBe("12.2 trillion");
    expect(formatWords(1.0133e9)).toBe("1.013 billion");
    expect(formatWords(8.65e6)).toBe("8.65 million");
  });

  it("chooses one money scale per quantity, for the chart and the text alike", () => {
    const s = solve({});
    expect(scaleOf(s.marginalCost)).toEqual([1e6, "mn"]);
    expect(formatUsd(s.marginalCost)).toMatch(/ mn$/);
    expect(formatScaled(s.marginalCost, scaleOf(s.marginalCost))).toBe(formatUsd(s.marginalCost));
    expect(scaleOf(s.totalCost)).toEqual([1e9, "bn"]);
    expect(scaleOf(999)).toEqual([1, ""]);
    expect(formatScaled(12.5, [1, ""])).toBe("12.5");
  });

  it("names the paper case the fields show, the base case included; an edit makes it custom", () => {
    expect(presetOf(defaultState())).toBe(0);
    paperCases.forEach((c, k) => expect(presetOf(stateOf(c.params, ""))).toBe(k));
    const edited = defaultState();
    edited.values.meanDisruption = "31.0";
    expect(presetOf(edited)).toBe(paperCases.findIndex((c) => c.name === "longer disruptions"));
    edited.values.meanDisruption = "30";
    expect(presetOf(edited)).toBe(-1);
    expect(presetOf({ ...defaultState(), includeGdp: false })).toBe(1);
  });

  it("shows z* in units of the commodity: z* x imports, or the library's zStarUnits when it has one", () => {
    const view = computeView(BASE_PARAMS, undefined);
    // The product, or the library's own field (the same product, to rounding).
    expect(Math.abs(view.zStarUnits / (view.solution.zStar * BASE_PARAMS.imports) - 1)).toBeLessThanOrEqual(4e-16);
    // 117.147 days x 8.65e6 barrels/day = 1.0133e9 barrels.
    expect(view.zStarUnits / 1e9).toBeCloseTo(1.01332, 5);
    expect(zStarInUnits({ ...view.solution, zStarUnits: 42 } as typeof view.solution, BASE_PARAMS)).toBe(42);
  });

  it("offers each parameter the laws that fit it (no lognormal for the negative elasticity), centred on its value", () => {
    expect(lawsFor("elasticity")).not.toContain("lognormal");
    expect(defaultLaw("elasticity")).toBe("normal");
    expect(defaultLaw("meanDisruption")).toBe("lognormal");
    expect(defaultFields("normal", -0.1)).toEqual(["-0.1", "0.03"]);
    expect(defaultFields("uniform", 21)).toEqual(["14.7", "27.3"]);
    expect(defaultFields("triangular", 21)).toEqual(["14.7", "21", "27.3"]);
    // Bounds and spreads rounded to 6 significant digits, the centre exact.
    expect(defaultFields("triangular", 50.8)).toEqual(["35.56", "50.8", "66.04"]);
    expect(defaultFields("lognormal", 31)).toEqual(["31", "9.3"]);
    expect(defaultFields("normal", 1 / 3)).toEqual([String(1 / 3), "0.1"]);
    const row = (law: Law, fields: string[], name: NumericParam = "elasticity") => toDistribution({ name, law, fields });
    expect(row("normal", ["-0.1", "0.03"])).toEqual({ distribution: { type: "normal", mean: -0.1, sd: 0.03 } });
    expect(row("triangular", ["-0.2", "-0.1", "-0.05"])).toEqual({ distribution: { type: "triangular", min: -0.2, mode: -0.1, max: -0.05 } });
    // Bad fields: the page's "not a number", or the library's own message for the law.
    expect(row("uniform", ["-0.2", "x"])).toEqual({ error: 'elasticity: max "x" is not a number' });
    expect(row("uniform", ["-0.1", "-0.2"])).toMatchObject({ error: expect.stringMatching(/^invalid distribution for elasticity\b.*uniform .*min <= max/) });
    expect(row("normal", ["21", "-1"], "meanDisruption")).toMatchObject({ error: expect.stringMatching(/^invalid distribution for meanDisruption\b.*normal .*sd >= 0/) });
  });
});

describe("downloads (CSV)", () => {
  const parse = (csv: string) => csv.trim().split("\n").map((l) => l.split(","));

  it("the cost curve: every point of the library's curve, round-tripping exactly", () => {
    const view = computeView(BASE_PARAMS, undefined);
    const rows = parse(curveCsv(view.curve));
    expect(rows[0]).toEqual(["z_days", "totalCost_usd_per_yr", "marginalBenefit_usd_per_yr_per_day", "marginalCost_usd_per_yr_per_day"]);
    expect(rows).toHaveLength(CURVE_POINTS + 1);
    rows.slice(1).forEach((r, i) => {
      expect(Number(r[0])).toBe(view.curve.z[i]);
      expect(Number(r[1])).toBe(view.curve.totalCost[i]);
      expect(Number(r[2])).toBe(view.curve.marginalBenefit[i]);
    });
  });

  it("the tornado: the library's rows in order", () => {
    const t = tornado({});
    const rows = parse(tornadoCsv(t));
    expect(rows.slice(1).map((r) => r[0])).toEqual(t.rows.map((r) => r.name));
    rows.slice(1).forEach((r, k) => expect(r.slice(1, 6).map(Number)).toEqual([t.rows[k]!.low, t.rows[k]!.high, t.rows[k]!.zLow, t.rows[k]!.zHigh, t.rows[k]!.swing]));
    // The corner column is the library's flag where it has one (the d = 1 row), else false.
    rows.slice(1).forEach((r, k) => expect(r[7]).toBe(String((t.rows[k] as { corner?: boolean }).corner === true)));
  });

  it("the Monte Carlo samples: sampled columns, z* and status per sample, in parts with a pause between", async () => {
    const columns = { meanDisruption: Float64Array.from({ length: 10_001 }, (_, i) => 10 + i / 1000), price: 50.8 };
    const r = solveBatch(columns);
    let pauses = 0;
    const parts = await samplesCsvParts({ columns, zStar: r.zStar, status: r.status }, async () => {
      pauses++;
    });
    expect(parts).toHaveLength(1 + Math.ceil(10_001 / CSV_PART_ROWS));
    expect(pauses).toBe(parts.length - 1);
    const rows = parse(parts.join(""));
    expect(rows[0]).toEqual(["sample", "meanDisruption", "zStar_days", "status"]);
    expect(rows).toHaveLength(10_002);
    expect(rows[10_001]).toEqual(["10001", String(columns.meanDisruption[10_000]), String(r.zStar[10_000]), "interior"]);
  });
});

describe("the Monte Carlo limits the page states", () => {
  it("name the command line's real limit", () => {
    expect(CLI_MC_SAMPLES).toBe(MAX_MC_SAMPLES);
  });
});
