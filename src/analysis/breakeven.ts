/** breakEven(): the value of one parameter at which a given stock is exactly optimal. */
import { solveBatch } from "../batch";
import { makeMeta, type Meta } from "../meta";
import { ParameterError, allowedInterval, resolveParams, specOf, type NumericParam, type Params } from "../params";
import { checkStock } from "../rules";
import { solve, type SolveOptions } from "../solve";
import { STATUS_INVALID } from "../status";
import { STATUS_CORNER, checkSolveOptions, scalarColumns } from "./base";
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
/**
 * Extra scan points 1 - 10^-k for d: z*(d) rises like -log(1 - d) as d -> 1 (the GDP term's
 * singularity), so the range z* reaches below the corner d = 1 shows only this close to it.
 */
const NEAR_CORNER = [1e-3, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12].map((g) => 1 - g);
/** Refinement stops at this relative width of the bracket in theta. */
const THETA_TOLERANCE = 1e-13;
const MAX_REFINE_STEPS = 200;

/** The search interval for `name`: its allowed range given the others (priceFloor <= price both ways), open ends closed off. */
function searchRange(name: NumericParam, p: Readonly<Params>): [number, number] {
  const { lo, hi, lowOpen, highOpen } = allowedInterval(name, p);
  // No choke price (Infinity) gives no scale: the price's stands for it.
  const value = Number.isFinite(p[name]) ? p[name] : p.price;
  const scale = name === "eventProbability" ? 1 : Math.max(1, Math.abs(value));
  // An open end is approached to 1e-9 of the value's scale (p from 1e-9 to 1).
  return [lowOpen ? lo + scale * 1e-9 : lo, hi === Infinity ? scale * OPEN_RANGE_FACTOR : highOpen ? hi - scale * 1e-9 : hi];
}

function scanPoints(name: NumericParam, lo: number, hi: number): Float64Array {
  const logScan = lo > 0 && hi / lo > 100;
  const points = Array.from({ length: SCAN_POINTS }, (_, k) => {
    const t = k / (SCAN_POINTS - 1);
    return k === SCAN_POINTS - 1 ? hi : logScan ? lo * (hi / lo) ** t : lo + (hi - lo) * t;
  });
  if (name === "importDependence") points.push(...NEAR_CORNER.filter((d) => d > lo && d < hi));
  return Float64Array.from(points.sort((a, b) => a - b));
}

/**
 * The value of the parameter `name` (others at `base`) at which `stock` days is exactly the
 * optimal reserve, e.g. "what mean disruption makes today's 80 days optimal?".
 *
 * `stock` follows the one stock rule, 0 <= stock <= H (days; H = horizon, or its largest allowed
 * value when `name` is horizon). Method: z*(theta) is solved at SCAN_POINTS values over the
 * allowed range (log-spaced where it spans decades; for d also 1 - 10^-k up to the corner) in
 * one batch; the first sign change of z* - stock brackets the root, which Illinois regula falsi
 * refines to 1e-13 relative in theta. Where a whole interval gives z* = stock (stock 0 or H, the
 * corners `zero` and `horizon`), the value returned is that interval's edge. The d = 1 corner
 * with the GDP term (status `unbounded`, z* = H by definition, not as the limit of z* as d -> 1)
 * is no point of the curve and brackets nothing. Throws ParameterError when no allowed value
 * brings z* to `stock`, naming the range z* covers.
 */
