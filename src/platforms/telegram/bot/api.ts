/**
 * The Bot API client: grammY's `Api` with our flood-control transformer, and the file download
 * that grammY leaves to the caller. The download URL holds the bot's token, so it is built here,
 * used once and never returned, logged or stored.
 */
import { Api } from "grammy";
import { VigilError } from "../../../core/index.js";
import { retryAfter, type RetryAfterOptions } from "./retry-after.js";

/** The Bot API serves files up to 20 MB to bots; larger ones cannot be fetched at all. */
export const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export const DEFAULT_API_ROOT = "https://api.telegram.org";

export interface TelegramApiOptions {
  readonly token: string;
  /** Default https://api.telegram.org; tests point it at a local stand-in. */
  readonly apiRoot?: string;
  readonly retry?: RetryAfterOptions;
  /** Per call; the long poll adds its own timeout on top (default 30 s). */
  readonly timeoutSeconds?: number;
}

export interface TelegramApi {
  readonly api: Api;
  /** The bytes of a file Telegram named by `file_path`, refused past `maxBytes`. */
  download(filePath: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array>;
}

export function createTelegramApi(options: TelegramApiOptions): TelegramApi {
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
  const api = new Api(options.token, {
    apiRoot,
    timeoutSeconds: options.timeoutSeconds ?? 30,
  });
  api.config.use(retryAfter(options.retry));
  return {
    api,
    download: (filePath, maxBytes, signal) =>
      downloadFile(`${apiRoot}/file/bot${options.token}/${encodePath(filePath)}`, maxBytes, signal),
  };
}

function encodePath(filePath: string): string {
  return filePath.split("/").map(encodeURIComponent).join("/");
}

async function downloadFile(
  url: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch {
    // The error's message may quote the URL, and so the token: say only what happened.
    throw new VigilError("fetch/failed", "The Telegram file could not be fetched.");
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new VigilError(
      "fetch/http-status",
      `The Telegram file server answered ${response.status}.`,
      { status: response.status },
    );
  }
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): VigilError {
  return new VigilError("fetch/too-large", `The file is larger than ${maxBytes} bytes.`, {
    maxBytes,
  });
}
