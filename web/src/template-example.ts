/**
 * The worked example of the README ("Critical minerals"): is JOGMEC's 60 days of gallium
 * consistent with plausible risk? The same calls and the same printed lines as the README's code,
 * so the page and the README show one result (tests/web-templates.test.ts compares them).
 */
import { breakEven, monteCarlo, presets, solve, templateDistributions, templateParams } from "../../src/index";

/** The example's output, line for line as the README prints it. */
export function runGalliumExample(): string {
  const lines: string[] = [];
  const gallium = presets.templates.gallium;
  // The user clicked "Accept gallium's assumptions": they are accepted as they stand.
  const base = templateParams(gallium, { confirm: true });
  const s = solve(base);
  lines.push(`z* = ${s.zStar.toFixed(1)} days = ${s.zStarUnits.toFixed(0)} ${gallium.unit} of gallium`);
  const lambda = breakEven(base, "meanDisruption", 60);
  const p = breakEven(base, "eventProbability", 60);
  lines.push(`60 days is optimal at meanDisruption = ${lambda.value.toFixed(1)} days (template: ${base.meanDisruption})`);
  lines.push(`or at eventProbability = ${p.value.toFixed(3)} per year (template: ${base.eventProbability})`);
  const mc = monteCarlo(base, templateDistributions(gallium), { samples: 20000, seed: 1, currentStock: 60 });
  const q = mc.quantiles;
  lines.push(`z* median ${q.p50.toFixed(1)} days, 90% within [${q.p5.toFixed(1)}, ${q.p95.toFixed(1)}]; P(z* > 60 days) = ${mc.probAboveStock!.toFixed(3)}`);
  return lines.join("\n");
}
