import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument, WEB_TYPES_FILE, webTypes } from "./web-types.js";

describe("web types from the OpenAPI document", () => {
  it("are committed as the server's schemas now generate them (else run npm run build:web-types)", async () => {
    const fresh = await webTypes(await openApiDocument());
    expect(readFileSync(WEB_TYPES_FILE, "utf8")).toBe(fresh);
  });
});
