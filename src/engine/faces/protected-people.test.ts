import { afterEach, describe, expect, it } from "vitest";
import { clusteredFaces } from "../../../test/helpers/face-data.js";
import { forEachBackend, manualClock } from "../../../test/helpers/store-backends.js";
import type { FaceSignal } from "../../signals/index.js";
import {
  FaceIndex,
  ProtectedPeopleService,
  syncFaceIndex,
  type FaceEmbedder,
  type FaceIndexSync,
} from "./index.js";

const D = 64;
const MODEL = { name: "human/faceres", version: "test" };
const consent = { givenBy: "staff" as const, text: "Consent form B, signed.", version: "B-2030" };

/** A real (if tiny) embedder: each image's bytes name the identities in it, by index. */
function embedderOf(
  identities: readonly Float64Array[],
  view: (i: Float64Array) => Float32Array,
): FaceEmbedder {
  return {
    embed: async (bytes) =>
      [...bytes].map((i): FaceSignal => ({
        kind: "face",
        model: MODEL,
        mediaIndex: 0,
        box: { x: 0, y: 0, width: 10, height: 10 },
        confidence: 0.9,
        embedding: view(identities[i]!),
      })),
  };
}

forEachBackend((backend) => {
  describe("ProtectedPeopleService", () => {
    let sync: FaceIndexSync | undefined;
    afterEach(() => sync?.stop());
    const faces = clusteredFaces(D, 9, { scale: 4, noise: 0.3 });
    const identities = Array.from({ length: 5 }, () => faces.identity());
    const vectorOf = (i: number) => Array.from(faces.view(identities[i]!), (x) => x * 3);

    async function setUp(embedder?: FaceEmbedder) {
      const clock = manualClock();
      const store = await backend.open({ clock: clock.now });
      const index = new FaceIndex({ dimension: D, threshold: 0.7 });
      const service = new ProtectedPeopleService(store, index, {
        model: MODEL,
        dimension: D,
        clock: clock.now,
        ...(embedder ? { embedder } : {}),
      });
      return { store, service, clock };
    }

    it("registers from embeddings, matches her at once, and forgets her at once on delete", async () => {
      const { store, service } = await setUp();
      const person = await service.register(
        { consent, embeddings: [vectorOf(0), vectorOf(0)], label: "case 17" },
        "apikey:k1",
      );
      expect(person.embeddingCount).toBe(2);
      expect(person.expiresAt).toBe("2031-01-01T00:00:00.000Z");
      expect(service.match(faces.view(identities[0]!))?.personId).toBe(person.id);
      expect(service.match(faces.view(identities[1]!))).toBeNull();
      await service.delete(person.id, "apikey:k1");
      expect(service.match(faces.view(identities[0]!))).toBeNull();
      const events = (await store.audit.list({ subjectType: "protected_person" })).items;
      expect(events.map((e) => e.action)).toEqual([
        "protected_person.delete",
        "protected_person.create",
      ]);
      // Ids only: no label, no consent text, no vector in the audit log.
      expect(JSON.stringify(events)).not.toMatch(/case 17|Consent form|0\.\d{6}/);
    });

    it("embeds reference images with exactly one face, and refuses the rest", async () => {
      const { service } = await setUp(embedderOf(identities, (i) => faces.view(i)));
      const person = await service.register({ consent, images: [Uint8Array.of(2)] }, "test");
      expect(service.match(faces.view(identities[2]!))?.personId).toBe(person.id);
      await expect(
        service.register({ consent, images: [Uint8Array.of(1), Uint8Array.of(1, 3)] }, "t"),
      ).rejects.toMatchObject({ code: "people/face-count", details: { image: 1, faces: 2 } });
      await expect(
        service.register({ consent, images: [new Uint8Array(0)] }, "t"),
      ).rejects.toMatchObject({ code: "people/face-count" });
      const { service: blind } = await setUp();
      await expect(
        blind.register({ consent, images: [Uint8Array.of(2)] }, "t"),
      ).rejects.toMatchObject({ code: "people/embedder-unavailable" });
    });

    it("refuses bad references and expiries with their own codes", async () => {
      const { service, store } = await setUp();
      const refuse = (input: Parameters<typeof service.register>[0], code: string) =>
        expect(service.register(input, "t")).rejects.toMatchObject({ code });
      await refuse({ consent, embeddings: [[1, 2, 3]] }, "people/invalid-embedding");
      await refuse(
        { consent, embeddings: [[...vectorOf(0).slice(1), NaN]] },
        "people/invalid-embedding",
      );
      await refuse({ consent, embeddings: [Array(D).fill(0)] }, "people/invalid-embedding");
      await refuse({ consent, embeddings: [] }, "people/invalid-references");
      await refuse(
        { consent, embeddings: Array(6).fill(vectorOf(0)) },
        "people/invalid-references",
      );
      await refuse(
        { consent, embeddings: [vectorOf(0)], model: { name: "other", version: "1" } },
        "people/invalid-embedding",
      );
      await refuse(
        { consent, embeddings: [vectorOf(0)], expiresAt: "2029-12-01T00:00:00Z" },
        "people/invalid-expiry",
      );
      await refuse(
        { consent, embeddings: [vectorOf(0)], expiresAt: "2033-01-01T00:00:00Z" },
        "people/invalid-expiry",
      );
      expect((await store.protectedPeople.list()).items).toEqual([]);
    });

    it("stops matching at expiry and purges the expired", async () => {
      const { service, clock, store } = await setUp();
      const person = await service.register(
        { consent, embeddings: [vectorOf(3)], expiresAt: "2030-01-02T00:00:00.000Z" },
        "t",
      );
      expect(service.match(faces.view(identities[3]!))?.personId).toBe(person.id);
      clock.advance(86_400_000);
      expect(service.match(faces.view(identities[3]!))).toBeNull();
      expect(await service.purgeExpired()).toEqual([person.id]);
      expect(await store.protectedPeople.get(person.id)).toBeNull();
      expect(service.index.size).toBe(0);
    });

    it("lets a worker's index follow registrations and deletions made elsewhere", async () => {
      const { store, service } = await setUp();
      const first = await service.register({ consent, embeddings: [vectorOf(0)] }, "t");
      sync = await syncFaceIndex(store, { dimension: D, threshold: 0.7, intervalMs: 60_000 });
      expect(
        sync.index.search(faces.view(identities[0]!), Date.parse("2030-01-01"))?.personId,
      ).toBe(first.id);
      expect(await sync.refresh()).toBe(0);
      const second = await service.register({ consent, embeddings: [vectorOf(4)] }, "t");
      await service.delete(first.id, "t");
      expect(await sync.refresh()).toBe(2);
      const at = Date.parse("2030-01-01");
      expect(sync.index.search(faces.view(identities[4]!), at)?.personId).toBe(second.id);
      expect(sync.index.search(faces.view(identities[0]!), at)).toBeNull();
      expect(sync.index.size).toBe(1);
    });
  });
});
