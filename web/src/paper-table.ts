/** The paper's published z* for its 8 cases, this model's value, and the difference (days). */
import { PRICE_GAP_NOTE, paperCases, solve } from "../../src/index";
import { formatDays } from "./format";

/** Fill `table` (a <table> with an empty <tbody>) and `note`. */
export function showPaperTable(table: HTMLTableElement, note: HTMLElement): void {
  const body = table.tBodies[0]!;
  body.replaceChildren(...paperCases.map((c) => {
    const z = solve(c.params).zStar;
    const row = document.createElement("tr");
    const difference = z - c.paper;
    for (const text of [c.name, c.description, String(c.paper), formatDays(z), `${difference >= 0 ? "+" : ""}${difference.toFixed(2)}`]) {
      row.append(Object.assign(document.createElement("td"), { textContent: text }));
    }
    return row;
  }));
  note.textContent = PRICE_GAP_NOTE;
}
