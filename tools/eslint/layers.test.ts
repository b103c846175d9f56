import { RuleTester } from "eslint";
import { join } from "node:path";
import { describe, it } from "vitest";
import { layersRule } from "./layers.js";

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: "module" } });
const file = (path: string) => join(process.cwd(), "src", path);
const webFile = (path: string) => join(process.cwd(), "web", "src", path);

tester.run("vigil/layers", layersRule, {
  valid: [
    { filename: file("media/decode.ts"), code: 'import { pdqHash } from "../hash/index.js";' },
    { filename: file("cli/main.ts"), code: 'import { hashImage } from "../signals/index.js";' },
    { filename: file("hash/pdq.ts"), code: 'import { dct64To16 } from "./dct.js";' },
    { filename: file("media/decode.ts"), code: 'import sharp from "sharp";' },
    { filename: file("media/decode.ts"), code: 'import { readFile } from "node:fs/promises";' },
    { filename: file("hash/pdq.test.ts"), code: 'import { readFileSync } from "node:fs";' },
    {
      filename: file("platforms/x.ts"),
      code: 'import { IngestService } from "../engine/index.js";',
    },
    // Engine areas: a lower area through its entry, files of one's own area directly.
    {
      filename: file("engine/content/scan.ts"),
      code: 'import { BankMatcher } from "../matching/index.js";',
    },
    { filename: file("engine/content/scan.ts"), code: 'import { matchAll } from "./decide.js";' },
    {
      filename: file("engine/index.ts"),
      code: 'export { ReviewService } from "./review/index.js";',
    },
    // The browser app: hash and core entries; its tests (run in Node) any entry.
    {
      filename: webFile("hashing.ts"),
      code: 'import { PdqHasher } from "../../src/hash/index.js";',
    },
    { filename: webFile("api.ts"), code: 'import { VigilError } from "../../src/core/index.js";' },
    { filename: webFile("api.ts"), code: 'import { setCsrfToken } from "./session.js";' },
    {
      filename: webFile("hashing.test.ts"),
      code: 'import { hashImage } from "../../src/signals/index.js";',
    },
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
    {
      filename: file("actions/x.ts"),
      code: 'import { TelegramBot } from "../platforms/index.js";',
      errors: [{ messageId: "upward" }],
    },
    {
      filename: file("engine/matching/bank-service.ts"),
      code: 'import { ReviewService } from "../review/index.js";',
      errors: [{ messageId: "areaUpward" }],
    },
    {
      filename: file("engine/content/scan.ts"),
      code: 'import { BankMatcher } from "../matching/bank-matcher.js";',
      errors: [{ messageId: "areaInternal" }],
    },
    {
      filename: file("engine/review/review.ts"),
      code: 'import { BankService } from "../index.js";',
      errors: [{ messageId: "ownEntry" }],
    },
    {
      filename: file("engine/gadgets/x.ts"),
      code: 'import { NO_EVENTS } from "../shared/index.js";',
      errors: [{ messageId: "areaUnknown" }],
    },
    {
      filename: webFile("api.ts"),
      code: 'import { buildServer } from "../../src/server/index.js";',
      errors: [{ messageId: "web" }],
    },
    {
      filename: webFile("hashing.ts"),
      code: 'import { pdqHash } from "../../src/hash/pdq.js";',
      errors: [{ messageId: "web" }],
    },
    {
      filename: webFile("hashing.test.ts"),
      code: 'import { hashImage } from "../../src/signals/image-hashes.js";',
      errors: [{ messageId: "web" }],
    },
  ],
});
