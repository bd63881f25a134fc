/** The paper's parameter sets (Xie, Lin, Su & Pang 2019; docs/model.md section 9). */
import { BASE_PARAMS, type Params } from "./params";
import { deepFreeze } from "./freeze";
import { MINERAL_TEMPLATES } from "./templates/minerals";

/**
 * Named parameter presets. `paper2017`: China 2017, the paper's base case. `templates`: critical
 * minerals (U.S. imports) with provenance on every field; solve them through templateParams,
 * which asks the caller to accept or replace their assumptions (src/templates, README
 * "Critical minerals").
 */
export const presets: Readonly<{ paper2017: Readonly<Params>; templates: typeof MINERAL_TEMPLATES }> =
  Object.freeze({ paper2017: BASE_PARAMS, templates: MINERAL_TEMPLATES });

/** One of the paper's published cases. */
export interface PaperCase {
  /** Short name, e.g. "base". */
  name: string;
  /** The change from the base case. */
  description: string;
  /** The full parameter set. */
  params: Readonly<Params>;
  /** The paper's published z* (days of imports). */
  paper: number;
}

const paperCase = (name: string, description: string, change: Partial<Params>, paper: number): PaperCase =>
  Object.freeze({ name, description, params: Object.freeze({ ...BASE_PARAMS, ...change }), paper });

/** The paper's 8 published cases, in the order of its tables. */
export const paperCases: readonly PaperCase[] = deepFreeze([
  paperCase("base", "China 2017 base case", {}, 117),
  paperCase("no GDP term", "includeGdp = false", { includeGdp: false }, 80),
  paperCase("costs +50%", "c 3.75, v 0.6, i 0.06525", { fixedCost: 3.75, variableCost: 0.6, interestRate: 0.06525 }, 107),
  paperCase("costs +100%", "c 5, v 0.8, i 0.087", { fixedCost: 5, variableCost: 0.8, interestRate: 0.087 }, 102),
  paperCase("longer disruptions", "meanDisruption 31", { meanDisruption: 31 }, 180),
  paperCase("much longer disruptions", "meanDisruption 42", { meanDisruption: 42 }, 250),
  paperCase("higher price", "price 76.2", { price: 76.2 }, 116),
  paperCase("much higher price", "price 101.6", { price: 101.6 }, 114),
]);

/** Why the two price cases differ from the paper by more than rounding. */
export const PRICE_GAP_NOTE =
  "The two price cases come out about 2 days below the paper's values: no reading of the printed " +
  "model closes that gap (docs/model.md section 9), so both columns are shown.";
