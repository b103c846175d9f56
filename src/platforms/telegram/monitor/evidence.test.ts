import { describe, expect, it } from "vitest";
import { buildEvidence, evidenceDigest, type MonitorMatch } from "./evidence.js";
import { reportReasonFor } from "./reasons.js";

const match: MonitorMatch = {
  itemId: "item-1",
  channelId: "-1001",
  messageId: 5,
  postedAt: null,
  verdict: "block",
  labels: ["ncii", "deepfake", "ncii"],
  reasons: ["r"],
  hashes: [{ kind: "md5", value: "ABCDEF" }],
  caseId: null,
};
const channel = {
  id: "1",
  accessHash: "2",
  username: "room",
  title: "Room",
  kind: "channel" as const,
};

describe("buildEvidence", () => {
  it("is frozen, normalised, and carries a digest that changes with any field", () => {
    const evidence = buildEvidence(match, channel, new Date("2026-03-01T00:00:00Z"));
    expect(evidence.labels).toEqual(["deepfake", "ncii"]);
    expect(evidence.hashes).toEqual([{ kind: "md5", value: "abcdef" }]);
    expect(evidence.link).toBe("https://t.me/room/5");
    expect(Object.isFrozen(evidence.channel)).toBe(true);
    expect(evidence.digest).toBe(evidenceDigest(evidence));
    expect(evidenceDigest({ ...evidence, messageId: 6 })).not.toBe(evidence.digest);
    expect(evidenceDigest({ ...evidence, report: "anything" } as never)).toBe(evidence.digest);
  });
});

describe("reportReasonFor", () => {
  it("puts child abuse first, then intimate imagery, then personal details", () => {
    expect(reportReasonFor(["ncii", "CSAM"])).toBe("child-abuse");
    expect(reportReasonFor(["minor"])).toBe("child-abuse");
    expect(reportReasonFor(["deepfake"])).toBe("non-consensual-imagery");
    expect(reportReasonFor(["doxxing"])).toBe("personal-details");
    expect(reportReasonFor(["solicitation"])).toBe("other");
    expect(reportReasonFor([])).toBe("other");
  });
});
