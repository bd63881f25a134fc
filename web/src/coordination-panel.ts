/**
 * The coordination panel (docs/coordination.md): several countries, one world price, on the
 * preset iea2022. First seed 000's question (November 2021: the US asked China to release
 * alongside it), answered instantly with the library's jointRelease for the releases set with the
 * sliders; then Nash versus cooperative reserves and the burden-sharing rules (coordinate(), in a
 * worker); then the provenance of every number of the preset, assumptions marked.
 */
import { IEA2022_SOURCES, SEED000_RELEASES, coordinationPresets, type ProposedRelease, type Provenance } from "../../src/index";
import { setupEquilibria } from "./coordination-equilibria";
import { el } from "./coordination-dom";
import { formatMbbl } from "./coordination-inputs";
import { setupRelease, type ReleaseChoice } from "./coordination-release";

/** A seed-000 release set as the panel's quick choice (volumes in Mbbl; every release of a set lasts the same days). */
function choice(label: string, releases: readonly ProposedRelease[]): ReleaseChoice {
  return {
    label,
    volumes: Object.fromEntries(releases.map((r) => [r.country, Number(formatMbbl(r.rate * r.days))])),
    days: releases[0]?.days ?? 120,
  };
}

/** A provenance value as the table shows it. */
const shown = (p: Provenance) => (Number.isFinite(p.value) ? p.value.toLocaleString("en-US", { maximumSignificantDigits: 6 }) : "no limit");

/** The table of the preset's numbers: field, value, unit, year, source, sourced or assumption. */
function provenanceTable(): HTMLElement {
  const table = el("table", {}, { "data-testid": "coord-provenance" });
  table.createTHead().append(el("tr", {}, {}, ["number", "value", "unit", "year", "source", "status"].map((h) => el("th", { textContent: h }))));
  table.createTBody().append(...IEA2022_SOURCES.map((p) => el("tr", { className: p.assumption ? "assumption" : "" }, { "data-field": p.field }, [
    el("td", { textContent: p.field }), el("td", { textContent: shown(p) }), el("td", { textContent: p.unit || "dimensionless" }),
    el("td", { textContent: p.year }), el("td", { textContent: p.source }), el("td", { textContent: p.assumption ? "assumption" : "sourced" }),
  ])));
  return el("div", { className: "scroll" }, {}, [table]);
}

/** Fill `root` (the page's #coordination section) with the panel. */
export function setupCoordination(root: HTMLElement): void {
  const market = coordinationPresets.iea2022;
  const release = el("div", { className: "coord-release-part" });
  const equilibria = el("div", { className: "coord-equilibria-part" });
  root.append(
    el("h2", { textContent: "Several countries, one world price" }),
    el("p", {}, {}, [
      "In November 2021 the US asked China to release crude alongside it. The US released 50 Mbbl (million barrels), India 5, the UK 1.5; China held about 200. ",
      "One country's release lowers the world price for every importer, so each gains from the others' releases (the spillover). ",
      "Preset iea2022: the US, China, Japan, India and Korea, 2020–2023 data, world accounting; every number's source and year below, assumptions marked.",
    ]),
    el("h3", { textContent: "Joint release: the world price and who gains" }),
    release,
    el("h3", { textContent: "Nash versus cooperative reserves, and burden-sharing rules" }),
    el("p", { className: "note", textContent: "Each country alone holds the stock that maximises its own expected payoff given the others' (Nash); a coalition maximises its total (cooperative); the rules fix stocks by a formula. Payoffs in USD/yr, over the preset's three disruption scenarios (assumptions)." }),
    equilibria,
    el("h3", { textContent: "Where the preset's numbers come from" }),
    provenanceTable(),
  );
  const announced = choice("2021 as announced: US 50, India 5", SEED000_RELEASES.announced);
  setupRelease(release, market, [
    choice("US alone: 50", SEED000_RELEASES.usOnly),
    announced,
    choice("US 50 and China 30", SEED000_RELEASES.usAndChina),
    { label: "none", volumes: {}, days: 120 },
  ], announced);
  setupEquilibria(equilibria, market);
}
