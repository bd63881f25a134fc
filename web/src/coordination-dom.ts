/** A small element builder for the coordination panel's markup. */

/** Create `tag` with properties, attributes (data-testid, aria-*) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, attrs: Record<string, string> = {}, children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A table cell showing `text`, with the full-precision `value` in data-value (what tests read). */
export function valueCell(text: string, value: number | null, attrs: Record<string, string> = {}): HTMLTableCellElement {
  const td = el("td", { textContent: text }, attrs);
  if (value !== null) td.dataset.value = String(value);
  return td;
}
