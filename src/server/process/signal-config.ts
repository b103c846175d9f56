/**
 * Which AI signal providers a process runs, and how: read from the environment with the rest of
 * the configuration. The models are heavy (a thread each, about 100 MB, a second or two to load),
 * so they start on the first image, not with the process.
 */
import { availableParallelism } from "node:os";

export const SIGNAL_PROVIDERS = ["nudity", "faces", "text", "provenance"] as const;
export type SignalProviderName = (typeof SIGNAL_PROVIDERS)[number];

export const NUDITY_MODELS = ["MobileNetV2", "InceptionV3"] as const;
export type NudityModelName = (typeof NUDITY_MODELS)[number];

export interface SignalSettings {
  /** VIGIL_SIGNALS: `all` (default), `none`, or a comma-separated list of providers. */
  readonly providers: readonly SignalProviderName[];
  /** VIGIL_SIGNAL_THREADS: model threads (default one per core). */
  readonly threads: number;
  /** VIGIL_NUDITY_MODEL: nsfwjs's bundled MobileNetV2 (default) or InceptionV3. */
  readonly nudityModel: NudityModelName;
  /** VIGIL_FACE_GATE: faces are looked for only where porn + hentai + sexy reaches this (0..1). */
  readonly faceGate: number;
  /** VIGIL_FACE_THRESHOLD: similarity from which a face is a protected person's (default: measured). */
  readonly faceThreshold: number | null;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readSignalSettings(env: Env, fail: (message: string) => never): SignalSettings {
  return Object.freeze({
    providers: providers(env.VIGIL_SIGNALS, fail),
    threads: bounded(env, "VIGIL_SIGNAL_THREADS", availableParallelism(), 1, 64, true, fail),
    nudityModel: nudityModel(env.VIGIL_NUDITY_MODEL, fail),
    faceGate: bounded(env, "VIGIL_FACE_GATE", 0.5, 0, 1, false, fail),
    faceThreshold:
      env.VIGIL_FACE_THRESHOLD === undefined || env.VIGIL_FACE_THRESHOLD === ""
        ? null
        : bounded(env, "VIGIL_FACE_THRESHOLD", 0, -1, 1, false, fail),
  });
}

function providers(raw: string | undefined, fail: (message: string) => never) {
  if (raw === undefined || raw === "" || raw === "all") return Object.freeze([...SIGNAL_PROVIDERS]);
  if (raw === "none") return Object.freeze([]);
  const names = raw.split(",").map((name) => name.trim());
  for (const name of names) {
    if (!(SIGNAL_PROVIDERS as readonly string[]).includes(name)) {
      fail(
        `VIGIL_SIGNALS must be all, none or a list of ${SIGNAL_PROVIDERS.join(", ")}; got "${name}"`,
      );
    }
  }
  return Object.freeze([...new Set(names)] as SignalProviderName[]);
}

function nudityModel(raw: string | undefined, fail: (message: string) => never): NudityModelName {
  if (raw === undefined || raw === "") return "MobileNetV2";
  if ((NUDITY_MODELS as readonly string[]).includes(raw)) return raw as NudityModelName;
  return fail(`VIGIL_NUDITY_MODEL must be one of ${NUDITY_MODELS.join(", ")}, got "${raw}"`);
}

function bounded(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  integer: boolean,
  fail: (message: string) => never,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(
      `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}
