/** The coordination model: several reserve holders, one world price (docs/coordination.md). */
export { coordinate, COORDINATION_METHOD, type CoordinateOptions, type CoordinationResult, type Equilibrium, type Profile as CoordinationProfile, type RuleProfile } from "./coordinate";
export { jointRelease, type ProposedRelease, type JointReleaseOptions, type JointReleaseResult, type CountryRelease, type PricePiece } from "./joint-release";
export { normalizeMarket, type MarketInput, type Market, type CountryInput, type Country, type DisruptionScenario, type Disruptions, type RestOfWorld, type GdpForm } from "./market";
export { coordinationMonteCarlo, type CoordinationUncertainty, type CoordinationMonteCarloOptions, type CoordinationMonteCarloResult, type Summary as CoordinationSummary } from "./montecarlo";
export { coordinationPresets, IEA2022_SOURCES, IEA2022_UNCERTAINTY, SEED000_RELEASES, type Provenance } from "./presets";
