/**
 * A stand-in for the slice of GramJS's TelegramClient the monitor's adapter calls (GramJsSlice):
 * public channels and their messages held in memory as real TL objects (Api.Channel,
 * Api.Message with Api.Photo / Api.Document media), answering contacts.resolveUsername,
 * messages.getHistory (offset_id / min_id / limit as Telegram applies them), channels.getMessages,
 * messages.report (the option flow, with a tree shaped like Telegram's), account.reportPeer and
 * downloadMedia (in chunks, with the progress callback), checking access hashes as Telegram
 * does. It can be told to fail a call (FLOOD_WAIT_n, CHANNEL_PRIVATE…) and pushes updates to the
 * handlers registered for them. Nothing here opens a socket.
 */
import { Api, errors, helpers } from "telegram";
import type { DownloadMediaInterface } from "telegram/client/downloads.js";
import type { EventBuilder } from "telegram/events/common.js";
import type { GramJsSlice } from "../../src/platforms/telegram/monitor/gramjs/adapter.js";

export interface FakeChannel {
  readonly id: number;
  readonly username: string;
  readonly title?: string;
  readonly megagroup?: boolean;
}

export interface FakePost {
  readonly id?: number;
  readonly text?: string;
  /** Unix seconds; default: one minute after the previous post. */
  readonly date?: number;
  readonly photo?: Uint8Array;
  readonly video?: Uint8Array;
  readonly document?: { readonly bytes: Uint8Array; readonly mimeType: string };
  /** A size Telegram declares that differs from the bytes (a lying or stale size). */
  readonly declaredSize?: number;
  readonly fromUserId?: number;
}

export interface FiledReport {
  readonly channelId: string;
  readonly ids: readonly number[];
  readonly path: readonly string[];
  readonly comment: string;
}

export interface PeerReport {
  readonly channelId: string;
  readonly reason: string;
  readonly message: string;
}

interface ReportNode {
  readonly text: string;
  readonly children?: readonly ReportNode[];
}

const LEAF = (text: string): ReportNode => ({ text });

/** Shaped like the options Telegram offers for a message (2024–2025 clients, English). */
export const TELEGRAM_REPORT_TREE: readonly ReportNode[] = [
  LEAF("I don't like it"),
  LEAF("Child abuse"),
  LEAF("Violence"),
  LEAF("Illegal goods"),
  {
    text: "Illegal adult content",
    children: [
      LEAF("Child abuse"),
      LEAF("Illegal sexual services"),
      LEAF("Animal abuse"),
      LEAF("Non-consensual sexual imagery"),
      LEAF("Pornography"),
      LEAF("Other"),
    ],
  },
  {
    text: "Personal data",
    children: [LEAF("Identity theft"), LEAF("Leaked phone number"), LEAF("Leaked address")],
  },
  LEAF("Scam or spam"),
  LEAF("Copyright"),
  LEAF("Other"),
];

const ACCESS_HASH_SALT = 7_919n;

export class FakeTelegram implements GramJsSlice {
  /** Every request's class name, in order. */
  readonly calls: string[] = [];
  readonly reports: FiledReport[] = [];
  readonly peerReports: PeerReport[] = [];
  /** Bytes handed out by downloadMedia, for checks that a limit stopped a download early. */
  downloadedBytes = 0;
  reportTree: readonly ReportNode[] = TELEGRAM_REPORT_TREE;
  private readonly channels = new Map<string, Api.Channel>();
  private readonly history = new Map<string, Api.TypeMessage[]>();
  private readonly files = new Map<string, Uint8Array>();
  private readonly failures = new Map<string, Error[]>();
  private readonly handlers: Array<(update: Api.TypeUpdate) => void> = [];
  private lastDate = 1_767_225_600; // 2026-01-01T00:00:00Z
  private nextFileId = 1;

  addChannel(spec: FakeChannel): Api.Channel {
    const channel = new Api.Channel({
      id: helpers.returnBigInt(spec.id),
      accessHash: helpers.returnBigInt(accessHashOf(spec.id)),
      title: spec.title ?? spec.username,
      username: spec.username,
      photo: new Api.ChatPhotoEmpty(),
      date: this.lastDate,
      broadcast: !spec.megagroup,
      megagroup: spec.megagroup ?? false,
    });
    this.channels.set(spec.username.toLowerCase(), channel);
    this.history.set(String(spec.id), []);
    return channel;
  }

  /** Adds a message to the channel's history (not pushed; see `push`). */
  post(channelId: number, spec: FakePost = {}): Api.Message {
    const list = this.history.get(String(channelId));
    if (!list) throw new Error(`no channel ${channelId}`);
    const id = spec.id ?? (list.length === 0 ? 1 : Math.max(...list.map((m) => m.id)) + 1);
    this.lastDate = spec.date ?? this.lastDate + 60;
    const channel = [...this.channels.values()].find((c) => c.id.equals(channelId))!;
    const message = new Api.Message({
      id,
      peerId: new Api.PeerChannel({ channelId: helpers.returnBigInt(channelId) }),
      date: this.lastDate,
      message: spec.text ?? "",
      post: !channel.megagroup,
      ...(spec.fromUserId !== undefined
        ? { fromId: new Api.PeerUser({ userId: helpers.returnBigInt(spec.fromUserId) }) }
        : {}),
      ...this.media(channelId, id, spec),
    });
    list.push(message);
    return message;
  }

