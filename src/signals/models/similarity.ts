/**
 * Comparing face embeddings. Both sides are unit length (FaceSignal's contract), so cosine
 * similarity is a plain dot product.
 */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new RangeError(`embeddings differ in length: ${a.length} and ${b.length}`);
  }
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/**
 * Cosine similarity of FaceRes embeddings at or above which two faces are taken for the same
 * person. Chosen from the face evaluation in docs/signals/faces.md (`npx tsx tools/face-eval.ts`).
 */
export const PROTECTED_FACE_THRESHOLD = 0.62;
