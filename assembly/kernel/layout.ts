/**
 * The row contract between the host and the kernel, defined once. A row is KERNEL_PARAMETERS
 * values in the order below (includeGdp as 1/0), then the solve flag (1 = solve, 0 = skip);
 * a solve writes OUTPUT_COLUMNS values in the order of the OUT_ indices.
 *
 * The WebAssembly build exports these numbers (assembly/index.ts, kernelLayout) and the host
 * checks them, and its own parameter order, at load (src/backend/layout.ts), so that a parameter
 * added on one side only, or a stale embedded build, fails loudly instead of shifting columns.
 * To add a kernel parameter: append its index here, bump KERNEL_PARAMETERS and LAYOUT_VERSION,
 * read it in loadCase and give it its place in src/backend/layout.ts.
 */

/** Bumped with every change of the contract (the host compares it with its own copy). */
export const LAYOUT_VERSION: i32 = 2;

export const P_PRICE: i32 = 0;
export const P_PRICE_FLOOR: i32 = 1;
export const P_ELASTICITY: i32 = 2;
export const P_MEAN_DISRUPTION: i32 = 3;
export const P_IMPORT_DEPENDENCE: i32 = 4;
export const P_IMPORTS: i32 = 5;
export const P_GDP_ELASTICITY: i32 = 6;
export const P_GDP: i32 = 7;
export const P_FIXED_COST: i32 = 8;
export const P_VARIABLE_COST: i32 = 9;
export const P_INTEREST_RATE: i32 = 10;
export const P_HORIZON: i32 = 11;
export const P_INCLUDE_GDP: i32 = 12;
/** p, the yearly probability of the disruption (0 < p <= 1). */
export const P_EVENT_PROBABILITY: i32 = 13;
/** Pc, the choke price (USD/unit, > P0; +Infinity for none). */
export const P_CHOKE_PRICE: i32 = 14;
/** The GDP loss form: GDP_FORM_PAPER (0) or GDP_FORM_LINEAR (1) of model.ts. */
export const P_GDP_LOSS_FORM: i32 = 15;
/** Parameters per row. */
export const KERNEL_PARAMETERS: i32 = 16;
/** The column that says whether to solve the row (for evaluate: the reserve z). */
export const FLAG_COLUMN: i32 = 16;
/** Input columns per row: the parameters and the flag. */
export const INPUT_COLUMNS: i32 = 17;

export const OUT_Z_STAR: i32 = 0;
export const OUT_STATUS: i32 = 1;
export const OUT_MARGINAL_BENEFIT: i32 = 2;
export const OUT_MARGINAL_COST: i32 = 3;
export const OUT_SLOPE: i32 = 4;
export const OUT_TOTAL_COST: i32 = 5;
export const OUT_NET_BENEFIT: i32 = 6;
export const OUT_ITERATIONS: i32 = 7;
/** Output columns of a solve (an evaluation writes MB, MC, MB', S at OUT_MARGINAL_BENEFIT..OUT_TOTAL_COST). */
export const OUTPUT_COLUMNS: i32 = 8;
