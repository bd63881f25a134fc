/**
 * The GAMS model library's "Petroleum Speculator" LP, as a finite MDP: a speculator holding
 * 0, 100, ..., 1000 thousand barrels in a market whose monthly price regime is normal (40 USD/bbl),
 * disrupted (75) or very disrupted (125), with transitions [[.9 .1 0] [.4 .5 .1] [0 .2 .8]] and
 * discount 0.995 a month. Moving from level s to s' (at most 2 steps of 100 a month) in regime i
 * earns price_i (s - s') - 0.02 s' (sales minus purchases minus holding cost, USD thousands).
 * The GAMS objective is the sum over the 33 starting (level, regime) states of the optimal
 * expected discounted profit. The engine minimises cost, so profits enter negated.
 */
import { MdpBuilder, type FiniteMdp } from "../mdp/index";

/** Inventory levels (thousand barrels). */
export const SPECULATOR_LEVELS: readonly number[] = Array.from({ length: 11 }, (_, k) => 100 * k);
/** Oil price in each regime (USD/bbl): normal, disrupted, very disrupted. */
export const SPECULATOR_PRICES: readonly number[] = [40, 75, 125];
const TRANSITION = [[0.9, 0.1, 0], [0.4, 0.5, 0.1], [0, 0.2, 0.8]] as const;
const DISCOUNT = 0.995;
/** Holding cost (USD per barrel-equivalent unit of level per month). */
const HOLDING_COST = 0.02;
/** The level moves at most this many steps a month. */
const MAX_STEPS = 2;

/** State index of (level index, regime index): levels vary fastest. */
export const speculatorState = (level: number, regime: number): number => level + SPECULATOR_LEVELS.length * regime;

/** The model as a FiniteMdp (33 states, cost = -profit). */
export function speculatorMdp(): FiniteMdp {
  const n = SPECULATOR_LEVELS.length;
  const builder = new MdpBuilder(n * 3, DISCOUNT);
  for (let regime = 0; regime < 3; regime++) {
    for (let l = 0; l < n; l++) {
      for (let next = Math.max(0, l - MAX_STEPS); next <= Math.min(n - 1, l + MAX_STEPS); next++) {
        const profit = SPECULATOR_PRICES[regime]! * (SPECULATOR_LEVELS[l]! - SPECULATOR_LEVELS[next]!) - HOLDING_COST * SPECULATOR_LEVELS[next]!;
        builder.addAction(speculatorState(l, regime), -profit, [0, 1, 2].map((j) => speculatorState(next, j)), [...TRANSITION[regime]!]);
      }
    }
  }
  return builder.build();
}

/** The GAMS objective: Σ over the 33 starting states of the optimal expected discounted profit. */
export function speculatorObjective(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum -= v;
  return sum;
}
