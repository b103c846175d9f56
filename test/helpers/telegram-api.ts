import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Telegram Bot API, over real HTTP, for grammY pointed at it through
 * `apiRoot`: getMe, getUpdates (long polling, offsets confirm), getFile and the file download,
 * deleteMessage, banChatMember, restrictChatMember, sendMessage, answerCallbackQuery, setWebhook.
 * It answers as Telegram does (`{ ok, result }` or `{ ok: false, error_code, description,
 * parameters }`), keeps every call for the test to read, and can be told to fail: a 429 with
 * `retry_after`, a 400 for missing rights, a revoked token (401 on everything).
 */
export interface BotApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export interface BotApiFailure {
  readonly error_code: number;
  readonly description: string;
  readonly retry_after?: number;
}

export interface TgUser {
  readonly id: number;
  readonly is_bot?: boolean;
  readonly first_name: string;
  readonly username?: string;
  readonly language_code?: string;
}

export interface TgChat {
  readonly id: number;
  readonly type: "private" | "group" | "supergroup" | "channel";
  readonly title?: string;
}

export interface StoredFile {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_size: number;
}

export const BOT_USER: TgUser = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Vigil",
  username: "vigil_test_bot",
};

export class StandInBotApi {
  readonly token = "7000000001:AAH-stand-in-token-for-tests_0123456";
  readonly calls: BotApiCall[] = [];
  private server: Server | undefined;
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 100_000;
  private nextMessageId = 5_000;
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private readonly failures = new Map<string, BotApiFailure[]>();
  private waiters: (() => void)[] = [];
  private revoked = false;
  /** Chat types seen in messages built here: basic groups refuse per-member permissions. */
  private readonly chatTypes = new Map<number, string>();
  url = "";

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.route(request, response).catch(() => response.writeHead(500).end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** From now on every call with the token is refused, as after /revoke in BotFather. */
  revoke(): void {
    this.revoked = true;
    this.wake();
  }

  /** The next `times` calls of `method` fail with this answer. */
  failNext(method: string, failure: BotApiFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** A file Telegram holds; `declaredSize` lets a test claim more than it sends. */
  addFile(bytes: Buffer, path: string, declaredSize?: number): StoredFile {
    const id = `AgAC${Buffer.from(path).toString("base64url")}${this.files.size}`;
    this.files.set(id, { path, bytes });
    return {
      file_id: id,
      file_unique_id: `AQAD${this.files.size}`,
      file_size: declaredSize ?? bytes.length,
    };
  }

  /** A message as Telegram sends it, with a fresh message id. */
  message(fields: {
    chat: TgChat;
    from?: TgUser;
    sender_chat?: TgChat;
    text?: string;
    caption?: string;
    photo?: StoredFile[];
    document?: StoredFile & { mime_type: string; file_name?: string };
    reply_to_message?: Record<string, unknown>;
  }): Record<string, unknown> {
    const { photo, document, text, ...rest } = fields;
    this.chatTypes.set(fields.chat.id, fields.chat.type);
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      ...rest,
      ...(text !== undefined ? { text } : {}),
      ...(text?.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }] }
        : {}),
      ...(photo
        ? {
            photo: photo.map((file, i) => ({ ...file, width: 90 * 2 ** i, height: 60 * 2 ** i })),
          }
        : {}),
      ...(document ? { document } : {}),
    };
  }

  /** Queues an update for getUpdates; returns its update_id. */
  push(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    this.wake();
    return update_id;
  }

  pushMessage(message: Record<string, unknown>): number {
    const chat = message.chat as TgChat;
    return this.push(chat.type === "channel" ? { channel_post: message } : { message });
  }

  pushCallback(from: TgUser, message: Record<string, unknown>, data: string): string {
    const id = `${from.id}${this.nextUpdateId}`;
    this.push({
      callback_query: { id, from, message, chat_instance: "-4242", data },
    });
    return id;
  }

  /** Calls of one method so far. */
  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params);
  }

  /** Waits until `predicate` holds over the calls (polling every 20 ms, up to `ms`). */
  async until(predicate: () => boolean, what: string, ms = 20_000): Promise<void> {
    for (let waited = 0; !predicate(); waited += 20) {
      if (waited > ms) throw new Error(`stand-in Bot API: still waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.download(file[1]!, decodeURIComponent(file[2]!), response);
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call) return void response.writeHead(404).end();
    const params = await readParams(request, url);
    const method = call[2]!;
    this.calls.push({ method, params });
    if (call[1] !== this.token || this.revoked) {
      return send(response, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      const { retry_after, ...rest } = failure;
      return send(response, failure.error_code, {
        ok: false,
        ...rest,
        ...(retry_after !== undefined ? { parameters: { retry_after } } : {}),
      });
    }
    const result = await this.answer(method, params);
    if (result === undefined) {
      return send(response, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    if (result instanceof Error) {
      return send(response, 400, { ok: false, error_code: 400, description: result.message });
    }
    send(response, 200, { ok: true, result });
  }

  private async answer(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getMe":
        return BOT_USER;
      case "getUpdates":
        return this.getUpdates(params);
      case "getFile": {
        const found = this.files.get(String(params.file_id));
        if (!found) return new Error("Bad Request: invalid file_id");
        if (found.bytes.length > 20 * 1024 * 1024) return new Error("Bad Request: file is too big");
        return {
          file_id: params.file_id,
          file_unique_id: "AQAD",
          file_size: found.bytes.length,
          file_path: found.path,
        };
      }
      case "sendMessage":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: {
            id: Number(params.chat_id),
            type: Number(params.chat_id) > 0 ? "private" : "supergroup",
          },
          from: BOT_USER,
          text: params.text,
        };
      case "restrictChatMember":
        if (this.chatTypes.get(Number(params.chat_id)) === "group") {
          return new Error("Bad Request: method is available only for supergroups");
        }
        return true;
      case "deleteMessage":
      case "banChatMember":
      case "answerCallbackQuery":
      case "setWebhook":
      case "deleteWebhook":
        return true;
      default:
        return undefined;
    }
  }

  private async getUpdates(params: Record<string, unknown>): Promise<unknown[]> {
    const offset = Number(params.offset ?? 0);
    // Confirming by offset drops what came before, as Telegram does.
    this.updates = this.updates.filter((update) => Number(update.update_id) >= offset);
    if (this.updates.length === 0 && !this.revoked) {
      const seconds = Math.min(Number(params.timeout ?? 0), 5);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.updates.slice(0, 100);
  }

  private download(token: string, path: string, response: ServerResponse): void {
    this.calls.push({ method: "file", params: { path } });
    if (token !== this.token || this.revoked) return void response.writeHead(401).end();
    const found = [...this.files.values()].find((file) => file.path === path);
    if (!found) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "application/octet-stream" }).end(found.bytes);
  }
}

async function readParams(request: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.length === 0) return params;
  if (String(request.headers["content-type"]).includes("json")) {
    return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
