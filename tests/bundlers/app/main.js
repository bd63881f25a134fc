// A consumer app, bundled from the packed tarball by Vite, webpack and esbuild (tests/bundlers.test.ts):
// the browser worker pool against the main thread's solveBatch, bit for bit.
import { solveBatch } from "optimal-reserve";
import { createPool } from "optimal-reserve/pool";

async function run() {
  const meanDisruption = Float64Array.from({ length: 6000 }, (_, i) => (i === 4321 ? -1 : 1 + (i % 600) / 6));
  const pool = createPool({ workers: 2, chunkSize: 1000 });
  try {
    const a = await pool.solveBatch({ meanDisruption });
    const b = solveBatch({ meanDisruption });
    const same = (x, y) => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
    return {
      rows: a.zStar.length, backend: a.backend, workers: pool.workers,
      zStar: same(a.zStar, b.zStar), totalCost: same(a.totalCost, b.totalCost), status: same(a.status, b.status),
      error: a.errors[0]?.message, sample: a.zStar[120],
    };
  } finally {
    await pool.close();
  }
}

globalThis.poolResult = run().catch((e) => ({ failed: String(e?.message ?? e) }));
