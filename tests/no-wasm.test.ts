/** With WebAssembly removed from the global scope, `auto` still solves, through JavaScript. */
import { afterEach, expect, it, vi } from "vitest";

const original = globalThis.WebAssembly;
afterEach(() => {
  globalThis.WebAssembly = original;
  vi.resetModules();
});

it("auto falls back to JS when WebAssembly is missing, and wasm says why it cannot run", async () => {
  // @ts-expect-error: deliberately removing a global the types say is always there
  delete globalThis.WebAssembly;
  vi.resetModules();
  const lib = await import("../src/index");
  const s = lib.solve();
  expect(s.backend).toBe("js");
  expect(Math.abs(s.zStar - 117.1470521273) / 117.1470521273).toBeLessThan(1e-11);
  expect(() => lib.solve({}, { backend: "wasm" })).toThrow(/WebAssembly is not available/);
  await expect(lib.init()).resolves.toBeUndefined();
  expect(lib.solve().backend).toBe("js");
});

it("auto uses WASM when it is there", async () => {
  vi.resetModules();
  const lib = await import("../src/index");
  await lib.init();
  expect(lib.solve().backend).toBe("wasm");
});
