import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServer, type TestServer } from "../../helpers/server.js";
import {
  DEFAULT_FACE_MODEL,
  DEFAULT_FACE_THRESHOLD,
  FACE_DIMENSION,
  loadFaceIndex,
  ProtectedPeopleService,
} from "../../../src/engine/index.js";
import { assetCrop, CEILING, PORTRAIT, WOMAN } from "../../helpers/model-samples.js";
import { openStore } from "../../../src/store/index.js";
import { loadServerConfig } from "../../../src/server/process/config.js";
import { createSignals, type ProcessSignals } from "../../../src/server/process/signals.js";

/**
 * The real face models end to end: a person registered from a reference photo (embedded in the
 * pool, then discarded) is recognised in another copy of her photo scanned through the API, and
 * no longer once she deletes herself. The gate is opened (0) because the test images are
 * ordinary portraits; in production faces are looked for only in sexual images.
 */
describe("protected faces with the real models", () => {
  let server: TestServer;
  let signals: ProcessSignals;
  let reference: Buffer;
  let scanned: Buffer;
  let other: Buffer;

  beforeAll(async () => {
    const { signals: settings } = loadServerConfig({
      env: { VIGIL_SIGNALS: "nudity,faces", VIGIL_SIGNAL_THREADS: "1", VIGIL_FACE_GATE: "0" },
    });
    const store = await openStore({
      url: `sqlite:${join(mkdtempSync(join(tmpdir(), "vigil-faces-")), "v.db")}`,
    });
    const options = {
      dimension: FACE_DIMENSION,
      threshold: DEFAULT_FACE_THRESHOLD,
      model: DEFAULT_FACE_MODEL,
    };
    const index = await loadFaceIndex(store, options);
    signals = createSignals(settings, () => index)!;
    const people = new ProtectedPeopleService(store, index, {
      dimension: options.dimension,
      model: options.model,
      embedder: signals.embedder!,
    });
    server = await testServer(store, {}, { analyser: signals.analyser, protectedPeople: people });
    reference = await assetCrop(PORTRAIT.file, PORTRAIT.region);
    // What an abuser would post: the same photo, smaller and re-encoded.
    scanned = await sharp(reference).resize(180).jpeg({ quality: 70 }).toBuffer();
    other = await assetCrop(WOMAN.file, WOMAN.region);
  }, 120_000);

  afterAll(async () => {
    await server?.app.close();
    await signals?.analyser.close();
  });

  const scan = async (bytes: Buffer) =>
    (await server.call("POST", "/v1/scan", { body: bytes, contentType: "image/jpeg" })).json();

  it("recognises a registered person, not someone else, and forgets her when she deletes", async () => {
    const created = await server.call("POST", "/v1/protected-people", {
      json: {
        consent: { givenBy: "self", text: "I ask to be protected.", version: "v1" },
        images: [reference.toString("base64")],
      },
    });
    expect(created.statusCode).toBe(201);
    const personId = created.json().id as string;
    expect(JSON.stringify(created.json())).not.toContain(reference.toString("base64").slice(0, 64));

    const found = await scan(scanned);
    expect(found.signals).toContainEqual(
      expect.objectContaining({ kind: "protected_face", personId, mediaIndex: 0 }),
    );
    expect(found.signals).toContainEqual(expect.objectContaining({ kind: "nudity" }));
    // A face in content is kept as a box; its embedding is compared and dropped.
    const face = found.signals.find((s: { kind: string }) => s.kind === "face");
    expect(face).toBeDefined();
    expect(face.embedding).toBeUndefined();

    const stranger = await scan(other);
    expect(stranger.signals.some((s: { kind: string }) => s.kind === "protected_face")).toBe(false);

    expect((await server.call("DELETE", `/v1/protected-people/${personId}`)).statusCode).toBe(204);
    const after = await scan(scanned);
    expect(after.signals.some((s: { kind: string }) => s.kind === "protected_face")).toBe(false);
  });

  it("refuses a reference without a face, and says so", async () => {
    const ceiling = await assetCrop(CEILING.file, CEILING.region);
    const refused = await server.call("POST", "/v1/protected-people", {
      json: {
        consent: { givenBy: "self", text: "I ask to be protected.", version: "v1" },
        images: [ceiling.toString("base64")],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("people/face-count");
  });
});
