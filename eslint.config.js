// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules over the sources,
// tests, benchmarks, scripts and web app; `npm run lint`, part of `npm test`.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/", "build/", "web/dist/", "node_modules/", "coverage/", "test-artifacts/",
      // Written by `npm run build` (scripts/embed-wasm.mjs), never by hand.
      "src/generated/",
      // AssemblyScript, not TypeScript: its decorators (@inline, @global) do not parse. The
      // kernel it exports (assembly/kernel/), the subset both compilers accept, is linted.
      "assembly/index.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a binding that is there on purpose but unused (e.g. counting
      // with `for (const _line of lines)`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Plain JavaScript has no type checker to catch undefined names: give it its platform's globals.
  { files: ["scripts/**/*.mjs", "bench/**/*.mjs", "**/*.config.js"], languageOptions: { globals: globals.node } },
  { files: ["tests/fixtures/**/*.js", "tests/bundlers/app/**/*.js"], languageOptions: { globals: globals.browser } },
);
