/**
 * The parameter form: for every parameter of docs/model.md section 2 a slider and a number field (the
 * field's `name` is the API name), its unit beside the field (and large values in words), its
 * allowed range, and an error line; the GDP checkbox (`includeGdp`), the current stock and the
 * presets (the box names the paper case the fields show, or says "custom").
 */
import { GDP_LOSS_FORMS, PARAMETER_SPECS, describeRange, paperCases, type NumericParam } from "../../src/index";
import { formatField, formatWords } from "./format";
import { presetOf, stateOf, type PageState } from "./inputs";

/**
 * Slider spans: the practical part of each allowed range (the number field takes the whole
 * range; the slider only pins at its ends). Steps are fine enough for 3-decimal z*.
 */
const SLIDERS: Record<NumericParam, [min: number, max: number, step: number]> = {
  price: [1, 200, 0.1],
  priceFloor: [0, 150, 0.1],
  elasticity: [-1, -0.005, 0.005],
  meanDisruption: [0.1, 120, 0.1],
  importDependence: [0.01, 1, 0.001],
  imports: [1e5, 2e7, 1e4],
  gdpElasticity: [0, 1, 0.01],
  gdp: [1e11, 3e13, 1e10],
  fixedCost: [0, 10, 0.05],
  variableCost: [0, 3, 0.01],
  interestRate: [0, 0.2, 0.0005],
  horizon: [30, 3650, 1],
  eventProbability: [0.01, 1, 0.01],
  // The field also takes "none" (no choke price), which the slider cannot show.
  chokePrice: [1, 2000, 1],
};

/** Steps in a slider re-spanned around a value its default span does not hold. */
const RESPAN_STEPS = 2000;

/**
 * Give `name`'s slider the span for the value `text`: the default (SLIDERS) when it holds the
 * value, else a decade either side of it within the allowed range (a template's kg-scale imports,
 * a price in USD/t), in RESPAN_STEPS steps, so that the slider moves it by small steps instead of
 * pinning at an oil-scale end. Zero, none and non-numbers keep the default span.
 */
function spanSlider(slider: HTMLInputElement, name: NumericParam, text: string): void {
  const [min, max, step] = SLIDERS[name];
  const value = Number(text);
  const spec = PARAMETER_SPECS.find((s) => s.name === name)!;
  const fits = !Number.isFinite(value) || value === 0 || (value >= min && value <= max);
  const lo = fits ? min : Math.max(Math.min(value / 10, value * 10), spec.min);
  const hi = fits ? max : Math.min(Math.max(value / 10, value * 10), spec.max);
  slider.min = String(lo);
  slider.max = String(hi);
  slider.step = fits ? String(step) : String((hi - lo) / RESPAN_STEPS);
}

