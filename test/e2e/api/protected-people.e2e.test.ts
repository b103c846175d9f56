import { afterEach, expect, it } from "vitest";
import { clusteredFaces } from "../../helpers/face-data.js";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import {
  DEFAULT_FACE_MODEL,
  FaceIndex,
  ProtectedPeopleService,
  type FaceEmbedder,
} from "../../../src/engine/index.js";
import type { FaceSignal } from "../../../src/signals/index.js";
import type { Store } from "../../../src/store/index.js";

const D = 1024;
const consent = { givenBy: "self", text: "I ask to be protected.", version: "v1" };
const faces = clusteredFaces(D, 21, { scale: 16, noise: 0.3 });
const identities = Array.from({ length: 4 }, () => faces.identity());
const photo = (i: number) => Array.from(faces.view(identities[i]!));

/** Each image's bytes name the identities in it (a face model is another branch's work). */
const embedder: FaceEmbedder = {
  embed: async (bytes) =>
    [...bytes].map((i): FaceSignal => ({
      kind: "face",
      model: DEFAULT_FACE_MODEL,
      mediaIndex: 0,
      box: { x: 0, y: 0, width: 1, height: 1 },
      confidence: 1,
      embedding: faces.view(identities[i]!),
    })),
};

function serviceOver(store: Store, withEmbedder: boolean): ProtectedPeopleService {
  return new ProtectedPeopleService(store, new FaceIndex({ dimension: D, threshold: 0.7 }), {
    model: DEFAULT_FACE_MODEL,
    dimension: D,
    ...(withEmbedder ? { embedder } : {}),
  });
}

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  it("registers, lists, reads and deletes a protected person; she stops matching at once", async () => {
    const store = await backend.open();
    const service = serviceOver(store, false);
    server = await testServer(store, {}, { protectedPeople: service });
    const staff = await server.key(["people"]);
    const created = await server.call("POST", "/v1/protected-people", {
      token: staff,
      json: { consent, label: "case 9", embeddings: [photo(0), photo(0).map((x) => x * 5)] },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person).toMatchObject({
      label: "case 9",
      embeddingCount: 2,
      consent: { givenBy: "self" },
    });
    expect(JSON.stringify(person)).not.toMatch(/vector|embeddings"/);
    expect(service.match(faces.view(identities[0]!))?.personId).toBe(person.id);

    const list = (await server.call("GET", "/v1/protected-people", { token: staff })).json();
    expect(list).toEqual({ people: [person], next: null });
    expect(
      (await server.call("GET", `/v1/protected-people/${person.id}`, { token: staff })).json(),
    ).toEqual(person);

    const deleted = await server.call("DELETE", `/v1/protected-people/${person.id}`, {
      token: staff,
    });
    expect(deleted.statusCode).toBe(204);
    expect(service.match(faces.view(identities[0]!))).toBeNull();
    const again = await server.call("GET", `/v1/protected-people/${person.id}`, { token: staff });
    expect(again.json().error.code).toBe("store/not-found");
  });

  it("embeds reference images and discards them; 503 without a face model", async () => {
    const store = await backend.open();
    server = await testServer(store, {}, { protectedPeople: serviceOver(store, true) });
    const image = (...ids: number[]) => Buffer.from(ids).toString("base64");
    const ok = await server.call("POST", "/v1/protected-people", {
      json: { consent, images: [image(1), image(1)] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().embeddingCount).toBe(2);
    const two = await server.call("POST", "/v1/protected-people", {
      json: { consent, images: [image(1, 2)] },
    });
    expect(two.statusCode).toBe(422);
    expect(two.json().error.code).toBe("people/face-count");
    await server.app.close();

    server = await testServer(store);
    const blind = await server.call("POST", "/v1/protected-people", {
      json: { consent, images: [image(1)] },
    });
    expect(blind.statusCode).toBe(503);
    expect(blind.json().error.code).toBe("people/embedder-unavailable");
  });

  it("refuses bad input with clear codes, and keys without the people scope", async () => {
    server = await testServer(await backend.open());
    const post = async (json: unknown) => {
      const response = await server!.call("POST", "/v1/protected-people", { json });
      return [response.statusCode, response.json().error?.code];
    };
    expect(await post({ consent, embeddings: [[1, 2, 3]] })).toEqual([
      400,
      "people/invalid-embedding",
    ]);
    expect(await post({ consent, embeddings: [[...photo(0).slice(1), null]] })).toEqual([
      400,
      "people/invalid-embedding",
    ]);
    expect(await post({ consent, embeddings: [] })).toEqual([400, "people/invalid-references"]);
    expect(await post({ consent })).toEqual([400, "people/invalid-references"]);
    expect(await post({ consent, embeddings: Array(6).fill(photo(0)) })).toEqual([
      400,
      "people/invalid-references",
    ]);
    expect(
      await post({ consent, embeddings: [photo(0)], expiresAt: "2001-01-01T00:00:00Z" }),
    ).toEqual([400, "people/invalid-expiry"]);
    expect(await post({ embeddings: [photo(0)] })).toEqual([400, "request/invalid"]);
    expect(await post({ consent, embeddings: [photo(0)], images: ["@@"] })).toEqual([
      400,
      "request/invalid",
    ]);
    const scanner = await server.key(["scan"]);
    const forbidden = await server.call("GET", "/v1/protected-people", { token: scanner });
    expect(forbidden.statusCode).toBe(403);
    const list = await server.call("GET", "/v1/protected-people");
    expect(list.json()).toEqual({ people: [], next: null });
  });
});
