/**
 * What hashing one video may cost. Each limit is checked as early as it can be (size before any
 * process starts, declared duration and frame size from ffprobe before decoding) and again while
 * frames stream in, since a container can lie about its duration. Past a limit the work stops
 * with its own `media/*` code; nothing is silently cut short.
 */
export interface VideoLimits {
  /** Largest accepted file, in bytes. */
  readonly maxBytes: number;
  /** Longest accepted video, in seconds (declared, and as decoded). */
  readonly maxDurationSeconds: number;
  /** Most frames hashed (at the sampling rate) before the video is refused. */
  readonly maxFrames: number;
  /** Largest width × height of a decoded frame; ffmpeg's decoder enforces it too. */
  readonly maxFramePixels: number;
  /** Wall-clock budget for probing, decoding, hashing and digesting together. */
  readonly timeoutSeconds: number;
}

/**
 * 500 MB and 30 minutes cover what messengers let people send; 3,600 frames is one an hour at
 * 1 frame/s, twice what the duration limit allows, so it only bites at higher sampling rates or
 * on timestamp tricks. 8K frames are the largest we decode. Ten minutes of wall clock: ffmpeg
 * decodes 1080p H.264 at about 10× real time on 2 cores (bench/vpdq.bench.ts), so 30 minutes of
 * 1080p takes about 3; 30 minutes of 4K may need a larger budget.
 */
export const DEFAULT_VIDEO_LIMITS: VideoLimits = Object.freeze({
  maxBytes: 500 * 1024 * 1024,
  maxDurationSeconds: 30 * 60,
  maxFrames: 3_600,
  maxFramePixels: 7680 * 4320,
  timeoutSeconds: 600,
});

export function resolveVideoLimits(overrides: Partial<VideoLimits> = {}): VideoLimits {
  const limits = { ...DEFAULT_VIDEO_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`video limit ${name} must be a positive number, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
