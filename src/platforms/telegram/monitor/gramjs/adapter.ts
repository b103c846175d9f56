/**
 * MonitorClient over GramJS. It declares the slice of TelegramClient it uses (`GramJsSlice`), so
 * tests give it a stand-in answering with real TL objects and no socket is ever opened. Every
 * call's error leaves as a MonitorError (gramjs/errors.ts); every object as our own type
 * (gramjs/translate.ts). Nothing here can post, join or leave: those requests are not built.
 */
import { Api, helpers } from "telegram";
import type { DownloadMediaInterface } from "telegram/client/downloads.js";
import type { EventBuilder } from "telegram/events/common.js";
import { Raw } from "telegram/events/index.js";
import type {
  HistoryPage,
  MonitorClient,
  PostListener,
  ReportOutcome,
  TelegramReportReason,
} from "../client.js";
import { MonitorError } from "../errors.js";
import type { MonitorChannel, MonitorPost } from "../types.js";
import { fromGramJs } from "./errors.js";
import { walkReportFlow } from "./report-flow.js";
import { toChannel, toPost } from "./translate.js";

/** The part of TelegramClient the adapter calls. */
export interface GramJsSlice {
  invoke<R extends Api.AnyRequest>(request: R): Promise<R["__response"]>;
  downloadMedia(
    message: Api.Message,
    params?: DownloadMediaInterface,
  ): Promise<string | Buffer | undefined>;
  addEventHandler(callback: (update: Api.TypeUpdate) => void, event: EventBuilder): void;
  removeEventHandler(callback: CallableFunction, event: EventBuilder): void;
}

const HISTORY_MAX = 100;

// The older, per-chat reason codes: used when the message flow offers nothing that fits.
const PEER_REASONS: Readonly<Record<TelegramReportReason, () => Api.TypeReportReason>> = {
  "child-abuse": () => new Api.InputReportReasonChildAbuse(),
  "non-consensual-imagery": () => new Api.InputReportReasonPornography(),
  "personal-details": () => new Api.InputReportReasonPersonalDetails(),
  other: () => new Api.InputReportReasonOther(),
};

export class GramJsMonitorClient implements MonitorClient {
  // The TL message behind each post we handed out, for downloadMedia; gone with the post.
  private readonly messages = new WeakMap<MonitorPost, Api.Message>();

  constructor(private readonly client: GramJsSlice) {}

  async resolve(username: string): Promise<MonitorChannel> {
    const found = await this.call("contacts.resolveUsername", () =>
      this.client.invoke(new Api.contacts.ResolveUsername({ username })),
    );
    const peer = found.peer;
    // A person or a bot is refused by toChannel with its own message; so is a basic group.
    if (peer instanceof Api.PeerUser) {
      return toChannel(found.users.find((user) => user.id.equals(peer.userId)) ?? found.users[0]);
    }
    const id = peer instanceof Api.PeerChannel ? peer.channelId : undefined;
    const chat = found.chats.find((candidate) => id !== undefined && candidate.id.equals(id));
    return toChannel(chat);
  }

  async history(channel: MonitorChannel, page: HistoryPage): Promise<readonly MonitorPost[]> {
    const answer = await this.call("messages.getHistory", () =>
      this.client.invoke(
        new Api.messages.GetHistory({
          peer: inputPeer(channel),
          offsetId: page.offsetId ?? 0,
          offsetDate: 0,
          addOffset: 0,
          limit: Math.max(1, Math.min(HISTORY_MAX, Math.floor(page.limit))),
          maxId: page.maxId ?? 0,
          minId: page.minId ?? 0,
          hash: helpers.returnBigInt(0),
        }),
      ),
    );
    return this.posts(answer, channel);
  }

