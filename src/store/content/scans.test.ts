import { beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, manualClock } from "../../../test/helpers/store-backends.js";
import type { NewScan } from "./scan-types.js";
import type { Store } from "../store.js";

const PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";

forEachBackend((backend) => {
  describe("#scans", () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open({ clock: manualClock().now });
    });

    it("records a scan's item, signals and matches in order, and reads them back", async () => {
      const scan: NewScan = {
        platform: "telegram",
        externalId: "chat:42/message:7",
        signals: [
          { signalType: "pdq", value: PDQ.toUpperCase(), quality: 91 },
          { signalType: "md5", value: MD5 },
        ],
        matches: [
          { bankId: "victim-submissions", entryId: 17, signalType: "pdq", distance: 12 },
          { bankId: "ncmec", entryId: 4_000_000_000, signalType: "md5", distance: 0 },
        ],
      };
      const record = await store.scans.record(scan);
      expect(record).toEqual({
        item: {
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-/),
          source: "scan",
          platform: "telegram",
          externalId: "chat:42/message:7",
          createdAt: "2030-01-01T00:00:00.000Z",
        },
        signals: [
          { signalType: "pdq", value: PDQ, quality: 91 },
          { signalType: "md5", value: MD5, quality: null },
        ],
        matches: scan.matches,
      });
      expect(await store.scans.get(record.item.id)).toEqual(record);
    });

    it("records a scan without platform, signals or matches", async () => {
      const record = await store.scans.record({ source: "stream", signals: [], matches: [] });
      expect(record.item).toMatchObject({ source: "stream", platform: null, externalId: null });
      expect(await store.scans.get(record.item.id)).toEqual(record);
    });

    it("keeps the matches of a bank that no longer exists", async () => {
      const record = await store.scans.record({
        signals: [],
        matches: [{ bankId: "deleted-bank", entryId: 1, signalType: "pdq", distance: 3 }],
      });
      expect((await store.scans.get(record.item.id))?.matches).toHaveLength(1);
    });

    it("returns null for an unknown content id", async () => {
      expect(await store.scans.get("0190aaaa-0000-7000-8000-000000000000")).toBeNull();
    });

    it.each([
      [
        "a bad hash",
        { signals: [{ signalType: "pdq", value: "xyz" }], matches: [] },
        "signals[0].value",
      ],
      [
        "a negative distance",
        { signals: [], matches: [{ bankId: "b", entryId: 1, signalType: "pdq", distance: -1 }] },
        "matches[0].distance",
      ],
      [
        "an entry id beyond uint32",
        {
          signals: [],
          matches: [{ bankId: "b", entryId: 2 ** 32, signalType: "pdq", distance: 0 }],
        },
        "matches[0].entryId",
      ],
      ["signals that are not a list", { signals: "pdq", matches: [] }, "signals"],
    ])("refuses %s", async (_, scan, field) => {
      await expect(store.scans.record(scan as never)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
    });
  });
});
