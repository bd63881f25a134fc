/** `--market file.json` or `--preset name`: the market of the coordinate and release commands. */
import { readFileSync } from "node:fs";
import type { MarketInput } from "../coordination/market";
import { coordinationPresets } from "../coordination/presets";
import { UsageError } from "./args";

/** Flags every coordination command shares. */
export const MARKET_OPTIONS = {
  market: { type: "string" as const },
  preset: { type: "string" as const },
  format: { type: "string" as const },
  json: { type: "boolean" as const },
  backend: { type: "string" as const },
  help: { type: "boolean" as const, short: "h" },
};

export const MARKET_HELP = `  --market file.json               the market (JSON; see docs/coordination.md, "The market"; null = no limit)
  --preset ${Object.keys(coordinationPresets).join("|").padEnd(24)} a built-in market instead (sources: docs/coordination.md)
  --format csv|json|ndjson|table   output format (default table)
  --json                           short for --format json
  --backend auto|wasm|js           kernel to run (default auto)
  -h, --help                       this help`;

/** The market the flags name; a UsageError for none, both, an unknown preset or an unreadable file. */
export function marketFromFlags(values: Record<string, unknown>): MarketInput {
  const file = values.market;
  const preset = values.preset;
  if (file !== undefined && preset !== undefined) throw new UsageError("give --market or --preset, not both");
  if (typeof preset === "string") {
    const market = (coordinationPresets as Record<string, MarketInput>)[preset];
    if (!market) throw new UsageError(`invalid --preset: ${JSON.stringify(preset)}; allowed: ${Object.keys(coordinationPresets).join(", ")}`);
    return structuredClone(market);
  }
  if (typeof file !== "string") throw new UsageError("a market is needed: --market file.json or --preset iea2022");
  return readJsonFile("--market", file) as MarketInput;
}

/**
 * The JSON value in `file` (UTF-8; a leading byte-order mark is skipped, as for every other CLI
 * input); a UsageError naming `flag` and the file when it cannot be read or is not JSON.
 */
export function readJsonFile(flag: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new UsageError(`cannot read ${flag} ${JSON.stringify(file)}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} ${JSON.stringify(file)} is not valid JSON: ${(error as Error).message}`);
  }
}
