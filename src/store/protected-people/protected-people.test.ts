import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
  type TestDatabase,
} from "../../../test/helpers/store-backends.js";
import type { IndexableFaceEmbedding, NewProtectedPerson } from "./protected-people-types.js";
import type { Store } from "../store.js";

const MODEL = { name: "human/faceres", version: "3.3.6" };
const DAY = 86_400_000;

function vector(seed: number, dimension = 8): Float32Array {
  return Float32Array.from({ length: dimension }, (_, i) => Math.sin(seed * 31 + i));
}

const person = (overrides: Partial<NewProtectedPerson> = {}): NewProtectedPerson => ({
  label: "case 2030-17",
  consent: { givenBy: "self", text: "I ask Vigil to watch for my face.", version: "v1" },
  apiKeyId: "key-1",
  expiresAt: "2030-07-01T00:00:00.000Z",
  embeddings: [{ model: MODEL, vector: vector(1) }],
  ...overrides,
});

async function active(store: Store): Promise<IndexableFaceEmbedding[]> {
  const all: IndexableFaceEmbedding[] = [];
  for await (const page of store.protectedPeople.iterateActive({ pageSize: 2 })) all.push(...page);
  return all;
}

forEachBackend((backend) => {
  describe("#protectedPeople", () => {
    let store: Store;
    let clock: ManualClock;
    let database: TestDatabase;
    beforeEach(async () => {
      clock = manualClock();
      database = backend.database();
      store = await database.open({ clock: clock.now });
    });

    it("registers a person with her consent and reference embeddings", async () => {
      const embeddings = [
        { model: MODEL, vector: vector(1) },
        { model: MODEL, vector: vector(2) },
      ];
      const created = await store.protectedPeople.create(person({ embeddings }));
      expect(created.person).toEqual({
        id: expect.any(String),
        label: "case 2030-17",
        consent: {
          givenBy: "self",
          text: "I ask Vigil to watch for my face.",
          version: "v1",
          at: "2030-01-01T00:00:00.000Z",
        },
        apiKeyId: "key-1",
        createdAt: "2030-01-01T00:00:00.000Z",
        expiresAt: "2030-07-01T00:00:00.000Z",
        embeddingCount: 2,
      });
      expect(created.embeddings.map((e) => e.personId)).toEqual([
        created.person.id,
        created.person.id,
      ]);
      expect(await store.protectedPeople.get(created.person.id)).toEqual(created.person);
      expect(await store.protectedPeople.get("missing")).toBeNull();
      const loaded = await active(store);
      expect(loaded.map((e) => e.id)).toEqual(created.embeddings.map((e) => e.id));
      expect(loaded[0]!.vector).toEqual(vector(1));
      expect(loaded[1]!.vector).toEqual(vector(2));
      expect(loaded[0]!.model).toEqual(MODEL);
      const other = await store.protectedPeople.create(person());
      const hers: IndexableFaceEmbedding[] = [];
      for await (const page of store.protectedPeople.iterateActive({ personId: other.person.id })) {
        hers.push(...page);
      }
      expect(hers.map((e) => e.id)).toEqual(other.embeddings.map((e) => e.id));
    });

    it("keeps a vector's Float32 bits exactly, including negatives and tiny values", async () => {
      const exact = Float32Array.of(-0.5, 1e-38, 3.4e38, -1.1754944e-38, 0.1, -0);
      await store.protectedPeople.create(person({ embeddings: [{ model: MODEL, vector: exact }] }));
      const [loaded] = await active(store);
      expect(new Uint8Array(loaded!.vector.buffer)).toEqual(new Uint8Array(exact.buffer));
    });

    it("lists people a page at a time, without vectors", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await store.protectedPeople.create(person())).person.id);
      const first = await store.protectedPeople.list({ limit: 2 });
      expect(first.items.map((p) => p.id)).toEqual(ids.slice(0, 2));
      const rest = await store.protectedPeople.list({ after: first.next!, limit: 10 });
      expect(rest.items.map((p) => p.id)).toEqual(ids.slice(2));
      expect(rest.next).toBeNull();
      expect(JSON.stringify(first)).not.toContain("vector");
    });

    it("refuses empty, oversized, non-finite and past-expiry registrations", async () => {
      const refuse = (input: NewProtectedPerson) =>
        expect(store.protectedPeople.create(input)).rejects.toMatchObject({
          code: "store/invalid",
        });
      await refuse(person({ embeddings: [] }));
      await refuse(person({ embeddings: Array(11).fill({ model: MODEL, vector: vector(1) }) }));
      await refuse(person({ embeddings: [{ model: MODEL, vector: Float32Array.of(1, NaN) }] }));
      await refuse(person({ embeddings: [{ model: MODEL, vector: new Float32Array(0) }] }));
      await refuse(person({ expiresAt: "2029-12-31T23:59:59.000Z" }));
      await refuse(person({ expiresAt: "next year" }));
      await refuse(
        person({ consent: { givenBy: "friend" as "self", text: "yes", version: "v1" } }),
      );
      expect((await store.protectedPeople.list()).items).toEqual([]);
    });

    it("deletes a person and every embedding of hers, leaving nothing in the tables", async () => {
      const kept = await store.protectedPeople.create(person({ label: "kept" }));
      const gone = await store.protectedPeople.create(
        person({
          label: "gone",
          embeddings: [
            { model: MODEL, vector: vector(7) },
            { model: MODEL, vector: vector(8) },
          ],
        }),
      );
      expect(await store.protectedPeople.delete(gone.person.id)).toEqual({ deletedEmbeddings: 2 });
      expect(await store.protectedPeople.get(gone.person.id)).toBeNull();
      expect((await active(store)).map((e) => e.personId)).toEqual([kept.person.id]);
      await expect(store.protectedPeople.delete(gone.person.id)).rejects.toMatchObject({
        code: "store/not-found",
      });
      if (!backend.persistent) return;
      // Read the tables behind the store's back: a CHECK makes any row left of her an error.
      const leftOf = (id: string) =>
        database.raw(
          `CREATE TABLE probe_${id.replace(/-/g, "")} (n integer CHECK (n = 0));
           INSERT INTO probe_${id.replace(/-/g, "")} SELECT
             (SELECT COUNT(*) FROM protected_people WHERE id = '${id}') +
             (SELECT COUNT(*) FROM face_embeddings WHERE person_id = '${id}')`,
        );
      await leftOf(gone.person.id);
      // The probe can fail: it does for the person still registered.
      await expect(leftOf(kept.person.id)).rejects.toThrow();
    });

    it("leaves expired people out of the index and purges them", async () => {
      const soon = await store.protectedPeople.create(
        person({ expiresAt: new Date(clock.now().getTime() + DAY).toISOString() }),
      );
      const later = await store.protectedPeople.create(person());
      clock.advance(DAY);
      expect((await active(store)).map((e) => e.personId)).toEqual([later.person.id]);
      expect(await store.protectedPeople.purgeExpired()).toEqual([soon.person.id]);
      expect(await store.protectedPeople.get(soon.person.id)).toBeNull();
      expect(await store.protectedPeople.get(later.person.id)).not.toBeNull();
      expect(await store.protectedPeople.purgeExpired()).toEqual([]);
    });
  });
});
