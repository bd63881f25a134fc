/**
 * The fuzz test's worker (tests/fuzz.test.ts): runs one entry point on one case with the built
 * package and reports what is wrong with the answer. In a worker so that the test can stop a
 * call that never returns.
 */
import { parentPort, workerData } from "node:worker_threads";

const lib = await import(workerData.entry);
const STATUS = lib.STATUS_NAMES;

/** Every number reachable in `value` (typed arrays, arrays, objects), with its path. */
function* numbers(value, path) {
  if (typeof value === "number") yield [path, value];
  else if (ArrayBuffer.isView(value)) for (let i = 0; i < value.length; i++) yield [`${path}[${i}]`, value[i]];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* numbers(value[i], `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* numbers(v, `${path}.${k}`);
}

/** Faults of one solution-like record: z* in [0, H], the status describing the answer. */
function checkSolution(s, p, where, faults) {
  const H = p.horizon ?? 365;
  if (!(s.zStar >= 0 && s.zStar <= H)) faults.push(`${where}: z* = ${s.zStar} outside [0, H = ${H}]`);
  if (s.status === "interior" && !(s.zStar > 0 && s.zStar < H)) faults.push(`${where}: status interior with z* = ${s.zStar} (H = ${H})`);
  if (s.status === "zero" && s.zStar !== 0) faults.push(`${where}: status zero with z* = ${s.zStar}`);
  if ((s.status === "horizon" || s.status === "unbounded") && s.zStar !== H) faults.push(`${where}: status ${s.status} with z* = ${s.zStar}`);
}

const RUN = {
  solve: (c, o) => {
    const s = lib.solve(c.params, { ...o, currentStock: c.stock });
    return [s, [s]];
  },
  evaluate: (c, o) => [lib.evaluate(c.z, c.params, o), []],
  solveBatch: (c, o) => {
    const r = lib.solveBatch(c.columns, o);
    const rows = Array.from(r.zStar, (z, i) => ({ zStar: z, status: STATUS[r.status[i]] }));
    return [r, rows, c.columnsHorizon];
  },
  curve: (c, o) => {
    const r = lib.curve(c.params, { ...o, points: 17 });
    return [r, [{ zStar: r.zStar, status: r.status }]];
  },
  grid: (c, o) => {
    const r = lib.grid(c.params, c.axes, o);
    return [r, Array.from(r.zStar, (z, i) => ({ zStar: z, status: STATUS[r.status[i]] }))];
  },
  sensitivity: (c, o) => {
    const r = lib.sensitivity(c.params, c.name, c.values, o);
    return [r, Array.from(r.zStar, (z, i) => ({ zStar: z, status: r.status[i] })), c.name === "horizon" ? c.values : undefined];
  },
  tornado: (c, o) => [lib.tornado(c.params, {}, o), []],
  elasticities: (c, o) => [lib.elasticities(c.params, o), []],
  monteCarlo: (c, o) => [lib.monteCarlo(c.params, c.distributions, { ...o, samples: 64, seed: c.seed }), []],
  breakEven: (c, o) => [lib.breakEven(c.params, c.name, c.stock, o), []],
};

parentPort.on("message", ({ kind, backend, c }) => {
  const faults = [];
  try {
    const [result, solutions, horizons] = RUN[kind](c, { backend });
    for (const [path, x] of numbers(result, "result")) {
      if (Number.isNaN(x)) {
        faults.push(`NaN at ${path}`);
        break;
      }
    }
    solutions.forEach((s, i) => checkSolution(s, { horizon: horizons ? horizons[i] : c.params.horizon }, `${kind}[${i}]`, faults));
  } catch (error) {
    // A ParameterError is an answer only where the input admits none: breakEven's unreachable
    // stock, or an answer beyond double precision that the error names.
    const expected = lib.isParameterError(error) &&
      ((kind === "breakEven" && /^no (single )?\w+ in /.test(error.message)) || error.message.includes("is beyond double precision"));
    if (!expected) faults.push(`threw ${error?.name}: ${String(error?.message).slice(0, 160)}`);
  }
  parentPort.postMessage(faults);
});
parentPort.postMessage("ready");
