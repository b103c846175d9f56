/**
 * Every error Vigil raises on purpose is a VigilError with a stable `code`. Callers branch on the
 * code, the server maps it to an HTTP status in one place, and the message is safe to show to the
 * person who sent the input (it never holds stack traces, paths outside the input, or pixels).
 */
export type ErrorCode =
  | "hash/invalid-hex"
  | "hash/invalid-hash"
  | "hash/invalid-pixels"
  | "hash/invalid-index"
  | "hash/invalid-argument"
  | "hash/invalid-vpdq"
  | "media/empty"
  | "media/too-large"
  | "media/too-many-pixels"
  | "media/unsupported-format"
  | "media/corrupt"
  | "media/timeout"
  | "media/unreadable"
  | "media/too-long"
  | "media/too-many-frames"
  | "media/unstreamable"
  | "media/ffmpeg-missing"
  | "fetch/invalid-url"
  | "fetch/forbidden-address"
  | "fetch/too-many-redirects"
  | "fetch/too-large"
  | "fetch/timeout"
  | "fetch/http-status"
  | "fetch/failed"
  | "engine/invalid-bank"
  | "engine/invalid-entry"
  | "engine/invalid-query"
  | "exchange/invalid-entry"
  | "policy/invalid-rule"
  | "store/invalid"
  | "store/not-found"
  | "store/conflict"
  | "store/unavailable"
  | "store/invalid-url"
  | "store/schema-too-new"
  | "queue/invalid"
  | "queue/payload-too-large"
  | "queue/not-found"
  | "queue/unavailable"
  | "queue/invalid-url"
  | "review/invalid"
  | "people/invalid-embedding"
  | "people/invalid-references"
  | "people/invalid-expiry"
  | "people/face-count"
  | "people/embedder-unavailable"
  | "review/case-open"
  | "review/appeal-open"
  | "compliance/invalid-notice"
  | "compliance/invalid-rules"
  | "compliance/invalid-statement"
  | "compliance/invalid-settings"
  | "compliance/evidence-invalid"
  | "signals/unavailable"
  | "cli/usage"
  | "auth/missing-key"
  | "auth/invalid-key"
  | "auth/forbidden"
  | "auth/bad-credentials"
  | "auth/csrf"
  | "victim/bad-pin"
  | "victim/locked"
  | "request/invalid"
  | "request/invalid-json"
  | "request/too-large"
  | "request/unsupported-media-type"
  | "request/not-found"
  | "request/rate-limited"
  | "internal";

const statusByCode: Readonly<Record<ErrorCode, number>> = {
  "hash/invalid-hex": 400,
  "hash/invalid-hash": 400,
  "hash/invalid-pixels": 400,
  "hash/invalid-index": 422,
  "hash/invalid-argument": 400,
  "hash/invalid-vpdq": 400,
  "media/empty": 400,
  "media/too-large": 413,
  "media/too-many-pixels": 413,
  "media/unsupported-format": 415,
  "media/corrupt": 422,
  "media/timeout": 422,
  "media/unreadable": 400,
  "media/too-long": 413,
  "media/too-many-frames": 413,
  // An MP4 whose index (moov) follows its media data cannot be read from a stream; resend as a file.
  "media/unstreamable": 422,
  // The server is missing ffmpeg/ffprobe: the operator's problem, not the sender's.
  "media/ffmpeg-missing": 503,
  // Scan by URL: the URL is the sender's input; what the remote server does is upstream trouble.
  "fetch/invalid-url": 400,
  "fetch/forbidden-address": 403,
  "fetch/too-many-redirects": 502,
  "fetch/too-large": 413,
  "fetch/timeout": 504,
  "fetch/http-status": 502,
  "fetch/failed": 502,
  "engine/invalid-bank": 400,
  // A bank entry the matcher cannot index (bad hash, unknown bank): stored data, not a request.
  "engine/invalid-entry": 422,
  "engine/invalid-query": 400,
  "exchange/invalid-entry": 422,
  // A rule set refused at load; details.path names the bad field.
  "policy/invalid-rule": 400,
  "store/invalid": 400,
  "store/not-found": 404,
  "store/conflict": 409,
  // The database is down, locked or busy: worth retrying, and not the sender's fault.
  "store/unavailable": 503,
  // Configuration and deployment mistakes stop start-up; a client never causes them.
  "store/invalid-url": 500,
  "store/schema-too-new": 500,
  // Jobs carry ids and hashes only; a big payload is a caller's bug (content bytes), refused.
  "queue/invalid": 400,
  "queue/payload-too-large": 413,
  "queue/not-found": 404,
  "queue/unavailable": 503,
  "queue/invalid-url": 500,
  // The review queue: a bad decision or reason; an appeal of a case still under review; a
  // decision on a case whose appeal must be decided instead.
  "review/invalid": 400,
  // Protected people: a reference embedding of the wrong size or not finite; none or too many
  // references; an expiry in the past or beyond the maximum; a reference image without exactly
  // one face; a process with no face model to embed images (send embeddings, or ask an operator).
  "people/invalid-embedding": 400,
  "people/invalid-references": 400,
  "people/invalid-expiry": 400,
  "people/face-count": 422,
  "people/embedder-unavailable": 503,
  "review/case-open": 409,
  "review/appeal-open": 409,
  // Compliance: a removal notice that cannot be read (one missing its legal elements is accepted
  // as incomplete, not refused); a deadline-rules or settings file that is wrong stops start-up;
  // a statement of reasons that would break the Transparency Database's rules is our bug, never
  // sent; an evidence archive that fails its signature or chain check is refused as it stands.
  "compliance/invalid-notice": 400,
  "compliance/invalid-rules": 500,
  "compliance/invalid-statement": 500,
  "compliance/invalid-settings": 500,
  "compliance/evidence-invalid": 422,
  // The image models could not load, or their pool is closed: the operator's problem.
  "signals/unavailable": 503,
  "cli/usage": 400,
  "auth/missing-key": 401,
  "auth/invalid-key": 401,
  "auth/forbidden": 403,
  // Console sign-in: one answer for a wrong name and a wrong password.
  "auth/bad-credentials": 401,
  // A cookie-authenticated unsafe request without the session's CSRF token.
  "auth/csrf": 403,
  // The victim portal: a wrong case number or PIN (one answer); too many wrong PINs for a case.
  "victim/bad-pin": 401,
  "victim/locked": 429,
  "request/invalid": 400,
  "request/invalid-json": 400,
  "request/too-large": 413,
  "request/unsupported-media-type": 415,
  "request/not-found": 404,
  "request/rate-limited": 429,
  internal: 500,
};

export class VigilError extends Error {
  override readonly name = "VigilError";
  readonly code: ErrorCode;
  readonly status: number;
  /** Structured context for logs (limits, sizes); never content bytes. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.status = statusByCode[code];
    this.details = Object.freeze({ ...details });
  }
}

export function isVigilError(value: unknown): value is VigilError {
  return value instanceof VigilError;
}
