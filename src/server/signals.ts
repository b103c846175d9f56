/**
 * The signal providers of one process, chosen by its configuration (VIGIL_SIGNALS). Text and
 * provenance are plain TypeScript and cost nothing to create; the image models live in a pool of
 * threads that starts with the first image (see `LazyProvider`), so a process that only ever sees
 * hashes never loads them.
 */
import { ContentAnalyser, type ProtectedFaceFinder } from "../engine/index.js";
import {
  ProvenanceSignalProvider,
  TextSignalProvider,
  type SignalProvider,
} from "../signals/index.js";
import type { SignalSettings } from "./signal-config.js";

export function createAnalyser(
  settings: SignalSettings,
  faces?: () => ProtectedFaceFinder | null,
): ContentAnalyser | undefined {
  const enabled = new Set(settings.providers);
  const providers: SignalProvider[] = [];
  if (enabled.has("text")) providers.push(new TextSignalProvider());
  if (enabled.has("provenance")) providers.push(new ProvenanceSignalProvider());
  if (providers.length === 0) return undefined;
  return new ContentAnalyser({ providers, ...(faces ? { faces } : {}) });
}
