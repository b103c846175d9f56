/**
 * Reads a response body under a byte cap. A declared Content-Length over the cap is refused before
 * reading; a body without one (chunked) is cut off as soon as it passes the cap, so a hostile
 * server cannot make us buffer more than `maxBytes` (plus one chunk).
 */
import type { IncomingMessage } from "node:http";
import { VigilError } from "../../core/index.js";

export async function readBody(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    response.destroy();
    throw new VigilError("fetch/failed", "The server sent a compressed body, which is refused.", {
      encoding: encoding.slice(0, 32),
    });
  }
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks, total);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

function tooLarge(maxBytes: number): VigilError {
  return new VigilError("fetch/too-large", `The body is larger than ${maxBytes} bytes.`, {
    maxBytes,
  });
}