  /** A service message (a pin, a join), which the monitor must skip. */
  service(channelId: number, id: number): void {
    this.history.get(String(channelId))!.push(
      new Api.MessageService({
        id,
        peerId: new Api.PeerChannel({ channelId: helpers.returnBigInt(channelId) }),
        date: this.lastDate,
        action: new Api.MessageActionPinMessage(),
      }),
    );
  }

  /** Deletes a message, as its channel's admins would. */
  remove(channelId: number, messageId: number): void {
    const list = this.history.get(String(channelId))!;
    this.history.set(
      String(channelId),
      list.filter((m) => m.id !== messageId),
    );
  }

  /** Telegram pushing an update, as it does for chats the account has joined. */
  push(message: Api.Message, edited = false): void {
    const update = edited
      ? new Api.UpdateEditChannelMessage({ message, pts: 1, ptsCount: 1 })
      : new Api.UpdateNewChannelMessage({ message, pts: 1, ptsCount: 1 });
    for (const handler of [...this.handlers]) handler(update);
  }

  get subscribers(): number {
    return this.handlers.length;
  }

  /** The next calls of `className` (e.g. "messages.GetHistory") fail with these errors, in order. */
  fail(className: string, ...failures: Error[]): void {
    this.failures.set(className, [...(this.failures.get(className) ?? []), ...failures]);
  }

  floodWait(className: string, seconds: number): void {
    this.fail(className, new errors.FloodWaitError({ capture: seconds }));
  }

  rpcError(className: string, name: string, code = 400): void {
    this.fail(className, new errors.RPCError(name, undefined as never, code));
  }

  async invoke<R extends Api.AnyRequest>(request: R): Promise<R["__response"]> {
    this.calls.push(request.className);
    const failure = this.failures.get(request.className)?.shift();
    if (failure) throw failure;
    return this.answer(request) as Promise<R["__response"]>;
  }

  async downloadMedia(
    message: Api.Message,
    params: DownloadMediaInterface = {},
  ): Promise<Buffer | undefined> {
    this.calls.push("downloadMedia");
    const failure = this.failures.get("downloadMedia")?.shift();
    if (failure) throw failure;
    const channelId = (message.peerId as Api.PeerChannel).channelId.toString();
    const bytes = this.files.get(`${channelId}:${message.id}`);
    if (!bytes) return Buffer.alloc(0);
    // Chunks of 64 KiB, the callback after each, as GramJS's downloadFileV2 does.
    const chunks: Buffer[] = [];
    let done = 0;
    for (let at = 0; at < bytes.length; at += 65_536) {
      const chunk = Buffer.from(bytes.subarray(at, at + 65_536));
      chunks.push(chunk);
      done += chunk.length;
      this.downloadedBytes += chunk.length;
      await params.progressCallback?.(
        helpers.returnBigInt(done),
        helpers.returnBigInt(bytes.length),
      );
    }
    return Buffer.concat(chunks);
  }

  addEventHandler(callback: (update: Api.TypeUpdate) => void, event: EventBuilder): void {
    void event; // one kind of event is ever registered: the adapter's Raw for channel messages
    this.handlers.push(callback);
  }

  removeEventHandler(callback: CallableFunction, event: EventBuilder): void {
    void event;
    const at = this.handlers.indexOf(callback as (update: Api.TypeUpdate) => void);
    if (at >= 0) this.handlers.splice(at, 1);
  }

  private async answer(request: Api.AnyRequest): Promise<unknown> {
    if (request instanceof Api.contacts.ResolveUsername) return this.resolve(request.username);
    if (request instanceof Api.messages.GetHistory) return this.getHistory(request);
    if (request instanceof Api.channels.GetMessages) return this.getMessages(request);
    if (request instanceof Api.messages.Report) return this.report(request);
    if (request instanceof Api.account.ReportPeer) return this.reportPeer(request);
    throw new Error(`The stand-in does not answer ${request.className}`);
  }

  private resolve(username: string): Api.contacts.ResolvedPeer {
    const channel = this.channels.get(username.toLowerCase());
    if (!channel) throw new errors.RPCError("USERNAME_NOT_OCCUPIED", undefined as never, 400);
    return new Api.contacts.ResolvedPeer({
      peer: new Api.PeerChannel({ channelId: channel.id }),
      chats: [channel],
      users: [],
    });
  }

  private getHistory(request: Api.messages.GetHistory): Api.messages.ChannelMessages {
    const channel = this.channelOf(request.peer);
    const all = [...this.history.get(channel.id.toString())!].sort((a, b) => b.id - a.id);
    const page = all
      .filter((m) => request.offsetId === 0 || m.id < request.offsetId)
      .filter((m) => m.id > request.minId)
      .filter((m) => request.maxId === 0 || m.id < request.maxId)
      .slice(0, request.limit);
    return new Api.messages.ChannelMessages({
      pts: 1,
      count: all.length,
      messages: page,
      topics: [],
      chats: [channel],
      users: [],
    });
  }

