import { RuleTester } from "eslint";
import { join } from "node:path";
import { describe, it } from "vitest";
import { layersRule } from "./layers.js";

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: "module" } });
const file = (path: string) => join(process.cwd(), "src", path);

tester.run("vigil/layers", layersRule, {
  valid: [
    { filename: file("media/decode.ts"), code: 'import { pdqHash } from "../hash/index.js";' },
    { filename: file("cli/main.ts"), code: 'import { hashImage } from "../signals/index.js";' },
    { filename: file("hash/pdq.ts"), code: 'import { dct64To16 } from "./dct.js";' },
    { filename: file("media/decode.ts"), code: 'import sharp from "sharp";' },
    { filename: file("media/decode.ts"), code: 'import { readFile } from "node:fs/promises";' },
    { filename: file("hash/pdq.test.ts"), code: 'import { readFileSync } from "node:fs";' },
  ],
  invalid: [
    {
      filename: file("hash/pdq.ts"),
      code: 'import { decodeImage } from "../media/index.js";',
      errors: [{ messageId: "upward" }],
    },
    {
      filename: file("media/decode.ts"),
      code: 'export { runCli } from "../cli/main.js";',
      errors: [{ messageId: "upward" }],
    },
    {
      filename: file("signals/x.ts"),
      code: 'import { decodeImage } from "../media/decode.js";',
      errors: [{ messageId: "internal" }],
    },
    {
      filename: file("hash/digest.ts"),
      code: 'import { createHash } from "node:crypto";',
      errors: [{ messageId: "node" }],
    },
    {
      filename: file("gadgets/x.ts"),
      code: 'import { pdqHash } from "../hash/index.js";',
      errors: [{ messageId: "unknown" }],
    },
  ],
});
