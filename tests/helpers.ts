/** Shared test helpers: backends, seeded randomness, fixtures, relative errors. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BackendName, Params } from "../src/index";

export const BACKENDS: readonly BackendName[] = ["wasm", "js"];

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const logUniform = (u: number, lo: number, hi: number) => Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));

/**
 * A random parameter set over the whole allowed range (docs/model.md section 2): every trap of
 * section 5 has a real chance (m up to 200, lambda from 0.1 to 1e4, d up to 1, H from 1 to 3650,
 * zero costs, P1 = P0).
 */
export function randomParams(next: () => number): Params {
  const price = logUniform(next(), 1, 1e4);
  const pick = next();
  const priceFloor = pick < 0.05 ? price : pick < 0.1 ? 0 : price * next();
  const zeroCost = next() < 0.03;
  return {
    price,
    priceFloor,
    elasticity: -1 / logUniform(next(), 0.1, 200),
    meanDisruption: logUniform(next(), 0.1, 1e4),
    importDependence: next() < 0.03 ? 1 : 1 - logUniform(next(), 1e-6, 0.99),
    imports: logUniform(next(), 1, 1e8),
    gdpElasticity: next() < 0.1 ? 0 : next() * 0.8,
    gdp: logUniform(next(), 1e9, 1e14),
    fixedCost: zeroCost ? 0 : logUniform(next(), 1e-4, 1e3),
    variableCost: zeroCost ? 0 : next() * 2,
    interestRate: zeroCost ? 0 : next() * 0.15,
    horizon: next() < 0.5 ? 365 : logUniform(next(), 1, 3650),
    includeGdp: next() >= 0.15,
    // The extensions at their defaults (drawn by their own tests), so the random stream is unchanged.
    eventProbability: 1,
    chokePrice: Infinity,
    gdpLossForm: "paper",
  };
}

/** Relative difference |a - b| / max(|a|, |b|), 0 when equal (Infinity == Infinity). */
export function relDiff(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

export type FixtureNumber = number | "Infinity" | "-Infinity";

export interface SolveFixture {
  name: string;
  params: Partial<Params>;
  zStar: number;
  zStarDigits: string;
  status: string;
  marginalCost: number;
  marginalBenefit?: number;
  slope?: FixtureNumber;
  totalCost?: FixtureNumber;
  netBenefit?: FixtureNumber;
}

export interface EvaluationFixture {
  name: string;
  params: Partial<Params>;
  points: { z: number; marginalBenefit: FixtureNumber; slope: FixtureNumber; totalCost: FixtureNumber }[];
}

/** A fixture file of tests/fixtures/ (written by scripts/reference.py). */
export function loadFixture<T>(name: string): T[] {
  const text = readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8");
  return (JSON.parse(text) as { cases: T[] }).cases;
}

export function num(x: FixtureNumber): number {
  return x === "Infinity" ? Infinity : x === "-Infinity" ? -Infinity : x;
}

/** A failure message in the stdlib style: input, output, expected, error. */
export function explain(label: string, input: unknown, got: number, expected: number, error: number, tol: number): string {
  return `${label}: input ${JSON.stringify(input)}\n  got      ${got}\n  expected ${expected}\n  error    ${error.toExponential(3)} > tolerance ${tol}`;
}

/**
 * The extensions drawn over their whole range for a parameter set `p` (tests/extensions.test.ts,
 * parity): eventProbability log-uniform in [1e-6, 1] (1 in a fifth of draws), a choke price in a
 * half of draws from just above the price to 1e6 times it, the linear GDP form in a third.
 */
export function randomExtensions(next: () => number, p: Params): Params {
  const prob = next() < 0.2 ? 1 : logUniform(next(), 1e-6, 1);
  const choke = next() < 0.5 ? Infinity : p.price * (1 + logUniform(next(), 1e-6, 1e6));
  return { ...p, eventProbability: prob, chokePrice: choke, gdpLossForm: next() < 1 / 3 ? "linear" : "paper" };
}
