/**
 * Take-away: CSV of what the charts show (the cost curve, the tornado, the Monte Carlo samples),
 * each chart as SVG or PNG with its title and caption, as browser downloads. Numbers are written with String(x), the
 * shortest text that reads back to the same double; units are in the column names.
 */
import { STATUS_NAMES, type CurveResult, type TornadoResult } from "../../src/index";
import type { ChartCaption } from "./caption";
import { isCorner } from "./corner";
import type { RunOutcome } from "./mc-run";

/** One CSV line (the values here never hold commas, quotes or newlines). */
const line = (cells: readonly (string | number)[]) => `${cells.map(String).join(",")}\n`;

/** The cost curve and the marginal benefit and cost at each of its reserves. */
export function curveCsv(c: CurveResult): string {
  const rows = [line(["z_days", "totalCost_usd_per_yr", "marginalBenefit_usd_per_yr_per_day", "marginalCost_usd_per_yr_per_day"])];
  c.z.forEach((z, i) => rows.push(line([z, c.totalCost[i]!, c.marginalBenefit[i]!, c.marginalCost[i]!])));
  return rows.join("");
}

/**
 * The tornado: each parameter's low and high value and z* at each (days), largest swing first;
 * `corner` is the library's flag for a row reaching the d = 1 corner (z* = H by definition).
 */
export function tornadoCsv(t: TornadoResult): string {
  const rows = [line(["parameter", "low", "high", "zStarLow_days", "zStarHigh_days", "swing_days", "zStarBase_days", "corner"])];
  for (const r of t.rows) rows.push(line([r.name, r.low, r.high, r.zLow, r.zHigh, r.swing, t.zStar, String(isCorner(r))]));
  return rows.join("");
}

/** Rows per part of the samples CSV: about 10 ms of work, so the page stays live between parts. */
export const CSV_PART_ROWS = 2000;

/**
 * The Monte Carlo samples: the sampled parameters, z* and its status, one row per sample (also
 * those dropped as invalid, with status "invalid"). Returned as parts for a Blob, CSV_PART_ROWS
 * rows a part, awaiting `pause` between parts: a million rows take seconds to write, and the page
 * passes a pause that yields to it, so it never freezes.
 */
export async function samplesCsvParts(run: Pick<RunOutcome, "columns" | "zStar" | "status">, pause: () => Promise<void> = async () => undefined): Promise<string[]> {
  const sampled = Object.entries(run.columns).filter((e): e is [string, Float64Array] => e[1] instanceof Float64Array);
  const parts = [line(["sample", ...sampled.map(([name]) => name), "zStar_days", "status"])];
  const n = run.zStar.length;
  for (let start = 0; start < n; start += CSV_PART_ROWS) {
    let part = "";
    for (let i = start; i < Math.min(n, start + CSV_PART_ROWS); i++) {
      part += line([i + 1, ...sampled.map(([, c]) => c[i]!), run.zStar[i]!, STATUS_NAMES[run.status[i]!] ?? "invalid"]);
    }
    parts.push(part);
    await pause();
  }
  return parts;
}

/** Offer `blob` as a download named `name`. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference once started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * CSV text, or its parts, as a Blob. Many parts (a million-row CSV is some 60 MB) are encoded a
 * hundred at a time with a pause between, so the page stays live while the file is made.
 */
export async function csvBlob(parts: string | string[], pause: () => Promise<void> = async () => undefined): Promise<Blob> {
  const type = "text/csv;charset=utf-8";
  if (!Array.isArray(parts)) return new Blob([parts], { type });
  const pieces: Blob[] = [];
  for (let k = 0; k < parts.length; k += 100) {
    pieces.push(new Blob(parts.slice(k, k + 100)));
    await pause();
  }
  return new Blob(pieces, { type });
}

const SVG_NS = "http://www.w3.org/2000/svg";
/** Caption geometry, px: title size, caption line height, margins. */
const TITLE_SIZE = 14;
const LINE = 13;
const PAD = 8;

/** An SVG <text> at (x, y) saying `text`. */
function textAt(x: number, y: number, text: string, size: number, weight = "normal"): SVGTextElement {
  const t = document.createElementNS(SVG_NS, "text");
  for (const [k, v] of Object.entries({ x, y, "font-size": size, "font-weight": weight, "font-family": "system-ui, sans-serif", fill: "#222" })) t.setAttribute(k, String(v));
  t.textContent = text;
  return t;
}

/**
 * A chart with its title above and its caption below, as one SVG element on white: the chart is
 * nested unchanged (Plot puts its styles inside it), so the file is complete on its own.
 */
export function captioned(svg: SVGSVGElement, caption: ChartCaption): SVGSVGElement {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const top = PAD + TITLE_SIZE + PAD;
  const total = top + height + PAD + LINE * caption.lines.length + PAD;
  const outer = document.createElementNS(SVG_NS, "svg");
  for (const [k, v] of Object.entries({ xmlns: SVG_NS, width, height: total, viewBox: `0 0 ${width} ${total}` })) outer.setAttribute(k, String(v));
  const background = document.createElementNS(SVG_NS, "rect");
  for (const [k, v] of Object.entries({ width: "100%", height: "100%", fill: "white" })) background.setAttribute(k, v);
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute("y", String(top));
  chart.removeAttribute("style");
  outer.append(background, textAt(PAD, PAD + TITLE_SIZE, caption.title, TITLE_SIZE, "bold"), chart);
  caption.lines.forEach((line, k) => outer.append(textAt(PAD, top + height + PAD + LINE * (k + 1) - 3, line, 10)));
  return outer;
}

/** A chart with its title and caption as a standalone SVG file. */
export function svgText(svg: SVGSVGElement, caption: ChartCaption): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(captioned(svg, caption))}`;
}

/** A chart with its title and caption as PNG at twice its size (sharp in documents and on high-density screens). */
export async function pngBlob(svg: SVGSVGElement, caption: ChartCaption): Promise<Blob> {
  const file = captioned(svg, caption);
  const width = Number(file.getAttribute("width"));
  const height = Number(file.getAttribute("height"));
  const url = URL.createObjectURL(new Blob([svgText(svg, caption)], { type: "image/svg+xml" }));
  try {
    // The load event, not image.decode(): decode() of an SVG blob rejects now and then in Chromium
    // under load, which left the button without a file.
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const scale = 2;
    const canvas = Object.assign(document.createElement("canvas"), { width: width * scale, height: height * scale });
    const g = canvas.getContext("2d")!;
    g.fillStyle = "white";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be made"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
