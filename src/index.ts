/**
 * optimal-reserve: the optimal size of a strategic reserve, by the cost-benefit model of
 * Xie, Lin, Su & Pang (2019) after Lin & Du (2010). See README.md and MODEL.md.
 */
export { solve, evaluate, type Solution, type Evaluation, type SolveOptions } from "./solve";
export { init, type BackendChoice, type BackendName } from "./backend/index";
export {
  BASE_PARAMS, PARAMETER_SPECS, PARAM_NAMES, ParameterError, describeRange, resolveParams,
  type Params, type ParamName, type NumericParam, type ParameterSpec,
} from "./params";
export { presets, paperCases, PRICE_GAP_NOTE, type PaperCase } from "./presets";
export { STATUS_NAMES, type Status } from "./status";
export { WASM_SHA256 } from "./generated/wasm-module";
