/** Deep freezing of the package's exported data (presets, sources, selectors). */

/**
 * Freeze `value` and every object and array reachable from it, so that exported data cannot be
 * changed by a caller (a changed preset would silently change every later answer). Returns `value`.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