/** The form's elements, by parameter. */
export interface Form {
  read(): PageState;
  write(state: PageState): void;
  showErrors(errors: ReadonlyMap<string, string>): void;
  /** Name the paper case `state` shows in the preset box, or "custom". */
  showPreset(state: PageState): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** Build the form into `root`; `changed` runs after every edit. */
export function buildForm(root: HTMLElement, changed: () => void): Form {
  const fields = new Map<NumericParam, { number: HTMLInputElement; slider: HTMLInputElement; words: HTMLElement }>();
  /** Large values also in words beside their field ("= 12.2 trillion"), so no digit is miscounted. */
  const showWords = (name: NumericParam) => {
    const f = fields.get(name)!;
    const x = f.number.value.trim() === "" ? NaN : Number(f.number.value);
    f.words.textContent = Number.isFinite(x) && Math.abs(x) >= 1e6 ? `= ${formatWords(x)}` : "";
  };
  const errorLines = new Map<string, HTMLElement>();

  const preset = element("select", { name: "preset" }, { "aria-label": "preset" });
  preset.append(element("option", { value: "", textContent: "custom" }));
  paperCases.forEach((c, k) => preset.append(element("option", { value: String(k), textContent: `paper: ${c.name} (${c.description})` })));
  const presetRow = element("label", { className: "preset" });
  presetRow.append("Preset ", preset);
  root.append(presetRow);

  for (const s of PARAMETER_SPECS) {
    const [min, max, step] = SLIDERS[s.name];
    const id = `field-${s.name}`;
    const row = element("div", { className: "param" }, { "data-param": s.name });
    const label = element("label", { htmlFor: id, className: "label" });
    label.append(element("span", { className: "symbol", textContent: s.symbol }), ` ${s.description}`);
    if (s.unit) label.append(element("span", { className: "unit", textContent: ` (${s.unit})` }));
    const slider = element("input", { type: "range", min: String(min), max: String(max), step: String(step) }, { "aria-label": `${s.name} slider` });
    const number = element("input", { type: "text", id, name: s.name, inputMode: "decimal", autocomplete: "off", spellcheck: false });
    const error = element("div", { className: "error" }, { role: "alert", "data-testid": `error-${s.name}` });
    const unit = element("span", { className: "field-unit", textContent: s.unit });
    const words = element("div", { className: "words" }, { "data-testid": `words-${s.name}` });
    row.append(label, slider, number, unit, words, element("div", { className: "range", textContent: `allowed: ${describeRange(s.name)}` }), error);
    root.append(row);
    fields.set(s.name, { number, slider, words });
    errorLines.set(s.name, error);
    slider.addEventListener("input", () => {
      number.value = formatField(Number(slider.value));
      showWords(s.name);
      changed();
    });
    // "change" too, for scripts that set the value and fire only that.
    for (const type of ["input", "change"]) {
      number.addEventListener(type, () => {
        spanSlider(slider, s.name, number.value);
        if (Number.isFinite(Number(number.value))) slider.value = number.value;
        showWords(s.name);
        changed();
      });
    }
  }

  const gdp = element("input", { type: "checkbox", name: "includeGdp", id: "field-includeGdp" });
  const gdpRow = element("div", { className: "param toggle" });
  gdpRow.append(gdp, element("label", { htmlFor: "field-includeGdp", textContent: " include the GDP term CG (loss of output in a disruption)" }));
  gdp.addEventListener("change", changed);
  // The GDP loss form (Params.gdpLossForm): the paper's delta gdp0 d min(z,t)/(H - d t), or linear /H.
  const lossForm = element("select", { name: "gdpLossForm", id: "field-gdpLossForm" });
  const formText: Record<string, string> = { paper: "paper: / (H - d t), unbounded at d = 1", linear: "linear: / H, bounded" };
  for (const f of GDP_LOSS_FORMS) lossForm.append(element("option", { value: f, textContent: formText[f] ?? f }));
  const formRow = element("div", { className: "param toggle" });
  const formError = element("div", { className: "error" }, { role: "alert", "data-testid": "error-gdpLossForm" });
  formRow.append(element("label", { htmlFor: "field-gdpLossForm", textContent: "GDP loss form " }), lossForm, formError);
  errorLines.set("gdpLossForm", formError);
  lossForm.addEventListener("change", changed);

  const stock = element("input", { type: "text", id: "field-currentStock", name: "currentStock", inputMode: "decimal", placeholder: "none", autocomplete: "off" });
  const stockError = element("div", { className: "error" }, { role: "alert", "data-testid": "error-currentStock" });
  const stockRow = element("div", { className: "param stock" });
  const stockLabel = element("label", { htmlFor: "field-currentStock", className: "label", textContent: "z0 current stock" });
  stockLabel.append(element("span", { className: "unit", textContent: " (days of imports)" }));
  stockRow.append(stockLabel, stock, element("div", { className: "range", textContent: "allowed: 0 <= currentStock <= horizon; empty for none" }), stockError);
  stock.addEventListener("input", changed);
  stock.addEventListener("change", changed);
  errorLines.set("currentStock", stockError);
  root.append(gdpRow, formRow, stockRow);

  const form: Form = {
    read() {
      return {
        values: Object.fromEntries([...fields].map(([name, f]) => [name, f.number.value])) as Record<NumericParam, string>,
        includeGdp: gdp.checked,
        gdpLossForm: lossForm.value,
        currentStock: stock.value,
      };
    },
    write(state) {
      for (const [name, f] of fields) {
        f.number.value = state.values[name];
        spanSlider(f.slider, name, state.values[name]);
        f.slider.value = state.values[name];
        showWords(name);
      }
      gdp.checked = state.includeGdp;
      // A form no option names (a hand-edited link) is shown as given, so that its error quotes it.
      for (const option of [...lossForm.options]) if (!(GDP_LOSS_FORMS as readonly string[]).includes(option.value)) option.remove();
      if (!(GDP_LOSS_FORMS as readonly string[]).includes(state.gdpLossForm)) {
        lossForm.append(element("option", { value: state.gdpLossForm, textContent: `${state.gdpLossForm} (not a GDP loss form)` }));
      }
      lossForm.value = state.gdpLossForm;
      stock.value = state.currentStock;
      form.showPreset(state);
    },
    showPreset(state) {
      const k = presetOf(state);
      preset.value = k < 0 ? "" : String(k);
    },
    showErrors(errors) {
      for (const [name, line] of errorLines) {
        const message = errors.get(name) ?? "";
        line.textContent = message;
        line.closest(".param")?.classList.toggle("invalid", message !== "");
        const input = name === "currentStock" ? stock : fields.get(name as NumericParam)?.number;
        input?.setAttribute("aria-invalid", String(message !== ""));
      }
    },
  };
  preset.addEventListener("change", () => {
    const chosen = paperCases[Number(preset.value)];
    if (preset.value === "" || !chosen) return;
    form.write(stateOf(chosen.params, stock.value));
    changed();
  });
  return form;
}
