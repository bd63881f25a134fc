/** The single-case API: solve() for z*, evaluate() at a given reserve. */
import { GL_HALF, glNode, glWeight } from "../assembly/kernel/gauss";
import { getBackend, type BackendChoice, type BackendName, type KernelBackend } from "./backend/index";
import {
  KERNEL_PARAMETERS, OUT_ITERATIONS, OUT_MARGINAL_BENEFIT, OUT_MARGINAL_COST, OUT_NET_BENEFIT, OUT_SLOPE, OUT_STATUS,
  OUT_TOTAL_COST, OUT_Z_STAR,
} from "../assembly/kernel/layout";
import { OUTPUT_COLUMNS } from "./backend/types";
import { resolveParams, toKernelInputs, type Params } from "./params";
import { beyondDoubles, checkBackend, checkKnownOptions, checkOptions, checkStock, formatNumber } from "./rules";
import { STATUS_NAMES, type Status } from "./status";

export interface SolveOptions {
  /** Which kernel to run: `auto` (default: WebAssembly, else JavaScript), `wasm` or `js`. */
  backend?: BackendChoice;
}

export interface SolveWithStockOptions extends SolveOptions {
  /** The reserve held today (days, 0 <= z0 <= horizon): adds gainOverCurrentStock. */
  currentStock?: number;
}

/** The optimal reserve and what it is worth. Money in USD/yr, reserves in days of imports. */
export interface Solution {
  /** z*, the optimal reserve (days of imports). */
  zStar: number;
  /**
   * z* in units of the commodity: zStar × imports (days × units/day = units, e.g. barrels for oil:
   * 117.15 days × 8.65e6 bbl/day ≈ 1.013e9 bbl in the base case). +Infinity only where the
   * product overflows a double (imports above about 4.9e305 units/day).
   */
  zStarUnits: number;
  /** How z* was determined (see Status). */
  status: Status;
  /** MB(z*), marginal benefit of one more day of reserve (USD/yr per day). */
  marginalBenefit: number;
  /** MC = q0 (c + v + i P0), marginal holding cost (USD/yr per day). */
  marginalCost: number;
  /** MB'(z*) (USD/yr per day^2); negative. */
  slope: number;
  /** S(z*) = expected loss not covered + holding cost (USD/yr); the minimum of S. */
  totalCost: number;
  /** W(z*) = E[loss with no reserve] - S(z*) (USD/yr); Infinity when m >= 2 or d = 1 (docs/model.md, "What a solve reports"). */
  netBenefit: number;
  /** false when netBenefit is Infinity. */
  netBenefitFinite: boolean;
  /** MB evaluations the root finder used. */
  iterations: number;
  /** The backend that produced this result. */
  backend: BackendName;
  /**
   * With options.currentStock = z0: S(z0) - S(z*) >= 0 (USD/yr), what moving from z0 to z*
   * saves each year. Finite for z0 > 0 even where netBenefit is Infinity.
   */
  gainOverCurrentStock?: number;
}

/** Why `netBenefit` can be Infinity, in one line (for CLIs and pages that show it). */
export const NET_BENEFIT_DIVERGES_NOTE =
  "with elasticity >= -0.5 (or importDependence = 1) the expected loss with no reserve is unbounded, " +
  "so any reserve's net benefit is infinite; compare stocks by the gain over the current stock instead " +
  "(or set a chokePrice, and gdpLossForm linear at importDependence = 1, which bound it)";

/** Marginal quantities and total cost at one reserve size. */
export interface Evaluation {
  /** MB(z) (USD/yr per day). Infinity at z = 0 when it diverges. */
  marginalBenefit: number;
  /** MC (USD/yr per day). */
  marginalCost: number;
  /** MB'(z) (USD/yr per day^2). */
  slope: number;
  /** S(z) (USD/yr). Infinity at z = 0 when it diverges. */
  totalCost: number;
  backend: BackendName;
}

// Scratch for one-row calls (single-threaded and synchronous, so safe to reuse).
const inputScratch = new Float64Array(KERNEL_PARAMETERS);
const rowScratch = new Float64Array(OUTPUT_COLUMNS);
const outputScratch: Float64Array[] = Array.from({ length: OUTPUT_COLUMNS }, () => new Float64Array(1));
const zScratch = new Float64Array(1);

/** Throw if a kernel output is NaN: never hand a silent NaN to the caller. */
function assertNumber(name: string, value: number, params: Params): void {
  if (Number.isNaN(value)) {
    throw new Error(`optimal-reserve: ${name} came out NaN for ${JSON.stringify(params)}; please report this case`);
  }
}

/**
 * Solve for the optimal reserve z* (days of imports) of the cost-benefit model of docs/model.md:
 * the root of MB(z) = MC, or a corner (status). Missing parameters take the paper's base values;
 * invalid ones throw ParameterError naming the parameter, the value and the allowed range.
 *
 * Method: Poisson-weighted series for the consumer-surplus integrals, the exponential integral
 * for the GDP term, Gauss-Legendre near the horizon, safeguarded Newton in logit(z/H); accurate
 * to about 1e-13 relative in z* (docs/numerics.md). One row through the backend's one-row entry
 * (solveOne), bit for bit the same as that row of solveBatch.
 */
