/** Number formatting for the page. */

/** Days of imports, 3 decimals (z* to about 1e-13 relative; 3 decimals is what a reader uses). */
export function formatDays(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(3);
  return x.toFixed(3);
}

/** A power-of-thousand scale for money: [divisor, suffix]. */
export type Scale = readonly [divisor: number, suffix: string];

/** The scale that shows `x` with 1 to 3 digits before the point: tn, bn, mn or none. */
export function scaleOf(x: number): Scale {
  const abs = Math.abs(x);
  return abs >= 1e12 ? [1e12, "tn"] : abs >= 1e9 ? [1e9, "bn"] : abs >= 1e6 ? [1e6, "mn"] : [1, ""];
}

/** `x` in the given scale, 5 significant digits, e.g. "12.345 bn". */
export function formatScaled(x: number, [divisor, suffix]: Scale): string {
  if (!Number.isFinite(x)) return String(x);
  const digits = (x / divisor).toLocaleString("en-US", { maximumSignificantDigits: 5 });
  return suffix === "" ? digits : `${digits} ${suffix}`;
}

/** USD amounts, e.g. "12.345 bn": 5 significant digits with a thousand-power suffix. */
export function formatUsd(x: number): string {
  return formatScaled(x, scaleOf(x));
}

/**
 * A number as an input field shows it: the shortest text that reads back to the same double,
 * in exponent form from a million up or below 1e-4 (12200000000000 is "1.22e13", which fits the
 * field and which Number() reads back).
 */
export function formatField(x: number): string {
  const abs = Math.abs(x);
  if (x !== 0 && (abs >= 1e6 || abs < 1e-4)) return x.toExponential().replace("e+", "e");
  return String(x);
}

/** Large amounts in words, for the hint beside a field: 1.22e13 -> "12.2 trillion". */
export function formatWords(x: number): string {
  const abs = Math.abs(x);
  const [divisor, word] = abs >= 1e12 ? [1e12, "trillion"] : abs >= 1e9 ? [1e9, "billion"] : abs >= 1e6 ? [1e6, "million"] : [1, ""];
  const digits = (x / divisor).toLocaleString("en-US", { maximumSignificantDigits: 4 });
  return word === "" ? digits : `${digits} ${word}`;
}
