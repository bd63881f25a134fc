/**
 * optimal-reserve: the optimal size of a strategic reserve, by the cost-benefit model of
 * Xie, Lin, Su & Pang (2019) after Lin & Du (2010). See README.md and docs/model.md.
 */
export { solve, evaluate, NET_BENEFIT_DIVERGES_NOTE, type Solution, type Evaluation, type SolveOptions, type SolveWithStockOptions } from "./solve";
export { solveBatch, type BatchResult, type BatchOptions } from "./batch";
export type { BatchColumns, ColumnInput, RowError } from "./columns";
export { curve, type CurveOptions, type CurveResult } from "./analysis/curve";
export { sensitivity, type SensitivityResult } from "./analysis/sensitivity";
export {
  grid, gridChunks, gridLayout, gridIndex, gridCoords, MAX_IN_MEMORY_GRID,
  type GridAxes, type GridAxis, type GridLayout, type GridChunk, type GridResult, type GridOptions,
} from "./analysis/grid";
export { tornado, defaultRange, type TornadoRanges, type TornadoRow, type TornadoResult } from "./analysis/tornado";
export { elasticities, type ElasticityRow, type ElasticitiesResult } from "./analysis/elasticities";
export { monteCarlo, type Distributions, type MonteCarloOptions, type MonteCarloResult } from "./analysis/montecarlo";
export type { Distribution } from "./analysis/distributions";
export { xoshiro128, type Uniform } from "./analysis/random";
export { breakEven, type BreakEvenResult } from "./analysis/breakeven";
export { hashParams, type Meta } from "./meta";
export { VERSION } from "./version";
export { init, type BackendChoice, type BackendName } from "./backend/index";
export {
  BASE_PARAMS, PARAMETER_SPECS, PARAM_NAMES, ParameterError, describeRange, resolveParams,
  type Params, type ParamName, type NumericParam, type ParameterSpec,
} from "./params";
export {
  isParameterError, readNumber, parseNumber, readBoolean, invalidMessage, checkStock, beyondDoubles,
} from "./rules";
export { parameterMessage, specOf } from "./params";
export { GDP_LOSS_FORMS, NO_CHOKE_PRICE_SPELLINGS, readParameterText, type GdpLossForm } from "./params";
export { presets, paperCases, PRICE_GAP_NOTE, type PaperCase } from "./presets";
export {
  templateParams, templateDistributions, findTemplate, isTemplate, assumptionNames, TEMPLATE_IDS, TEMPLATE_KIND,
  type TemplateChoice, type ParameterTemplate, type TemplateField, type TemplateFields, type Quality,
} from "./templates/index";
export { STATUS_NAMES, STATUS_INVALID, type Status } from "./status";
export { WASM_SHA256 } from "./generated/wasm-module";
export { steadyState, type SteadyStateInput, type SteadyStateResult } from "./strategy/steady-state";
export { dailyLoss, dailyLossKernel, GDP_FORM, WORLD_LOSS_PART, type DailyLossKernel, type DomesticDailyLoss } from "./strategy/daily-loss";
export { MdpBuilder, evaluatePolicy, policyIteration, valueIteration, type FiniteMdp, type MdpSolution } from "./mdp/index";
export { solveTeisberg, type TeisbergResult } from "./strategy/teisberg";
export * from "./coordination/index";
export { simulateStrategy, type SimulateOptions, type StrategySimulation, type StrategyCosts, type CoverBands } from "./strategy/simulate";
export { evaluateStrategy, type EvaluateOptions, type StrategyEvaluation } from "./strategy/evaluate";
export { optimizeStrategy, type OptimizeOptions, type StrategyOptimum, type PolicyTable } from "./strategy/optimize";
export type { StrategyGrid } from "./strategy/chain";
export type { Shocks, DisruptionClass, StrategyRule } from "./strategy/inputs";
export { SHOCK_PRESETS, STRATEGY_EVIDENCE, shockPreset, usSprRule, type ShockPreset, type Sourced } from "./strategy/presets";
