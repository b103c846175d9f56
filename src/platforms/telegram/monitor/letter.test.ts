import { describe, expect, it } from "vitest";
import { buildEvidence, type EvidenceRecord, type MonitorMatch } from "./evidence.js";
import { isMonitorError } from "./errors.js";
import { deletionRequest, type DeletionRequestOptions } from "./letter.js";
import type { MonitorChannel } from "./types.js";

const CHANNEL: MonitorChannel = {
  id: "1700000001",
  accessHash: "5",
  username: "trade_room",
  title: "지인능욕방",
  kind: "group",
};

function record(messageId: number, labels: string[], reported = true): EvidenceRecord {
  const match: MonitorMatch = {
    itemId: `item-${messageId}`,
    channelId: "-1001700000001",
    messageId,
    postedAt: "2026-01-31T15:30:00.000Z",
    verdict: "remove",
    labels,
    reasons: ["matched bank `victims` (ncii) at distance 6 via PDQ → remove"],
    hashes: [
      { kind: "pdq", value: "a".repeat(64) },
      { kind: "sha256", value: "b".repeat(64) },
    ],
    caseId: "case-1",
  };
  const evidence = buildEvidence(match, CHANNEL, new Date("2026-02-01T00:00:00Z"));
  return {
    ...evidence,
    mediaKept: false,
    report: reported
      ? {
          status: "reported",
          reason: "non-consensual-imagery",
          path: [],
          at: "2026-02-01T00:05:00.000Z",
          error: null,
        }
      : null,
  };
}

const OPTIONS: DeletionRequestOptions = {
  to: "kcsc",
  requester: { organisation: "디지털성범죄피해자지원센터", contact: "help@example.org" },
  now: new Date("2026-02-02T01:00:00Z"),
};

describe("deletionRequest", () => {
  it("writes a KCSC request in Korean and English, with JSON, from the evidence", () => {
    const request = deletionRequest(
      [record(12, ["ncii"]), record(13, ["deepfake"], false)],
      OPTIONS,
    );
    expect(request.json).toMatchObject({
      kind: "vigil.deletion-request",
      version: 1,
      generatedAt: "2026-02-02T01:00:00.000Z",
      to: { kind: "kcsc" },
      requester: OPTIONS.requester,
      legalBasis: [
        "kr-network-act-44-7",
        "kr-kcc-act-21",
        "kr-sexual-crimes-act-14",
        "kr-sexual-crimes-act-14-2",
      ],
    });
    expect(request.json.items).toHaveLength(2);
    expect(request.json.items[0]).toMatchObject({
      link: "https://t.me/trade_room/12",
      category: "ncii",
      reportedToTelegram: { status: "reported", at: "2026-02-01T00:05:00.000Z" },
    });
    expect(request.json.items[1]).toMatchObject({ category: "deepfake", reportedToTelegram: null });
    expect(request.json.reference).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(JSON.stringify(request.json))).toEqual(request.json);

    const ko = request.text.ko;
    expect(ko).toContain("방송통신심의위원회 귀중");
    expect(ko).toContain("삭제 및 접속차단");
    expect(ko).toContain("https://t.me/trade_room/13");
    expect(ko).toContain("공개 그룹");
    // 15:30 UTC is half past midnight the next day in Seoul.
    expect(ko).toContain("2026-02-01 00:30 KST");
    expect(ko).toContain("허위영상물 등의 반포등");
    expect(ko).toContain(`pdq: ${"a".repeat(64)}`);
    const en = request.text.en;
    expect(en).toContain("Korea Communications Standards Commission");
    expect(en).toContain("Posted: 2026-01-31 15:30 UTC");
    expect(en).toContain("Reported to Telegram: no");
    expect(en).toContain("Article 14-2");
  });

  it("addresses an abuse desk, Telegram's by default, without the Korean legal basis", () => {
    const request = deletionRequest([record(12, ["ncii"])], { ...OPTIONS, to: "abuse-desk" });
    expect(request.json.to).toEqual({
      kind: "abuse-desk",
      name: "Telegram abuse desk",
      address: "abuse@telegram.org",
    });
    expect(request.text.en).toMatch(/^To: Telegram abuse desk <abuse@telegram.org>/);
    expect(request.text.en).not.toContain("Legal basis");
    expect(request.text.ko).toContain("Telegram abuse desk 귀중");
  });

  it("says nothing about the content or the person, and attaches nothing", () => {
    const request = deletionRequest([record(12, ["ncii"])], OPTIONS);
    const all = JSON.stringify(request);
    expect(all).not.toContain("case-1");
    expect(all).not.toContain("item-12");
    expect(all).not.toContain("distance 6");
  });

  it("refuses child abuse material, matches with neither label, and an empty request", () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (isMonitorError(error, "invalid")) return error.details.reason ?? "invalid";
      }
      return "accepted";
    };
    expect(refusal(() => deletionRequest([record(1, ["ncii", "csam"])], OPTIONS))).toBe(
      "child-abuse",
    );
    expect(refusal(() => deletionRequest([record(1, ["solicitation"])], OPTIONS))).toBe(
      "unlabelled",
    );
    expect(refusal(() => deletionRequest([], OPTIONS))).toBe("invalid");
    expect(
      refusal(() =>
        deletionRequest([record(1, ["ncii"])], {
          ...OPTIONS,
          requester: { organisation: " ", contact: "x" },
        }),
      ),
    ).toBe("invalid");
  });
});
