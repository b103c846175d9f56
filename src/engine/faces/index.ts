/**
 * engine/faces — protected people: a person's reference embeddings (given with consent and an
 * expiry, deletable at any time) in an exact, pruned FaceIndex; ProtectedPeopleService changes
 * them through the store, the index and the audit log; a worker's index follows those changes
 * (syncFaceIndex). FaceEmbedder is the port through which reference photos become embeddings.
 *
 * It must never keep an image (reference photos are embedded and dropped), never decide a
 * verdict (a protected face is a fact for the policy), and never run a model itself.
 */
export { FaceIndex, similarity, type FaceIndexEntry } from "./face-index.js";
export { syncFaceIndex, type FaceIndexSync } from "./face-index-sync.js";
export {
  DEFAULT_FACE_MODEL,
  DEFAULT_FACE_THRESHOLD,
  FACE_DIMENSION,
  ProtectedPeopleService,
  faceIndexSettings,
  loadFaceIndex,
  openProtectedPeople,
} from "./protected-people.js";
export type { FaceEmbedder } from "./protected-people-types.js";
