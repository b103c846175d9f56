import { afterEach, describe, expect, it } from "vitest";
import { forEachBackend } from "../../helpers/store-backends.js";
import { startTestWorkers, testServer, type TestServer } from "../../helpers/server.js";
import { photo, textChunk, withPngChunks } from "../../helpers/provenance-fixtures.js";
import { loadServerConfig } from "../../../src/server/process/config.js";
import { createSignals } from "../../../src/server/process/signals.js";
import type { Workers } from "../../../src/server/process/workers.js";

/** The providers that need no model threads: the image models have their own e2e. */
function lightAnalyser() {
  const { signals } = loadServerConfig({ env: { VIGIL_SIGNALS: "text,provenance" } });
  return createSignals(signals)!.analyser;
}

forEachBackend((backend) => {
  describe("AI signals through the API", () => {
    let server: TestServer | undefined;
    let workers: Workers | undefined;
    afterEach(async () => {
      await workers?.stop();
      await server?.app.close();
      server = workers = undefined;
    });

    async function start(): Promise<TestServer> {
      server = await testServer(await backend.open(), {}, { analyser: lightAnalyser() });
      return server;
    }

    it("holds a solicitation for review at scan time, with the finding and its span", async () => {
      const s = await start();
      const message = "우리 반 여자애 지.인.능.욕 해주실 분 DM 주세요";
      const response = await s.call("POST", "/v1/scan", { json: { text: message } });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.verdict).toBe("review");
      expect(body.reasons.join(" ")).toContain("solicitation-text");
      const finding = body.signals.find((signal: { kind: string }) => signal.kind === "text");
      expect(finding).toMatchObject({ category: "solicitation", language: "ko" });
      expect(message.slice(finding.span[0], finding.span[1])).toContain("지.인.능.욕");
      // News about the same crime is not solicitation.
      const news = await s.call("POST", "/v1/scan", {
        json: { text: "경찰은 지인능욕 딥페이크를 제작·유포한 20대를 검거했다고 밝혔다" },
      });
      expect(news.json()).toMatchObject({ verdict: "allow" });
    });

    it("reports generator metadata on an uploaded image, without its prompt", async () => {
      const s = await start();
      const generated = withPngChunks(await photo("png"), [
        textChunk("parameters", "secret prompt words, Steps: 30, Sampler: DPM++ 2M"),
      ]);
      const response = await s.call("POST", "/v1/scan", {
        body: generated,
        contentType: "image/png",
      });
      const body = response.json();
      expect(body.verdict).toBe("allow");
      expect(body.signals).toEqual([
        expect.objectContaining({
          kind: "provenance",
          marker: "generator_parameters",
          mediaIndex: 0,
        }),
      ]);
      expect(response.body).not.toContain("secret prompt words");
    });

    it("keeps what ingest and the worker learned with the item, and reviews by the rules", async () => {
      const s = await start();
      const generated = withPngChunks(await photo("png"), [textChunk("prompt", "{}")]);
      const accepted = await s.call("POST", "/v1/content", {
        json: {
          idempotencyKey: "tg:-100:1",
          platform: "telegram",
          text: "selling nudify bot access, dm for price",
          media: [{ data: generated.toString("base64") }],
        },
      });
      expect(accepted.statusCode).toBe(202);
      workers = startTestWorkers(s, { analyser: lightAnalyser() });
      const id = accepted.json().id as string;
      let item: { status: string; verdict: string; analysis: { kind: string }[] } | undefined;
      for (let i = 0; i < 400 && item?.status !== "done"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        item = (await s.call("GET", `/v1/content/${id}`)).json().item;
      }
      expect(item?.verdict).toBe("review");
      expect(item?.analysis.map((record) => record.kind).sort()).toEqual(["provenance", "text"]);
      const opened = await s.store.cases.list({ status: "open" });
      expect(opened.items).toHaveLength(1);
      // The moderator who reviews the case reads what brought it there; a scan key does not.
      const moderator = await s.call("GET", `/v1/content/${id}`, {
        token: await s.key(["review"]),
      });
      expect(moderator.statusCode).toBe(200);
      expect(moderator.json().item.analysis).toHaveLength(2);
      const scanKey = await s.call("GET", `/v1/content/${id}`, { token: await s.key(["scan"]) });
      expect(scanKey.statusCode).toBe(403);
    });
  });
});
