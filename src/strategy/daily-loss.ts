/**
 * The per-day disruption loss (assembly/kernel/daily-loss.ts) on either backend, and a
 * parameter-level helper for the domestic (paper's) reading.
 *
 * `dailyLossKernel("js")` is the kernel source itself, run as JavaScript; `dailyLossKernel("wasm")`
 * is the same functions exported by the WebAssembly build (assembly/index.ts re-exports them),
 * from an instance of the package's one compiled module. The two agree to a few ulps (they differ
 * only in the last bits of exp/log/expm1/log1p): tests/daily-loss.test.ts measures it. Calling
 * these from JavaScript crosses the boundary once per value: they are for loops that live in the
 * kernel, for tests and for small evaluations, not for bulk work from JavaScript.
 */
import * as kernel from "../../assembly/kernel/daily-loss";
import { wasmModule } from "../backend/wasm";
import type { BackendName } from "../backend/types";
import { getBackend } from "../backend/index";
import { requirePaperExtensions, resolveParams, type Params } from "../params";
import { checkOptions, invalid } from "../rules";

/** The kernel's per-day loss functions (signatures and units as documented in the kernel source). */
export interface DailyLossKernel {
  readonly backend: BackendName;
  shortfallLossShape(s: number, m: number): number;
  shortfallPriceShape(s: number, m: number): number;
  domesticConsumerLoss(imports: number, price: number, priceFloor: number, exponent: number, severity: number, release: number): number;
  domesticGdpLoss(gdpRate: number, importDependence: number, severity: number, release: number): number;
  domesticDailyLoss(
    imports: number, price: number, priceFloor: number, exponent: number, gdpRate: number, importDependence: number,
    severity: number, release: number,
  ): number;
  domesticReleaseValue(
    imports: number, price: number, priceFloor: number, exponent: number, gdpRate: number, importDependence: number,
    severity: number, release: number,
  ): number;
  worldPrice(price: number, priceFloor: number, worldExponent: number, worldSeverity: number, totalRelease: number, worldSupply: number): number;
  priceLossShape(u: number, m: number): number;
  worldDailyLoss(
    imports: number, price: number, priceFloor: number, exponent: number, worldPriceValue: number, ownRelease: number,
    gdpRate: number, importDependence: number, gdpForm: number,
  ): number;
  worldLossPart(part: number): number;
}

/** Selector of worldDailyLoss's GDP term: the paper's form, or ORNL's price form gdpRate ln(P/P̄). */
export const GDP_FORM = Object.freeze({ paper: kernel.GDP_FORM_PAPER, price: kernel.GDP_FORM_PRICE } as const);
/** Index of each part of worldDailyLoss for worldLossPart (USD/day; the total subtracts releaseRevenue). */
export const WORLD_LOSS_PART = Object.freeze({
  deadweight: kernel.WORLD_PART_DEADWEIGHT,
  importBill: kernel.WORLD_PART_IMPORT_BILL,
  releaseRevenue: kernel.WORLD_PART_RELEASE_REVENUE,
  gdp: kernel.WORLD_PART_GDP,
} as const);

const FUNCTION_NAMES = [
  "shortfallLossShape", "shortfallPriceShape", "domesticConsumerLoss", "domesticGdpLoss", "domesticDailyLoss",
  "domesticReleaseValue", "worldPrice", "priceLossShape", "worldDailyLoss", "worldLossPart",
] as const;

const jsKernel: DailyLossKernel = { backend: "js", ...kernel };
let wasmKernel: DailyLossKernel | undefined;

function instantiateWasm(): DailyLossKernel {
  const instance = new WebAssembly.Instance(wasmModule(), {
    env: { abort(): never { throw new Error("optimal-reserve: WebAssembly kernel aborted"); } },
  });
  const exports = instance.exports as Record<string, unknown>;
  const picked: Record<string, unknown> = { backend: "wasm" };
  for (const name of FUNCTION_NAMES) {
    if (typeof exports[name] !== "function") throw new Error(`optimal-reserve: the WebAssembly kernel lacks ${name}`);
    picked[name] = exports[name];
  }
  return picked as unknown as DailyLossKernel;
}

/**
 * The per-day loss functions on a backend: `js`, `wasm`, or `auto` (WebAssembly where the
 * package's backend choice finds it usable, else JavaScript). Throws ParameterError for any other
 * choice, and an Error if `wasm` is asked for and WebAssembly is unavailable.
 */
export function dailyLossKernel(choice: BackendName | "auto" = "auto"): DailyLossKernel {
  const name = getBackend(choice).name;
  if (name === "js") return jsKernel;
  wasmKernel ??= instantiateWasm();
  return wasmKernel;
}

/** The parts of the domestic per-day loss, USD per day of disruption. */
export interface DomesticDailyLoss {
  /** q0 (P0 - P1) w((σ - r)+). */
  consumer: number;
  /** δ gdp0/H · d (σ - r)+ / (1 - d σ); 0 when includeGdp is false. */
  gdp: number;
  /** consumer + gdp. */
  total: number;
  /** -∂total/∂release: USD/day saved per extra day of imports released per day. */
  releaseValue: number;
  backend: BackendName;
}

function checkShare(name: string, value: number, inRange: (x: number) => boolean, range: string): void {
  if (typeof value !== "number" || !inRange(value)) throw invalid(name, value, range);
}

/**
 * The domestic (paper's) loss per day of a disruption that cuts the share `severity` of normal
 * imports while the reserve releases `release` days of imports per day, for the model's
 * parameters (missing ones take the paper's base values). USD per day.
 *
 * Throws ParameterError for an invalid parameter (or eventProbability, chokePrice, gdpLossForm away
 * from their defaults: the per-day loss does not take them), severity outside [0, 1) or release outside [0, 1],
 * options that are not an object, or a backend other than "auto", "wasm", "js".
 */
export function dailyLoss(
  params: Partial<Params>, severity: number, release: number, options: { backend?: BackendName | "auto" } = {},
): DomesticDailyLoss {
  const p = resolveParams(params);
  requirePaperExtensions(p, "dailyLoss");
  const backend = checkOptions("options", options).backend;
  checkShare("severity", severity, (x) => x >= 0 && x < 1, "0 <= severity < 1 (share of normal imports lost)");
  checkShare("release", release, (x) => x >= 0 && x <= 1, "0 <= release <= 1 (days of imports per day)");
  const k = dailyLossKernel(backend);
  const m = -1 / p.elasticity;
  const gdpRate = p.includeGdp ? (p.gdpElasticity * p.gdp) / p.horizon : 0;
  const consumer = k.domesticConsumerLoss(p.imports, p.price, p.priceFloor, m, severity, release);
  const gdp = k.domesticGdpLoss(gdpRate, p.importDependence, severity, release);
  const releaseValue = k.domesticReleaseValue(p.imports, p.price, p.priceFloor, m, gdpRate, p.importDependence, severity, release);
  return { consumer, gdp, total: consumer + gdp, releaseValue, backend: k.backend };
}
