/**
 * Telegram updates → the few shapes the bot acts on. Updates come from outside (a webhook body
 * anyone could forge without the secret, or a poll), so every field is read defensively: a
 * malformed update becomes `null` and is skipped, never an exception that stops the loop.
 */

export type ChatType = "private" | "group" | "supergroup" | "channel";

export interface TelegramChat {
  readonly id: number;
  readonly type: ChatType;
  readonly title: string;
}

export type MediaKind = "photo" | "video" | "animation" | "document" | "sticker" | "video_note";

export interface TelegramMedia {
  readonly kind: MediaKind;
  readonly fileId: string;
  /** As Telegram declares it; absent for some files. */
  readonly fileSize?: number;
  readonly mimeType?: string;
}

/** A message or channel post in a watched chat. */
export interface TelegramPost {
  readonly chat: TelegramChat;
  readonly messageId: number;
  /** The sender's user id, or the sending chat's id for channel posts and anonymous admins. */
  readonly authorId?: number;
  /** True when the author is a user that can be banned (not a channel or anonymous admin). */
  readonly authorIsUser: boolean;
  readonly languageCode?: string;
  /** The text, or the media's caption. */
  readonly text?: string;
  readonly media?: TelegramMedia;
  readonly date: number;
  /** Set on an edit: the new version is a new item (an innocent picture swapped for another). */
  readonly editDate?: number;
}

export interface TelegramReport {
  readonly chat: TelegramChat;
  /** The `/report` message itself. */
  readonly messageId: number;
  readonly reporterId: number;
  readonly languageCode?: string;
  /** What follows `/report`, e.g. `deepfake`. */
  readonly argument: string;
  readonly target: TelegramPost;
}

export interface TelegramButton {
  readonly queryId: string;
  readonly fromId: number;
  readonly chatId?: number;
  readonly data: string;
}

export type TelegramEvent =
  | { readonly kind: "post"; readonly post: TelegramPost }
  | { readonly kind: "report"; readonly report: TelegramReport }
  | { readonly kind: "report-without-reply"; readonly post: TelegramPost }
  | { readonly kind: "button"; readonly button: TelegramButton };

type Obj = Readonly<Record<string, unknown>>;

const CHAT_TYPES: readonly string[] = ["private", "group", "supergroup", "channel"];

/** `/report`, `/report@vigil_bot`, with an optional argument. */
const REPORT_COMMAND = /^\/report(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

export function readUpdate(update: unknown, botUsername?: string): TelegramEvent | null {
  if (!isObj(update)) return null;
  if (isObj(update.callback_query)) return readButton(update.callback_query);
  const message = isObj(update.message) ? update.message : undefined;
  const edited = [update.channel_post, update.edited_message, update.edited_channel_post].find(
    isObj,
  );
  const post = readPost(message ?? edited);
  if (!post || !message) return post ? { kind: "post", post } : null;
  const command = post.text !== undefined && !post.media ? REPORT_COMMAND.exec(post.text) : null;
  const addressed = command && (!command[1] || !botUsername || command[1] === botUsername);
  if (!addressed) return { kind: "post", post };
  const target = readPost(isObj(message.reply_to_message) ? message.reply_to_message : undefined);
  if (!target || post.authorId === undefined || !post.authorIsUser) {
    return { kind: "report-without-reply", post };
  }
  return {
    kind: "report",
    report: {
      chat: post.chat,
      messageId: post.messageId,
      reporterId: post.authorId,
      ...(post.languageCode ? { languageCode: post.languageCode } : {}),
      argument: (command[2] ?? "").trim().slice(0, 200),
      target,
    },
  };
}

function readPost(message: Obj | undefined): TelegramPost | null {
  if (!message) return null;
  const chat = readChat(message.chat);
  const messageId = message.message_id;
  if (!chat || !isId(messageId)) return null;
  const from = isObj(message.from) ? message.from : undefined;
  const senderChat = isObj(message.sender_chat) ? message.sender_chat : undefined;
  const userId = from && isId(from.id) && !senderChat ? from.id : undefined;
  const authorId = userId ?? (senderChat && isId(senderChat.id) ? senderChat.id : undefined);
  const text = str(message.text) ?? str(message.caption);
  const media = readMedia(message);
  const languageCode = from ? str(from.language_code) : undefined;
  return {
    chat,
    messageId,
    ...(authorId !== undefined ? { authorId } : {}),
    authorIsUser: userId !== undefined,
    ...(languageCode ? { languageCode } : {}),
    ...(text !== undefined ? { text: text.slice(0, 10_000) } : {}),
    ...(media ? { media } : {}),
    date: typeof message.date === "number" ? message.date : 0,
    ...(typeof message.edit_date === "number" ? { editDate: message.edit_date } : {}),
  };
}

function readChat(value: unknown): TelegramChat | null {
  if (!isObj(value) || !isId(value.id) || !CHAT_TYPES.includes(String(value.type))) return null;
  return { id: value.id, type: value.type as ChatType, title: str(value.title) ?? "" };
}

function readMedia(message: Obj): TelegramMedia | undefined {
  if (Array.isArray(message.photo)) {
    // Sizes come smallest first; the largest is the one a person sees.
    const sizes = message.photo.filter(isObj).filter((size) => str(size.file_id));
    const largest = sizes.reduce<Obj | undefined>(
      (best, size) => (!best || area(size) >= area(best) ? size : best),
      undefined,
    );
    return largest ? file("photo", largest, "image/jpeg") : undefined;
  }
  for (const kind of ["video", "animation", "video_note", "sticker"] as const) {
    if (isObj(message[kind])) return file(kind, message[kind], undefined);
  }
  if (isObj(message.document)) {
    const mime = str(message.document.mime_type) ?? "";
    // Only documents that are pictures or videos: an archive or a PDF is not scanned here.
    if (/^(image|video)\//.test(mime)) return file("document", message.document, undefined);
  }
  return undefined;
}

function file(
  kind: MediaKind,
  value: Obj,
  fallbackMime: string | undefined,
): TelegramMedia | undefined {
  const fileId = str(value.file_id);
  if (!fileId) return undefined;
  const mimeType = str(value.mime_type) ?? fallbackMime;
  const size = value.file_size;
  return {
    kind,
    fileId,
    ...(typeof size === "number" && size >= 0 ? { fileSize: size } : {}),
    ...(mimeType ? { mimeType } : {}),
  };
}

function readButton(query: Obj): TelegramEvent | null {
  const from = isObj(query.from) ? query.from : undefined;
  const id = str(query.id);
  const data = str(query.data);
  if (!id || !from || !isId(from.id) || data === undefined) return null;
  const message = isObj(query.message) ? query.message : undefined;
  const chat = message && isObj(message.chat) ? message.chat : undefined;
  return {
    kind: "button",
    button: {
      queryId: id,
      fromId: from.id,
      ...(chat && isId(chat.id) ? { chatId: chat.id } : {}),
      data: data.slice(0, 64),
    },
  };
}

function area(size: Obj): number {
  const w = typeof size.width === "number" ? size.width : 0;
  const h = typeof size.height === "number" ? size.height : 0;
  return w * h;
}

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
