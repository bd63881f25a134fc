/** The WebAssembly bytes shipped inline are exactly the current build (no stale embed). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { WASM_BASE64, WASM_BYTES, WASM_SHA256 } from "../src/generated/wasm-module";

it("src/generated/wasm-module.ts embeds build/release.wasm", () => {
  const built = readFileSync(join(__dirname, "..", "build", "release.wasm"));
  const embedded = Buffer.from(WASM_BASE64, "base64");
  expect(embedded.length).toBe(WASM_BYTES);
  expect(createHash("sha256").update(embedded).digest("hex")).toBe(WASM_SHA256);
  expect(embedded.equals(built)).toBe(true);
});