export function solve(params: Partial<Params> = {}, options: SolveWithStockOptions = {}): Solution {
  const p = resolveParams(params);
  checkKnownOptions(checkOptions("options", options), ["backend", "currentStock"]);
  const backend = getBackend(checkBackend(options?.backend));
  toKernelInputs(p, inputScratch);
  backend.solveOne(inputScratch, rowScratch);
  const out = rowScratch;
  const solution: Solution = {
    zStar: out[OUT_Z_STAR]!,
    zStarUnits: out[OUT_Z_STAR]! * p.imports,
    status: STATUS_NAMES[out[OUT_STATUS]!] as Status,
    marginalBenefit: out[OUT_MARGINAL_BENEFIT]!,
    marginalCost: out[OUT_MARGINAL_COST]!,
    slope: out[OUT_SLOPE]!,
    totalCost: out[OUT_TOTAL_COST]!,
    netBenefit: out[OUT_NET_BENEFIT]!,
    netBenefitFinite: Number.isFinite(out[OUT_NET_BENEFIT]!),
    iterations: out[OUT_ITERATIONS]!,
    backend: backend.name,
  };
  assertNumber("zStar", solution.zStar, p);
  assertNumber("marginalBenefit", solution.marginalBenefit, p);
  assertNumber("slope", solution.slope, p);
  assertNumber("totalCost", solution.totalCost, p);
  assertNumber("netBenefit", solution.netBenefit, p);
  if (options.currentStock !== undefined) {
    solution.gainOverCurrentStock = solution.status === "unbounded"
      ? unboundedGain(p, options.currentStock)
      : gainOverStock(backend, p, options.currentStock, solution.zStar, solution.totalCost);
    if (Number.isNaN(solution.gainOverCurrentStock)) {
      // Only when S(z0) and S(z*) both overflow to Infinity (money beyond 1.8e308 USD/yr).
      throw beyondDoubles("the gain over currentStock, S(z0) - S(z*),",
        `S(z0) and S(z*) at currentStock = ${formatNumber(options.currentStock)} both exceed 1.8e308 USD/yr, so their difference ` +
        "cannot be formed; express quantities in larger units", options.currentStock);
    }
  }
  return solution;
}

/**
 * The gain at d = 1 with the GDP term (status unbounded, z* = H): S(z0) = +Infinity for every
 * z0 < H (docs/numerics.md, "d = 1"), so moving to H gains +Infinity; from z0 = H it gains 0.
 */
function unboundedGain(p: Params, z0: number): number {
  checkStock("currentStock", z0, p.horizon);
  return z0 < p.horizon ? Infinity : 0;
}

/** z0 and z* within this factor count as close (see gainOverStock). */
const CLOSE_FACTOR = 1.25;

/**
 * S(z0) - S(z*) (USD/yr). Where z0 and z* are within CLOSE_FACTOR the difference of two nearly
 * equal S values would cancel; there it is the integral of MC - MB(u) from z* to z0 by 8-point
 * Gauss-Legendre in one kernel call: MB is analytic on that interval and its singularity at
 * u = 0 lies at least 9 half-widths away (error < 1e-19, gauss.ts). Farther apart the gain is
 * a sizeable fraction of S and the plain difference loses at most a couple of digits.
 */
function gainOverStock(backend: KernelBackend, p: Params, z0: number, zStar: number, totalAtStar: number): number {
  checkStock("currentStock", z0, p.horizon);
  toKernelInputs(p, inputScratch);
  const close = z0 > 0 && zStar > 0 && Math.max(z0, zStar) <= CLOSE_FACTOR * Math.min(z0, zStar);
  if (!close) {
    zScratch[0] = z0;
    const outs = outputScratch.slice(0, 4);
    backend.evaluate(inputScratch, zScratch, outs, 0, 1);
    // The exact value is >= 0 (z* minimises S); rounding can only leave a few ulps below.
    return Math.max(0, outs[3]![0]! - totalAtStar);
  }
  const half = 0.5 * (z0 - zStar);
  const mid = 0.5 * (z0 + zStar);
  const nodes = new Float64Array(2 * GL_HALF);
  for (let k = 0; k < GL_HALF; k++) {
    nodes[2 * k] = mid - half * glNode(k);
    nodes[2 * k + 1] = mid + half * glNode(k);
  }
  const outs = [0, 1, 2, 3].map(() => new Float64Array(nodes.length));
  backend.evaluate(inputScratch, nodes, outs, 0, nodes.length);
  let sum = 0;
  for (let k = 0; k < GL_HALF; k++) {
    sum += glWeight(k) * (outs[1]![2 * k]! - outs[0]![2 * k]! + outs[1]![2 * k + 1]! - outs[0]![2 * k + 1]!);
  }
  return Math.max(0, half * sum);
}

/**
 * Marginal benefit MB(z), marginal cost, slope MB'(z) and total cost S(z) at the reserve z
 * (days, 0 <= z <= horizon), by the same kernel as solve().
 */
export function evaluate(z: number, params: Partial<Params> = {}, options: SolveOptions = {}): Evaluation {
  const p = resolveParams(params);
  checkStock("z", z, p.horizon);
  checkKnownOptions(checkOptions("options", options), ["backend"]);
  const backend = getBackend(checkBackend(options?.backend));
  toKernelInputs(p, inputScratch);
  zScratch[0] = z;
  backend.evaluate(inputScratch, zScratch, outputScratch, 0, 1);
  const result: Evaluation = {
    marginalBenefit: outputScratch[0]![0]!,
    marginalCost: outputScratch[1]![0]!,
    slope: outputScratch[2]![0]!,
    totalCost: outputScratch[3]![0]!,
    backend: backend.name,
  };
  assertNumber("marginalBenefit", result.marginalBenefit, p);
  assertNumber("slope", result.slope, p);
  assertNumber("totalCost", result.totalCost, p);
  return result;
}
