/** The live results panel: z* with status, MB, MC, S(z*), gain over the stock, net benefit. */
import { NET_BENEFIT_DIVERGES_NOTE, type Status } from "../../src/index";
import type { View } from "./view";
import { formatDays, formatUsd, formatWords } from "./format";

/** What each status means, shown beside z*. */
const STATUS_TEXT: Record<Status, string> = {
  interior: "interior: MB(z*) = MC",
  zero: "corner: no reserve pays (MB(0+) <= MC)",
  horizon: "corner: holding costs nothing (MC = 0), so the whole horizon is held",
  unbounded: "unbounded: importDependence = 1 with the GDP term makes MB infinite; z* = horizon",
  invalid: "invalid parameters",
  nearZero: "corner: the optimal reserve is positive but below 2.2e-308 days (shown as 0; MB(z*) = MC)",
  nearHorizon: "corner: the optimal reserve is within rounding of the horizon (shown as the horizon; MB(z*) = MC)",
};

function set(testId: string, text: string): void {
  const el = document.querySelector(`[data-testid="${testId}"]`);
  if (el) el.textContent = text;
}

/** The commodity z* x imports counts when a template's unit applies: its unit and stored form. */
export interface CommodityUnit {
  unit: string;
  form: string;
}

/** Show `view` in the results panel; z* x imports in `commodity` (an applied template's unit) if given. */
export function showResults(view: View, commodity?: CommodityUnit): void {
  const s = view.solution;
  set("zstar", formatDays(s.zStar));
  set("status", STATUS_TEXT[s.status]);
  const [counted, perDay] = commodity === undefined
    ? ["units of the commodity (barrels for oil)", "units/day"]
    : [`${commodity.unit} of ${commodity.form}`, `${commodity.unit}/day`];
  set("zstar-units", `≈ ${formatWords(view.zStarUnits)} ${counted}: ` +
    `${formatDays(s.zStar)} days × ${formatWords(view.params.imports)} ${perDay} of imports`);
  set("marginal-benefit", `${formatUsd(s.marginalBenefit)} USD/yr per day`);
  set("marginal-cost", `${formatUsd(s.marginalCost)} USD/yr per day`);
  set("total-cost", `${formatUsd(s.totalCost)} USD/yr`);
  set("gain", s.gainOverCurrentStock === undefined
    ? "enter a current stock"
    : `${formatUsd(s.gainOverCurrentStock)} USD/yr saved by moving from ${formatDays(view.stock ?? 0)} to ${formatDays(s.zStar)} days`);
  set("net-benefit", s.netBenefitFinite ? `${formatUsd(s.netBenefit)} USD/yr` : `diverges: ${NET_BENEFIT_DIVERGES_NOTE}`);
  set("backend", s.backend === "wasm" ? "WASM" : "JS");
}