  private getMessages(request: Api.channels.GetMessages): Api.messages.ChannelMessages {
    const channel = this.channelOf(request.channel);
    const ids = new Set(request.id.map((input) => (input as Api.InputMessageID).id));
    const found = this.history.get(channel.id.toString())!.filter((m) => ids.has(m.id));
    const messages = [...ids].map(
      (id) => found.find((m) => m.id === id) ?? new Api.MessageEmpty({ id }),
    );
    return new Api.messages.ChannelMessages({
      pts: 1,
      count: messages.length,
      messages,
      topics: [],
      chats: [channel],
      users: [],
    });
  }

  private report(request: Api.messages.Report): Api.TypeReportResult {
    const channel = this.channelOf(request.peer);
    const list = this.history.get(channel.id.toString())!;
    if (!request.id.every((id) => list.some((m) => m.id === id))) {
      throw new errors.RPCError("MESSAGE_ID_INVALID", undefined as never, 400);
    }
    const chosen = request.option.length === 0 ? [] : request.option.toString().split("/");
    let level: readonly ReportNode[] = this.reportTree;
    const path: string[] = [];
    for (const index of chosen) {
      const node = level[Number(index)];
      if (!node) throw new errors.RPCError("OPTION_INVALID", undefined as never, 400);
      path.push(node.text);
      if (!node.children) {
        if (request.message === "") {
          return new Api.ReportResultAddComment({ optional: true, option: request.option });
        }
        this.reports.push({
          channelId: channel.id.toString(),
          ids: [...request.id],
          path,
          comment: request.message,
        });
        return new Api.ReportResultReported();
      }
      level = node.children;
    }
    return new Api.ReportResultChooseOption({
      title: path.at(-1) ?? "Report",
      options: level.map(
        (node, index) =>
          new Api.MessageReportOption({
            text: node.text,
            option: Buffer.from([...chosen, String(index)].join("/")),
          }),
      ),
    });
  }

  private reportPeer(request: Api.account.ReportPeer): boolean {
    const channel = this.channelOf(request.peer);
    this.peerReports.push({
      channelId: channel.id.toString(),
      reason: request.reason.className,
      message: request.message,
    });
    return true;
  }

  private channelOf(peer: Api.TypeEntityLike): Api.Channel {
    if (!(peer instanceof Api.InputPeerChannel || peer instanceof Api.InputChannel)) {
      throw new errors.RPCError("PEER_ID_INVALID", undefined as never, 400);
    }
    const channel = [...this.channels.values()].find((c) => c.id.equals(peer.channelId));
    // A wrong access hash is refused as Telegram refuses it.
    if (!channel || !channel.accessHash!.equals(peer.accessHash)) {
      throw new errors.RPCError("CHANNEL_INVALID", undefined as never, 400);
    }
    return channel;
  }

  private media(channelId: number, messageId: number, spec: FakePost): Partial<Api.Message> {
    const key = `${channelId}:${messageId}`;
    const id = helpers.returnBigInt(this.nextFileId++);
    const common = {
      id,
      accessHash: helpers.returnBigInt(99),
      fileReference: Buffer.from([1, 2, 3]),
      date: this.lastDate,
      dcId: 2,
    };
    if (spec.photo) {
      this.files.set(key, spec.photo);
      const size = spec.declaredSize ?? spec.photo.length;
      return {
        media: new Api.MessageMediaPhoto({
          photo: new Api.Photo({
            ...common,
            sizes: [
              new Api.PhotoStrippedSize({ type: "i", bytes: Buffer.from([1, 40, 40]) }),
              new Api.PhotoSize({ type: "m", w: 320, h: 320, size: Math.min(size, 9_000) }),
              new Api.PhotoSizeProgressive({
                type: "y",
                w: 1280,
                h: 1280,
                sizes: [Math.min(1_000, size), size],
              }),
            ],
          }),
        }),
      };
    }
    const file = spec.video
      ? { bytes: spec.video, mimeType: "video/mp4" }
      : (spec.document ?? undefined);
    if (!file) return {};
    this.files.set(key, file.bytes);
    const attributes: Api.TypeDocumentAttribute[] = spec.video
      ? [new Api.DocumentAttributeVideo({ duration: 3, w: 64, h: 64, supportsStreaming: true })]
      : [new Api.DocumentAttributeFilename({ fileName: "file" })];
    return {
      media: new Api.MessageMediaDocument({
        document: new Api.Document({
          ...common,
          mimeType: file.mimeType,
          size: helpers.returnBigInt(spec.declaredSize ?? file.bytes.length),
          attributes,
        }),
      }),
    };
  }
}

export function accessHashOf(channelId: number): string {
  return String(BigInt(channelId) * ACCESS_HASH_SALT);
}
