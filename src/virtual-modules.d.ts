/**
 * Modules that exist only in the package build (tsup.config.ts makes them). The source build of
 * web/ never imports them.
 */
declare module "virtual:pool-web-worker-source" {
  /** src/pool/web-worker.ts bundled into one self-contained classic-worker script (IIFE). */
  const source: string;
  export default source;
}
