/** Number formatting for the page. */

/** Days of imports, 3 decimals (z* to about 1e-13 relative; 3 decimals is what a reader uses). */
export function formatDays(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(3);
  return x.toFixed(3);
}

/** USD amounts, e.g. "12.345 bn": 5 significant digits with a thousand-power suffix. */
export function formatUsd(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const [scale, suffix] = abs >= 1e12 ? [1e12, " tn"] : abs >= 1e9 ? [1e9, " bn"] : abs >= 1e6 ? [1e6, " mn"] : [1, ""];
  return `${(x / scale).toLocaleString("en-US", { maximumSignificantDigits: 5 })}${suffix}`;
}
