/** The `release` command: what a joint release does to the world price and who gains how much. */
import { jointRelease, type JointReleaseResult, type ProposedRelease } from "../coordination/joint-release";
import { readNumber } from "../rules";
import { normalizeMarket } from "../coordination/market";
import { UsageError, numberOption, parse } from "./args";
import { backendFrom } from "./commands";
import { MARKET_HELP, MARKET_OPTIONS, marketFromFlags } from "./market-file";
import { formatFrom, render } from "./output";

export const RELEASE_HELP = `Usage: optimal-reserve release (--market file.json | --preset iea2022) --release COUNTRY=VOLUME[/DAYS] ... [flags]

In one disruption scenario of a world-accounting market: the world price without and with the
proposed releases, and for each country its loss without and with them, its gain, the part of
the gain from the others' releases (spillover) and the part its own release adds (ownGain), in
USD over the disruption. Released oil is refilled at the normal price afterwards.

  --release US=50e6/120            COUNTRY releases VOLUME units evenly over DAYS days (default and
                                   most: the scenario's duration); repeatable
  --format csv                     one row per country; the headline (scenario, severity, duration,
                                   prices normal/without/with, pricePieces FROM-TO:PRICE;..., totalGain,
                                   note) repeated as columns on every row
  --format ndjson                  a leading {"record":"headline",...} line (with the price pieces),
                                   then one {"record":"country",...} line per country
  --scenario k                     which of the market's scenarios (default 0)
${MARKET_HELP}`;

const COLUMNS = ["country", "released", "lossWithout", "lossWith", "gain", "spillover", "ownGain"];

/**
 * One --release COUNTRY=VOLUME[/DAYS]: numbers in decimal or exponent form only (readNumber: no
 * hex, no Infinity), 0 < DAYS <= the scenario's duration (as on the page: a release cannot run
 * past the disruption it answers).
 */
function parseRelease(text: string, scenario: number, duration: number): ProposedRelease {
  const match = /^([^=]+)=([^/]+)(?:\/(.+))?$/.exec(text);
  if (!match) throw new UsageError(`invalid --release ${JSON.stringify(text)}: expected COUNTRY=VOLUME or COUNTRY=VOLUME/DAYS`);
  const volume = readNumber(match[2]!);
  const days = match[3] === undefined ? duration : readNumber(match[3]);
  if (!(volume >= 0)) throw new UsageError(`invalid --release ${JSON.stringify(text)}: volume ${JSON.stringify(match[2])}; allowed: a number >= 0 (units) in decimal or exponent form (e.g. 50e6)`);
  if (!(days > 0 && days <= duration)) {
    throw new UsageError(`invalid --release ${JSON.stringify(text)}: days ${JSON.stringify(match[3])}; allowed: 0 < days <= ${duration} (days, scenario ${scenario}'s duration), in decimal or exponent form`);
  }
  return { country: match[1]!.trim(), rate: volume / days, days };
}

/** The headline of the table's footer as fields, for csv (columns on every row) and ndjson (a leading record). */
function headline(r: JointReleaseResult, scenario: number) {
  return {
    scenario, severity: r.scenario.severity, duration: r.scenario.duration,
    priceNormal: r.price.normal, priceWithout: r.price.without, priceWith: r.price.with,
    totalGain: r.totalGain, note: r.note ?? null,
  };
}

/** The price pieces as one CSV cell: "FROM-TO:PRICE" (days, USD/unit) joined by ";". */
const piecesCell = (r: JointReleaseResult) => r.pieces.map((p) => `${p.from}-${p.to}:${p.price}`).join(";");

/** `optimal-reserve release`. */
export function releaseCommand(argv: string[]): string {
  const { values } = parse(argv, { ...MARKET_OPTIONS, release: { type: "string", multiple: true }, scenario: { type: "string" } });
  if (values.help) return RELEASE_HELP;
  const format = formatFrom(values.format);
  const input = marketFromFlags(values);
  const scenario = numberOption("scenario", values.scenario, { integer: true, min: 0 }) ?? 0;
  const market = normalizeMarket(input);
  const scenarios = market.disruptions.kind === "scenarios" ? market.disruptions.scenarios : [];
  const duration = scenarios[scenario]?.duration ?? market.horizon;
  const releases = ((values.release ?? []) as string[]).map((t) => parseRelease(t, scenario, duration));
  if (releases.length === 0) throw new UsageError("give at least one --release COUNTRY=VOLUME[/DAYS]");
  const r = jointRelease(input, releases, { scenario, backend: backendFrom(values) });
  const s = r.scenario;
  const foot = [
    "",
    `scenario ${scenario}: ${(s.severity * 100).toFixed(2)}% of world supply lost for ${s.duration} days`,
    `world price (USD/unit): normal ${r.price.normal}, without releases ${r.price.without.toFixed(4)}, with them ${r.price.with.toFixed(4)}`
      + (r.pieces.length > 1 ? ` (then ${r.pieces.slice(1).map((p) => `${p.price.toFixed(4)} from day ${p.from}`).join(", ")})` : ""),
    `total gain ${(r.totalGain / 1e6).toFixed(2)} million USD; all money in USD over the disruption; gain = spillover + ownGain`,
    ...(r.note ? [`note: ${r.note}`] : []),
    `meta: backend ${r.meta.backend}; version ${r.meta.version}; market ${r.meta.paramsHash}`,
  ];
  const rows = r.countries.map(({ name, ...c }) => ({ country: name, ...c }));
  if (format === "ndjson") {
    return [{ record: "headline", ...headline(r, scenario), pieces: r.pieces }, ...rows.map((c) => ({ record: "country", ...c }))]
      .map((x) => JSON.stringify(x)).join("\n");
  }
  if (format === "csv") {
    const head = { ...headline(r, scenario), pricePieces: piecesCell(r) };
    return render(format, [...COLUMNS, ...Object.keys(head)], rows.map((c) => ({ ...c, ...head })));
  }
  return render(format, COLUMNS, rows, r as unknown as Record<string, unknown>, foot);
}
