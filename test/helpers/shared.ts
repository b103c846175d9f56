import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/**
 * The read-only test data beside the repository (`../shared`). A user's clone has none, so the
 * suites that need it skip with a message; under CI=true its absence is a failure, because CI
 * must prove what those suites check.
 */
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const SHARED_DIR = join(repoRoot, "..", "shared");
export const PDQ_VECTORS_DIR = join(SHARED_DIR, "pdq-vectors");

let checked: boolean | undefined;

/**
 * Use as `describe.skipIf(!sharedDataAvailable())`. A skipped describe's body still runs to
 * collect its tests, so read the data inside hooks or tests, or behind this same check.
 */
export function sharedDataAvailable(): boolean {
  checked ??= checkSharedData();
  return checked;
}

function checkSharedData(): boolean {
  if (existsSync(PDQ_VECTORS_DIR)) return true;
  if (process.env.CI === "true") {
    throw new Error(`CI=true but the shared test data is missing at ${PDQ_VECTORS_DIR}`);
  }
  console.warn(`Skipping tests over ../shared/pdq-vectors: not found at ${PDQ_VECTORS_DIR}`);
  return false;
}

export function pdqVectorPath(relativePath: string): string {
  return join(PDQ_VECTORS_DIR, relativePath);
}
