/** The chart of `optimal-reserve coordinate --plot`: stocks by country under each profile. */
/** Grouped bars: one group per country, one bar per profile (Nash, cooperative, each rule), in million units. */
export function stocksSpec(rows: { country: string; profile: string; units: number }[]): Record<string, unknown> {
  const countries = [...new Set(rows.map((r) => r.country))];
  const profiles = [...new Set(rows.map((r) => r.profile))];
  return {
    width: 120 * countries.length, height: 280,
    title: "Reserve by country: Nash, cooperative and burden-sharing rules",
    data: { values: rows.map((r) => ({ ...r, millions: r.units / 1e6 })) },
    mark: "bar",
    encoding: {
      x: { field: "country", type: "nominal", sort: countries, title: null },
      xOffset: { field: "profile", sort: profiles },
      y: { field: "millions", type: "quantitative", title: "stock (million units)" },
      color: { field: "profile", type: "nominal", sort: profiles, title: null },
    },
  };
}
