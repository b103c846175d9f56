import sharp from "sharp";
import { afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { multipart, testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";

/**
 * The pre-publication scan end to end through HTTP, on each real database: a bank, an image's
 * hash in it, the edits people make before re-posting, and the verdicts.
 */
const WIDTH = 800;
const HEIGHT = 600;
let original: Buffer;
let copies: Record<string, Buffer>;
let unrelated: Buffer;

beforeAll(async () => {
  original = await encode(scenePixels(WIDTH, HEIGHT, 3), "jpeg", { quality: 90 });
  // "Cropped 5 %": 5 % of the area, 1.27 % off each edge. PDQ is not crop-robust: more than
  // about 2 % off an edge, or 5 % off one side, moves a hash past 31 bits (docs/PDQ.md).
  const inset = Math.round(WIDTH * 0.0127);
  const insetY = Math.round(HEIGHT * 0.0127);
  const watermark = Buffer.from(
    `<svg width="${WIDTH}" height="${HEIGHT}"><text x="${WIDTH * 0.55}" y="${HEIGHT * 0.93}" font-size="48" fill="white" fill-opacity="0.7">@leaked_channel</text></svg>`,
  );
  copies = {
    resized: await sharp(original)
      .resize(WIDTH / 2)
      .jpeg()
      .toBuffer(),
    "re-encoded at quality 20": await sharp(original).jpeg({ quality: 20 }).toBuffer(),
    "cropped 5 %": await sharp(original)
      .extract({ left: inset, top: insetY, width: WIDTH - 2 * inset, height: HEIGHT - 2 * insetY })
      .jpeg()
      .toBuffer(),
    watermarked: await sharp(original)
      .composite([{ input: watermark }])
      .jpeg()
      .toBuffer(),
  };
  unrelated = await encode(scenePixels(WIDTH, HEIGHT, 8), "jpeg");
});

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  it("blocks edited copies of a banked image, allows others, and allows again once withdrawn", async () => {
    server = await testServer(await backend.open());
    const created = await server.call("POST", "/v1/banks", {
      json: { id: "victim-submissions", name: "Victim submissions", labels: ["ncii"] },
    });
    expect(created.statusCode).toBe(201);

    const hashed = await server.call("POST", "/v1/scan", {
      body: original,
      contentType: "image/jpeg",
    });
    expect(hashed.json().verdict).toBe("allow");
    const { hash, quality } = hashed.json().hashes.pdq[0];
    const added = await server.call("POST", "/v1/banks/victim-submissions/entries", {
      json: { signalType: "pdq", value: hash, quality, caseNumbers: ["SC-1"] },
    });
    expect(added.statusCode).toBe(201);
    const entryId = added.json().entry.id;

    for (const [edit, bytes] of Object.entries(copies)) {
      const scan = await server.call("POST", "/v1/scan", {
        body: bytes,
        contentType: "image/jpeg",
      });
      expect(scan.statusCode, edit).toBe(200);
      expect(scan.json().verdict, edit).toBe("block");
      expect(scan.json().matches[0]).toMatchObject({
        bankId: "victim-submissions",
        entryId,
        labels: ["ncii"],
      });
      expect(scan.json().reasons[0]).toMatch(/victim-submissions.*PDQ.*block/);
    }
    const other = await server.call("POST", "/v1/scan", {
      body: unrelated,
      contentType: "image/jpeg",
    });
    expect(other.json()).toMatchObject({ verdict: "allow", matches: [] });

    const withdrawn = await server.call(
      "POST",
      `/v1/banks/victim-submissions/entries/${entryId}/withdraw`,
    );
    expect(withdrawn.json().status).toBe("withdrawn");
    const after = await server.call("POST", "/v1/scan", {
      body: copies.resized!,
      contentType: "image/jpeg",
    });
    expect(after.json().verdict).toBe("allow");
  });

  it("scans a multipart upload and precomputed hashes the same way, and stores only when asked", async () => {
    server = await testServer(await backend.open());
    await server.call("POST", "/v1/banks", {
      json: { id: "known", name: "Known", action: "review" },
    });
    const first = await server.call("POST", "/v1/scan", {
      body: original,
      contentType: "image/jpeg",
    });
    const { hashes } = first.json();
    await server.call("POST", "/v1/banks/known/entries", {
      json: {
        entries: [
          { signalType: "md5", value: hashes.md5.toUpperCase() },
          { signalType: "pdq", value: hashes.pdq[0].hash },
        ],
      },
    });

    const form = multipart(copies.watermarked!, {
      store: "true",
      platform: "telegram",
      externalId: "msg-42",
    });
    const upload = await server.call("POST", "/v1/scan", {
      body: form.body,
      contentType: form.contentType,
    });
    expect(upload.json()).toMatchObject({ verdict: "review" });
    const contentId = upload.json().contentId;
    expect(contentId).toEqual(expect.any(String));
    const stored = await server.store.scans.get(contentId);
    expect(stored?.item).toMatchObject({ platform: "telegram", externalId: "msg-42" });
    expect(stored?.matches[0]?.bankId).toBe("known");

    const byHash = await server.call("POST", "/v1/scan", {
      json: { hashes: { md5: hashes.md5.toUpperCase() } },
    });
    expect(byHash.json().verdict).toBe("review");
    expect(byHash.json().matches[0].signalType).toBe("md5");
    expect(byHash.json().contentId).toBeUndefined();
  });
});