  subscribe(listener: PostListener): () => void {
    const event = new Raw({ types: [Api.UpdateNewChannelMessage, Api.UpdateEditChannelMessage] });
    const handler = (update: Api.TypeUpdate) => {
      if (
        !(update instanceof Api.UpdateNewChannelMessage) &&
        !(update instanceof Api.UpdateEditChannelMessage)
      ) {
        return;
      }
      const post = toPost(update.message, null);
      if (!post) return;
      this.messages.set(post, update.message as Api.Message);
      listener(post);
    };
    this.client.addEventHandler(handler, event);
    return () => this.client.removeEventHandler(handler, event);
  }

  async download(
    channel: MonitorChannel,
    post: MonitorPost,
    maxBytes: number,
  ): Promise<Uint8Array> {
    if (post.media?.size != null && post.media.size > maxBytes) throw tooLarge(maxBytes);
    const message = this.messages.get(post) ?? (await this.fetchMessage(channel, post.messageId));
    const bytes = await this.call("upload.getFile", () =>
      this.client.downloadMedia(message, {
        // Called after every chunk; throwing stops the download there. The declared size can
        // be wrong or absent, so the bytes that arrive are what the limit is held to.
        progressCallback: (downloaded) => {
          if (Number(downloaded.toString()) > maxBytes) throw tooLarge(maxBytes);
        },
      }),
    );
    if (typeof bytes === "string" || bytes === undefined) {
      throw new MonitorError("other", "Telegram returned no media for the post.");
    }
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async report(
    channel: MonitorChannel,
    messageIds: readonly number[],
    reason: TelegramReportReason,
    comment: string,
  ): Promise<ReportOutcome> {
    const peer = inputPeer(channel);
    const outcome = await this.call("messages.report", () =>
      walkReportFlow(
        (option, message) =>
          this.client.invoke(
            new Api.messages.Report({ peer, id: [...messageIds], option, message }),
          ),
        reason,
        comment,
      ),
    );
    if (outcome.status !== "no-option") return outcome;
    const links = messageIds.map((id) => `https://t.me/${channel.username}/${id}`).join(" ");
    const accepted = await this.call("account.reportPeer", () =>
      this.client.invoke(
        new Api.account.ReportPeer({
          peer,
          reason: PEER_REASONS[reason](),
          message: `${comment} ${links}`.slice(0, 500),
        }),
      ),
    );
    return { status: accepted ? "reported-channel" : "no-option", path: outcome.path };
  }

  private async fetchMessage(channel: MonitorChannel, messageId: number): Promise<Api.Message> {
    const answer = await this.call("channels.getMessages", () =>
      this.client.invoke(
        new Api.channels.GetMessages({
          channel: inputPeer(channel),
          id: [new Api.InputMessageID({ id: messageId })],
        }),
      ),
    );
    const messages = answer instanceof Api.messages.MessagesNotModified ? [] : answer.messages;
    const message = messages.find((m) => m instanceof Api.Message && m.id === messageId);
    if (!(message instanceof Api.Message)) {
      throw new MonitorError("gone", "The message is no longer there.", { messageId });
    }
    return message;
  }

  private posts(answer: Api.messages.TypeMessages, channel: MonitorChannel): MonitorPost[] {
    if (answer instanceof Api.messages.MessagesNotModified) return [];
    const posts: MonitorPost[] = [];
    for (const message of answer.messages) {
      const post = toPost(message, channel.username);
      // A history answer holds only this channel's messages; the check keeps it that way.
      if (!post || post.channelId !== `-100${channel.id}`) continue;
      this.messages.set(post, message as Api.Message);
      posts.push(post);
    }
    return posts;
  }

  private async call<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw fromGramJs(error, name);
    }
  }
}

function inputPeer(channel: MonitorChannel): Api.InputPeerChannel {
  return new Api.InputPeerChannel({
    channelId: helpers.returnBigInt(channel.id),
    accessHash: helpers.returnBigInt(channel.accessHash),
  });
}

function tooLarge(maxBytes: number): MonitorError {
  return new MonitorError("too-large", `The media is larger than ${maxBytes} bytes.`, {
    maxBytes,
  });
}
