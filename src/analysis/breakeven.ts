/** breakEven(): the value of one parameter at which a given stock is exactly optimal. */
import { solveBatch } from "../batch";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, ParameterError, resolveParams, type NumericParam, type Params } from "../params";
import { solve, type SolveOptions } from "../solve";
import { STATUS_INVALID } from "../status";
import { scalarColumns } from "./base";
import { assertNumericName } from "./sensitivity";

export interface BreakEvenResult {
  name: NumericParam;
  /** The parameter value at which z* = stock. */
  value: number;
  /** The stock (days). */
  stock: number;
  meta: Meta;
}

/** Scan points over the search range (the root is then bracketed and refined). */
const SCAN_POINTS = 65;
/** Unbounded ranges are searched up to this multiple of max(1, |base value|). */
const OPEN_RANGE_FACTOR = 1e6;

/** The search interval for `name`: its allowed range, open ends closed off sensibly. */
function searchRange(name: NumericParam, p: Readonly<Params>): [number, number] {
  const spec = PARAMETER_SPECS.find((s) => s.name === name)!;
  const scale = Math.max(1, Math.abs(p[name]));
  let lo = spec.min;
  if (!spec.minInclusive) lo = spec.min + scale * 1e-9;
  if (name === "price") lo = Math.max(lo, p.priceFloor);
  const hi = name === "priceFloor" ? p.price : spec.max === Infinity ? scale * OPEN_RANGE_FACTOR : spec.max;
  return [lo, hi];
}

/**
 * The value of the parameter `name` (others at `base`) at which `stock` days is exactly the
 * optimal reserve, e.g. "what mean disruption makes today's 80 days optimal?".
 *
 * Method: z*(theta) is solved at SCAN_POINTS values over the allowed range (log-spaced where the
 * range spans decades) in one batch; the first sign change of z* - stock brackets the root,
 * which bisection/secant (Illinois) refines to 1e-13 relative in theta. Throws when no value in
 * the allowed range brings z* to `stock`, saying what range z* covers.
 */
export function breakEven(base: Partial<Params>, name: NumericParam, stock: number, options: SolveOptions = {}): BreakEvenResult {
  assertNumericName(name);
  const p = resolveParams(base);
  if (!(Number.isFinite(stock) && stock > 0)) {
    throw new ParameterError(`invalid stock: got ${stock}; allowed: a finite number of days > 0`, "stock", stock);
  }
  const [lo, hi] = searchRange(name, p);
  const logScan = lo > 0 && hi / lo > 100;
  const thetas = Float64Array.from({ length: SCAN_POINTS }, (_, k) => {
    const t = k / (SCAN_POINTS - 1);
    return k === SCAN_POINTS - 1 ? hi : logScan ? lo * (hi / lo) ** t : lo + (hi - lo) * t;
  });
  const scan = solveBatch({ ...scalarColumns(p), [name]: thetas }, options);
  const gap = (k: number) => scan.zStar[k]! - stock;
  let bracket = -1;
  for (let k = 0; k + 1 < SCAN_POINTS; k++) {
    if (scan.status[k] === STATUS_INVALID || scan.status[k + 1] === STATUS_INVALID) continue;
    if (gap(k) === 0) return { name, value: thetas[k]!, stock, meta: makeMeta(scan.backend, p) };
    if (Math.sign(gap(k)) !== Math.sign(gap(k + 1))) {
      bracket = k;
      break;
    }
  }
  if (bracket < 0) {
    const valid = Array.from(scan.zStar).filter((z) => !Number.isNaN(z));
    throw new ParameterError(
      `no ${name} in [${lo}, ${hi}] makes ${stock} days optimal: z* ranges over ` +
        `[${Math.min(...valid).toPrecision(6)}, ${Math.max(...valid).toPrecision(6)}] days there`, name, stock);
  }
  let a = thetas[bracket]!;
  let b = thetas[bracket + 1]!;
  let fa = gap(bracket);
  let fb = gap(bracket + 1);
  let side = 0;
  const f = (theta: number) => solve({ ...p, [name]: theta }, options).zStar - stock;
  for (let it = 0; it < 200 && Math.abs(b - a) > 1e-13 * Math.max(Math.abs(a), Math.abs(b), 1e-300); it++) {
    // Illinois regula falsi, with a bisection step every third iteration as a guard.
    const c = it % 3 === 2 ? 0.5 * (a + b) : (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (fc === 0) {
      a = b = c;
      break;
    }
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  const value = Math.abs(fa) < Math.abs(fb) ? a : b;
  return { name, value, stock, meta: makeMeta(scan.backend, p) };
}
