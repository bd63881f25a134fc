/** tornado(): the swing of z* as each parameter moves between a low and a high value. */
import { solveBatch } from "../batch";
import { makeMeta, type Meta } from "../meta";
import { PARAMETER_SPECS, ParameterError, resolveParams, type NumericParam, type Params } from "../params";
import { solve, type SolveOptions } from "../solve";
import { scalarColumns } from "./base";
import { assertNumericName } from "./sensitivity";

/** Low and high value per parameter. */
export type TornadoRanges = Partial<Record<NumericParam, readonly [number, number]>>;

export interface TornadoRow {
  name: NumericParam;
  low: number;
  high: number;
  /** z* (days) at low and at high (NaN if that value is invalid). */
  zLow: number;
  zHigh: number;
  /** |zHigh - zLow| (days). */
  swing: number;
}

export interface TornadoResult {
  /** z* at the base parameters (days). */
  zStar: number;
  /** One row per parameter, largest swing first. */
  rows: TornadoRow[];
  meta: Meta;
}

/** Default range: base +-50%, clamped to the parameter's allowed range (priceFloor: [0, price]). */
export function defaultRange(name: NumericParam, p: Readonly<Params>): [number, number] {
  const spec = PARAMETER_SPECS.find((s) => s.name === name)!;
  const v = p[name];
  const a = v * 0.5;
  const b = v * 1.5;
  const upper = name === "priceFloor" ? p.price : spec.max;
  const clamp = (x: number) => Math.min(Math.max(x, spec.min), upper);
  return [clamp(Math.min(a, b)), clamp(Math.max(a, b))];
}

/**
 * z* at a low and a high value of each numeric parameter (default base +-50%, clamped to the
 * allowed range; `ranges` replaces the default for the parameters it names), all in one batch,
 * sorted by swing, largest first. Each z* equals sensitivity(base, name, [value]).zStar[0].
 */
export function tornado(base: Partial<Params> = {}, ranges: TornadoRanges = {}, options: SolveOptions = {}): TornadoResult {
  const p = resolveParams(base);
  for (const [name, range] of Object.entries(ranges)) {
    assertNumericName(name);
    if (!Array.isArray(range) || range.length !== 2) {
      throw new ParameterError(`invalid tornado range for ${name}: expected [low, high]`, name, range);
    }
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
  const r = solveBatch(columns, options);
  const rows: TornadoRow[] = specs.map((s, k) => {
    const zLow = r.zStar[2 * k]!;
    const zHigh = r.zStar[2 * k + 1]!;
    return { name: s.name, low: lows[k]!, high: highs[k]!, zLow, zHigh, swing: Math.abs(zHigh - zLow) };
  });
  // NaN swings (invalid user ranges) sort last.
  rows.sort((a, b) => (Number.isNaN(b.swing) ? -1 : Number.isNaN(a.swing) ? 1 : b.swing - a.swing));
  return { zStar: solve(p, options).zStar, rows, meta: makeMeta(r.backend, p) };
}
