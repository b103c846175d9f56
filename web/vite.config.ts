import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * The console, portal and dashboard as one static app, built into dist/web for the Vigil server
 * to serve. `npm run dev:web` proxies /v1 to a server on :8080 while working on the UI.
 */
export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or eval: the server's Content-Security-Policy allows only 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: { "/v1": "http://localhost:8080" },
  },
});
