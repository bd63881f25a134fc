/**
 * The benchmark's stress set: a seeded, realistic mix (issue 4), the same rows every run.
 *   meanDisruption log-uniform on [5, 100]; m = -1/elasticity log-uniform on [2, 20];
 *   importDependence uniform on [0.3, 0.95]; no GDP term (gdpElasticity 0) in 10% of rows;
 *   fixedCost log-uniform on [0.02, 400] so that z* spreads over (1, 364) days;
 *   everything else at the paper's base values. Row 0 is the paper's base case.
 */
import { BASE_PARAMS, xoshiro128, type Params } from "../dist/index.js";

export const STRESS_SEED = 20261122;

const logUniform = (u: number, lo: number, hi: number) => Math.exp(Math.log(lo) + u * Math.log(hi / lo));

/** `count` stress rows (row 0 = the paper's base case). */
export function stressSet(count: number, seed = STRESS_SEED): Params[] {
  const u = xoshiro128(seed);
  const rows: Params[] = [{ ...BASE_PARAMS }];
  while (rows.length < count) {
    rows.push({
      ...BASE_PARAMS,
      meanDisruption: logUniform(u(), 5, 100),
      elasticity: -1 / logUniform(u(), 2, 20),
      importDependence: 0.3 + 0.65 * u(),
      gdpElasticity: u() < 0.1 ? 0 : BASE_PARAMS.gdpElasticity,
      fixedCost: logUniform(u(), 0.02, 400),
    });
  }
  return rows;
}

/** The rows as batch columns (one Float64Array per varied parameter). */
export function stressColumns(rows: readonly Params[]) {
  const col = (name: keyof Params) => Float64Array.from(rows, (r) => r[name] as number);
  return {
    meanDisruption: col("meanDisruption"), elasticity: col("elasticity"), importDependence: col("importDependence"),
    gdpElasticity: col("gdpElasticity"), fixedCost: col("fixedCost"),
  };
}
