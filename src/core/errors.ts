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
  | "cli/usage";

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
  "cli/usage": 400,
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
