import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The monitor's promise — it never posts, joins, leaves, edits, deletes or reacts — kept by
// construction: no source file of it names a request or client method that would.
const WRITES =
  /\b(JoinChannel|ImportChatInvite|LeaveChannel|SendMessage|SendMedia|SendMultiMedia|ForwardMessages|EditMessage|DeleteMessages|SendReaction|sendMessage|sendFile|forwardMessages|editMessage|deleteMessages|joinChannel)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the monitor's code", () => {
  it("builds no request that posts, joins, leaves, edits, deletes or reacts", () => {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const files = sources(dir);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.filter((file) => WRITES.test(readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });
});
