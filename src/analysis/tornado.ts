/** tornado(): the swing of z* as each parameter moves between a low and a high value. */
import { solveBatch } from "../batch";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, allowedInterval, resolveParams, type NumericParam, type Params } from "../params";
import { checkOptions, invalid } from "../rules";
import { STATUS_NAMES, type Status } from "../status";
import { solve, type SolveOptions } from "../solve";
import { STATUS_CORNER, checkSolveOptions, scalarColumns } from "./base";
import { assertNumericName } from "./sensitivity";

/** Low and high value per parameter. */
export type TornadoRanges = Partial<Record<NumericParam, readonly [number, number]>>;

export interface TornadoRow {
  name: NumericParam;
  low: number;
  high: number;
  /** z* (days) at low and at high. */
  zLow: number;
  zHigh: number;
  /** Statuses at low and at high (see Status). */
  statusLow: Status;
  statusHigh: Status;
  /** |zHigh - zLow| (days). */
  swing: number;
  /**
   * True when low or high is the d = 1 corner with the GDP term (status `unbounded`), where
   * z* = H by definition, not by sensitivity: the bar then spans a jump, not a trend, and is
   * to be shown as such (charts mark it; tables say "corner").
   */
  corner: boolean;
}

export interface TornadoResult {
  /** z* at the base parameters (days). */
  zStar: number;
  /** One row per parameter, largest swing first. */
  rows: TornadoRow[];
  meta: Meta;
}

/**
 * Default range: base +-50%, clamped to the values the parameter may take with the others at
 * base (its range and priceFloor <= price: with price 25 and floor 15, price goes from 15, not
 * 12.5), and to finite values. A clamp never reaches an open bound (the range keeps the base
 * value's side of it; where half the base underflows to that bound, the low end is the base).
 * The d = 1 corner is kept (importDependence 0.698 gives [0.349, 1]) and flagged in its row.
 */
export function defaultRange(name: NumericParam, p: Readonly<Params>): [number, number] {
  assertNumericName(name);
  const base = resolveParams(p);
  const v = base[name];
  // No choke price (Infinity) has no +-50%: the row stays at it (swing 0); give `ranges` to vary it.
  if (v === Infinity) return [v, v];
  const { lo, hi, lowOpen, highOpen } = allowedInterval(name, base);
  // 0.5 v and 1.5 v lie on v's side of 0, except where they leave the doubles: 0.5 v underflows
  // to the open bound 0 at v = 5e-324 (that end stays at v), and 1.5 v overflows to Infinity for
  // v > MAX_VALUE / 1.5 (that end stops at MAX_VALUE, the largest finite value allowed).
  // An open upper end (price below a choke price) is kept off the same way.
  const clamp = (x: number) => {
    const c = Math.min(Math.max(x, lo), hi, Number.MAX_VALUE);
    return (lowOpen && c <= lo) || (highOpen && c >= hi) ? v : c;
  };
  return [clamp(Math.min(0.5 * v, 1.5 * v)), clamp(Math.max(0.5 * v, 1.5 * v))];
}

/**
 * z* at a low and a high value of each numeric parameter (default: defaultRange; `ranges`
 * replaces it for the parameters it names, and each value given must be allowed with the other
 * parameters at base, or a ParameterError names it), all in one batch, sorted by swing, largest
 * first. Rows at the d = 1 corner carry `corner: true`. Each z* equals
 * sensitivity(base, name, [value]).zStar[0].
 */
export function tornado(base: Partial<Params> = {}, ranges: TornadoRanges = {}, options: SolveOptions = {}): TornadoResult {
  const p = resolveParams(base);
  const o = checkSolveOptions(options);
  checkOptions("ranges", ranges);
  for (const [name, range] of Object.entries(ranges)) {
    assertNumericName(name);
    if (!Array.isArray(range) || range.length !== 2) throw invalid(`tornado range for ${name}`, range, "[low, high]");
    for (const value of range) resolveParams({ ...p, [name]: value });
  }
  const specs = PARAMETER_SPECS;
  const lows = specs.map((s) => ranges[s.name]?.[0] ?? defaultRange(s.name, p)[0]);
  const highs = specs.map((s) => ranges[s.name]?.[1] ?? defaultRange(s.name, p)[1]);
  // Row 2k varies parameter k to its low value, row 2k + 1 to its high value.
  const n = 2 * specs.length;
  const columns = scalarColumns(p);
  specs.forEach((s, k) => {
    const col = new Float64Array(n).fill(p[s.name]);
    col[2 * k] = lows[k]!;
    col[2 * k + 1] = highs[k]!;
    columns[s.name] = col;
  });
  const r = solveBatch(columns, o);
  const rows: TornadoRow[] = specs.map((s, k) => {
    const zLow = r.zStar[2 * k]!;
    const zHigh = r.zStar[2 * k + 1]!;
    const codeLow = r.status[2 * k]!;
    const codeHigh = r.status[2 * k + 1]!;
    return {
      name: s.name, low: lows[k]!, high: highs[k]!, zLow, zHigh,
      statusLow: STATUS_NAMES[codeLow] as Status, statusHigh: STATUS_NAMES[codeHigh] as Status,
      swing: Math.abs(zHigh - zLow), corner: codeLow === STATUS_CORNER || codeHigh === STATUS_CORNER,
    };
  });
  rows.sort((a, b) => b.swing - a.swing);
  return { zStar: solve(p, o).zStar, rows, meta: makeMeta(r.backend, p) };
}
