/**
 * The checks a video input passes before any process is started: it exists, is not empty, is
 * within the byte limit, is not an image sent the wrong way, and (for bytes) can be streamed.
 */
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { VigilError } from "../../core/index.js";
import { sniffImageFormat } from "../image/sniff.js";
import { unstreamableError } from "./video-errors.js";
import { mp4IndexFollowsData, sniffVideoFormat, VIDEO_SNIFF_BYTES } from "./video-sniff.js";
import type { VideoContainer } from "./video-sniff.js";

/** A video as a path (seekable, read by ffmpeg itself) or as bytes (fed to ffmpeg's stdin). */
export type VideoInput = { readonly path: string } | { readonly bytes: Uint8Array };

export type CheckedInput =
  | { readonly kind: "path"; readonly path: string; readonly container?: VideoContainer }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array; readonly container?: VideoContainer };

export async function checkVideoInput(input: VideoInput, maxBytes: number): Promise<CheckedInput> {
  if ("bytes" in input) {
    const { bytes } = input;
    checkSize(bytes.length, maxBytes);
    const head = bytes.subarray(0, VIDEO_SNIFF_BYTES);
    const container = checkHead(head);
    if ((container === "mp4" || container === "mov") && mp4IndexFollowsData(bytes)) {
      throw unstreamableError("This MP4/MOV file keeps its index after the video data");
    }
    // ffmpeg's GIF demuxer seeks while reading its header.
    if (sniffImageFormat(head) === "gif") throw unstreamableError("A GIF is read by seeking");
    return container ? { kind: "bytes", bytes, container } : { kind: "bytes", bytes };
  }
  // An absolute path behind ffmpeg's `file:` protocol can never be taken for a URL or an option.
  const path = resolve(input.path);
  const size = await fileSize(path);
  checkSize(size, maxBytes);
  const container = checkHead(await readHead(path));
  return container ? { kind: "path", path, container } : { kind: "path", path };
}

function checkSize(size: number, maxBytes: number): void {
  if (size === 0) throw new VigilError("media/empty", "The file is empty (0 bytes).");
  if (size > maxBytes) {
    throw new VigilError(
      "media/too-large",
      `The file is ${size} bytes; the limit is ${maxBytes}.`,
      {
        bytes: size,
        maxBytes,
      },
    );
  }
}

/** GIF stays allowed: animated GIFs are videos in all but name, and ffmpeg reads them. */
function checkHead(head: Uint8Array): VideoContainer | undefined {
  const image = sniffImageFormat(head);
  if (image !== undefined && image !== "gif") {
    throw new VigilError(
      "media/unsupported-format",
      `The file is a ${image.toUpperCase()} image, not a video; hash it as an image.`,
      { format: image },
    );
  }
  return sniffVideoFormat(head);
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isFile()) return info.size;
  } catch (error) {
    throw unreadable(error);
  }
  throw unreadable(new Error("not a regular file"));
}

async function readHead(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, "r");
    try {
      const head = new Uint8Array(VIDEO_SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(error);
  }
}

function unreadable(cause: unknown): VigilError {
  const code = (cause as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "it does not exist"
      : code === "EACCES"
        ? "permission denied"
        : "it is not a readable file";
  return new VigilError(
    "media/unreadable",
    `The video file cannot be read: ${why}.`,
    { code },
    { cause },
  );
}
