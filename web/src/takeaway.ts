/** The download buttons under each chart: CSV of its data, SVG and PNG of the chart. */
import type { ChartCaption } from "./caption";
import { csvBlob, download, pngBlob, svgText } from "./export";

export interface Downloadable {
  /** File names start with this, e.g. "optimal-reserve-cost-curve". */
  name: string;
  /** The chart's current SVG, if drawn. */
  svg(): SVGSVGElement | null;
  /** The title and caption of the chart as drawn (parameters, version, source), if drawn. */
  caption(): ChartCaption | undefined;
  /** The CSV of its data (text, or Blob parts made asynchronously), if any. */
  csv(): string | Promise<string[]> | undefined;
}

/** Buttons with data-testid download-<key>-csv / -svg / -png, appended to `host`. */
export function addDownloads(host: HTMLElement, key: string, what: Downloadable): void {
  const bar = Object.assign(document.createElement("div"), { className: "downloads" });
  const button = (kind: string, label: string, act: () => Promise<void> | void) => {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: label, title: `download ${label}` });
    b.dataset.testid = `download-${key}-${kind}`;
    b.addEventListener("click", () => {
      // Busy while the file is made (a large CSV takes seconds, made in steps).
      b.disabled = true;
      b.textContent = `${label}…`;
      Promise.resolve(act()).catch((error: unknown) => {
        b.title = `failed: ${error instanceof Error ? error.message : String(error)}`;
      }).finally(() => {
        b.disabled = false;
        b.textContent = label;
      });
    });
    bar.append(b);
  };
  button("csv", "CSV", async () => {
    const csv = await what.csv();
    if (csv !== undefined) download(`${what.name}.csv`, await csvBlob(csv, () => new Promise((resolve) => setTimeout(resolve, 0))));
  });
  button("svg", "SVG", () => {
    const svg = what.svg();
    const caption = what.caption();
    if (svg && caption) download(`${what.name}.svg`, new Blob([svgText(svg, caption)], { type: "image/svg+xml" }));
  });
  button("png", "PNG", async () => {
    const svg = what.svg();
    const caption = what.caption();
    if (svg && caption) download(`${what.name}.png`, await pngBlob(svg, caption));
  });
  host.append(bar);
}
