/**
 * The in-browser app: `npm run web` (dev server), `npm run web:build` (static files in web/dist,
 * relative paths, no CDN: open them from any static server, offline).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Cross-origin isolation gives performance.now() 5 us resolution instead of 100 us, so the
// page's "last update" time means something for sub-millisecond updates.
const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  worker: { format: "es" },
  server: { headers: isolation },
  preview: { headers: isolation },
});