export function breakEven(base: Partial<Params>, name: NumericParam, stock: number, options: SolveOptions = {}): BreakEvenResult {
  assertNumericName(name);
  const p = resolveParams(base);
  const o = checkSolveOptions(options);
  const horizonTop = name === "horizon" ? specOf("horizon")!.max : p.horizon;
  checkStock("stock", stock, horizonTop, name === "horizon" ? `the largest horizon = ${horizonTop}` : undefined);
  const [lo, hi] = searchRange(name, p);
  const thetas = scanPoints(name, lo, hi);
  const scan = solveBatch({ ...scalarColumns(p), [name]: thetas }, o);
  const usable = (k: number) => scan.status[k] !== STATUS_INVALID && scan.status[k] !== STATUS_CORNER;
  // Ties (z* = stock on an interval, at a corner) count with the side of the interval's edge.
  const atEdge = stock === 0 ? -1 : 1;
  const side = (z: number) => (z > stock ? 1 : z < stock ? -1 : atEdge);
  const meta = makeMeta(scan.backend, p);
  let bracket = -1;
  for (let k = 0; k + 1 < thetas.length; k++) {
    if (!usable(k) || !usable(k + 1)) continue;
    if (scan.zStar[k] === stock && stock > 0 && stock < horizonTop) return { name, value: thetas[k]!, stock, meta };
    if (side(scan.zStar[k]!) !== side(scan.zStar[k + 1]!)) {
      bracket = k;
      break;
    }
  }
  if (bracket < 0) throw unreachable(name, stock, lo, hi, thetas, scan.zStar, scan.status, p);
  const f = (theta: number) => solve({ ...p, [name]: theta }, o).zStar - stock;
  let a = thetas[bracket]!;
  let b = thetas[bracket + 1]!;
  let fa = scan.zStar[bracket]! - stock;
  let fb = scan.zStar[bracket + 1]! - stock;
  // The ends' sides, kept apart from fa and fb, which the Illinois step halves (near a tie a
  // halved value rounds onto the stock and would read as the other side).
  const sideA = side(scan.zStar[bracket]!);
  const sideB = side(scan.zStar[bracket + 1]!);
  let last = 0;
  for (let it = 0; it < MAX_REFINE_STEPS && Math.abs(b - a) > THETA_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1e-300); it++) {
    // Illinois regula falsi, a bisection step every third iteration (and always on a tie) as a guard.
    const c = it % 3 === 2 || fa === 0 || fb === 0 ? 0.5 * (a + b) : (a * fb - b * fa) / (fb - fa);
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) break;
    const fc = f(c);
    if (fc === 0 && stock > 0 && stock < horizonTop) return { name, value: c, stock, meta };
    if (side(fc + stock) === sideB) {
      b = c;
      fb = fc;
      if (last === -1) fa /= 2;
      last = -1;
    } else {
      a = c;
      fa = fc;
      if (last === 1) fb /= 2;
      last = 1;
    }
  }
  // At a corner stock, the end inside the corner region (z* = stock there); else the closer end.
  const corner = stock === 0 || stock === horizonTop;
  const value = corner ? (sideA === atEdge ? a : b) : Math.abs(fa) < Math.abs(fb) ? a : b;
  return { name, value, stock, meta };
}

/** The ParameterError of a stock no allowed value reaches: the range z* covers, and any corner. */
function unreachable(
  name: NumericParam, stock: number, lo: number, hi: number, thetas: Float64Array, zStar: Float64Array, status: Uint8Array, p: Params,
): ParameterError {
  let zLo = Infinity;
  let zHi = -Infinity;
  const corners: number[] = [];
  thetas.forEach((theta, k) => {
    if (status[k] === STATUS_CORNER) corners.push(theta);
    else if (status[k] !== STATUS_INVALID) {
      zLo = Math.min(zLo, zStar[k]!);
      zHi = Math.max(zHi, zStar[k]!);
    }
  });
  const corner = corners.length > 0
    ? ` (z* = H = ${p.horizon} only at the corner ${name} = ${corners.join(", ")}, status unbounded, which is not a break-even)`
    : "";
  if (zLo === stock && zHi === stock) {
    return new ParameterError(`no single ${name} in [${lo}, ${hi}] makes ${stock} days optimal: every value there gives z* = ${stock} days (a corner)`, name, stock);
  }
  const reach = zLo <= zHi ? `z* ranges over [${Number(zLo.toPrecision(6))}, ${Number(zHi.toPrecision(6))}] days there` : "no value there is valid";
  return new ParameterError(`no ${name} in [${lo}, ${hi}] makes ${stock} days optimal: ${reach}${corner}`, name, stock);
}
