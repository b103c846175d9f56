// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { layersRule } from "./tools/eslint/layers.js";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { vigil: { rules: { layers: layersRule } }, "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver()],
    },
    rules: {
      "vigil/layers": "error",
      // The layer rule keeps parts from importing upwards; this keeps files inside a part from
      // importing each other in a circle (an order nobody can read top to bottom).
      "import-x/no-cycle": "error",
      // Files do one job; past this they are two files.
      "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }],
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
  {
    // The lexicon is data (terms, variants and weights as one table), not logic to split.
    files: ["src/signals/text/lexicon.ts"],
    rules: { "max-lines": "off" },
  },
);
