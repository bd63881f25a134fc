/**
 * The in-browser app: `npm run web` (dev server), `npm run web:build` (web/dist/index.html).
 *
 * The build is ONE self-contained HTML file (vite-plugin-singlefile): the scripts, the styles, the
 * WebAssembly kernel (embedded in the library) and the Web Workers (imported with `?worker&inline`,
 * started from Blob URLs) are all inside it, so it works opened by double-click (file://), from
 * any static server, offline, or sent by e-mail.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";

// Cross-origin isolation gives performance.now() 5 us resolution instead of 100 us, so the
// page's "last update" time means something for sub-millisecond updates.
const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [viteSingleFile()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  // Classic (IIFE) workers: Chromium refuses module workers from Blob URLs in a file:// page.
  worker: { format: "iife" },
  server: { headers: isolation },
  preview: { headers: isolation },
});
