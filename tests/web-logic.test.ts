/** The web app's logic without a browser: input validation, URL state, one update's contents. */
import { describe, expect, it } from "vitest";
import { BASE_PARAMS, curve, solve, tornado } from "../src/index";
import { formatDays, formatUsd } from "../web/src/format";
import { defaultState, readInputs, stateOf } from "../web/src/inputs";
import { stateFromQuery, stateToQuery } from "../web/src/url-state";
import { CURVE_POINTS, chartEnd, computeView } from "../web/src/view";

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
