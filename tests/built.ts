/**
 * The built entry points (dist/, made by `npm run build`), imported as a user's code imports them:
 * for the tests that check the shipped artefact rather than the sources.
 */
import { join } from "node:path";

export type Lib = typeof import("../dist/index.js");
export type PoolModule = typeof import("../dist/pool.js");

const dist = join(__dirname, "..", "dist");

/** `optimal-reserve` and `optimal-reserve/pool` from dist/ (use with a top-level await). */
export async function importBuilt(): Promise<{ lib: Lib; poolModule: PoolModule }> {
  const lib = (await import(join(dist, "index.js"))) as Lib;
  const poolModule = (await import(join(dist, "pool.js"))) as PoolModule;
  return { lib, poolModule };
}
