// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import { layersRule } from "./tools/eslint/layers.js";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { vigil: { rules: { layers: layersRule } } },
    rules: {
      "vigil/layers": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-console": "error",
    },
  },
  {
    // The web app runs in the browser (its e2e tests and Vite config run in Node).
    files: ["web/src/**"],
    ignores: ["web/src/**/*.test.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Benchmarks print results; test helpers say why a suite is skipped.
    files: ["bench/**", "tools/**", "bin/**", "test/helpers/**"],
    rules: { "no-console": "off" },
  },
);
