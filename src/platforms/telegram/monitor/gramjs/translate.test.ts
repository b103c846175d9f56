import { Api, helpers } from "telegram";
import { describe, expect, it } from "vitest";
import { isMonitorError } from "../errors.js";
import { isScannable } from "../types.js";
import { toChannel, toMedia, toPost } from "./translate.js";

const big = helpers.returnBigInt;

type ChannelFields = ConstructorParameters<typeof Api.Channel>[0];

// `username: undefined` stands for a channel without one, as GramJS reads it off the wire.
function channel(fields: { [K in keyof ChannelFields]?: ChannelFields[K] | undefined } = {}) {
  return new Api.Channel({
    id: big("1987654321"),
    accessHash: big("-4611686018427387904"),
    title: "딥페이크 공유방",
    username: "Trade_Room",
    photo: new Api.ChatPhotoEmpty(),
    date: 1_700_000_000,
    broadcast: true,
    ...fields,
  } as ChannelFields);
}

function document(mimeType: string, attributes: Api.TypeDocumentAttribute[], size = 123_456) {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: big(5),
      accessHash: big(6),
      fileReference: Buffer.alloc(0),
      date: 1_700_000_000,
      mimeType,
      size: big(size),
      dcId: 4,
      attributes,
    }),
  });
}

describe("toChannel", () => {
  it("keeps the id and access hash as strings, the username in lower case, and the kind", () => {
    expect(toChannel(channel())).toEqual({
      id: "1987654321",
      accessHash: "-4611686018427387904",
      username: "trade_room",
      title: "딥페이크 공유방",
      kind: "channel",
    });
    expect(toChannel(channel({ broadcast: false, megagroup: true })).kind).toBe("group");
    expect(Object.isFrozen(toChannel(channel()))).toBe(true);
  });

  it("uses the active one of several usernames", () => {
    const named = channel({
      username: undefined,
      usernames: [
        new Api.Username({ username: "old_name", active: false }),
        new Api.Username({ username: "New_Name", active: true }),
      ],
    });
    expect(toChannel(named).username).toBe("new_name");
  });

  it("refuses people, bots, basic groups, forbidden and unnamed channels", () => {
    const refused = (chat: Parameters<typeof toChannel>[0]) => {
      try {
        toChannel(chat);
      } catch (error) {
        if (isMonitorError(error)) return error.kind;
      }
      return "accepted";
    };
    expect(refused(new Api.User({ id: big(1), bot: true }))).toBe("invalid");
    expect(
      refused(
        new Api.Chat({
          id: big(2),
          title: "basic",
          photo: new Api.ChatPhotoEmpty(),
          participantsCount: 3,
          date: 1,
          version: 1,
        }),
      ),
    ).toBe("private");
    expect(
      refused(new Api.ChannelForbidden({ id: big(3), accessHash: big(4), title: "gone" })),
    ).toBe("private");
    expect(refused(channel({ username: undefined }))).toBe("private");
    expect(refused(channel({ min: true }))).toBe("private");
    expect(refused(undefined)).toBe("private");
  });
});

describe("toPost", () => {
  const peerId = new Api.PeerChannel({ channelId: big("1987654321") });

  it("turns a channel post into plain data with the Bot API's channel id and the public link", () => {
    const message = new Api.Message({
      id: 4242,
      peerId,
      date: 1_767_225_600,
      editDate: 1_767_225_660,
      message: "새 영상",
      post: true,
      fromId: new Api.PeerChannel({ channelId: big("1987654321") }),
      media: new Api.MessageMediaPhoto({
        photo: new Api.Photo({
          id: big(1),
          accessHash: big(2),
          fileReference: Buffer.from([9]),
          date: 1,
          dcId: 2,
          sizes: [
            new Api.PhotoStrippedSize({ type: "i", bytes: Buffer.from([1, 2]) }),
            new Api.PhotoSize({ type: "x", w: 800, h: 800, size: 80_000 }),
            new Api.PhotoSizeProgressive({ type: "y", w: 1280, h: 1280, sizes: [10, 150_000] }),
          ],
        }),
      }),
    });
    const post = toPost(message, "trade_room");
    expect(post).toEqual({
      channelId: "-1001987654321",
      channelUsername: "trade_room",
      messageId: 4242,
      date: "2026-01-01T00:00:00.000Z",
      editDate: "2026-01-01T00:01:00.000Z",
      text: "새 영상",
      media: { kind: "photo", size: 150_000, mimeType: "image/jpeg" },
      authorId: null,
      link: "https://t.me/trade_room/4242",
    });
    expect(Object.isFrozen(post)).toBe(true);
    expect(Object.isFrozen(post!.media)).toBe(true);
  });

  it("names the sender of a group message, and has no link without a username", () => {
    const message = new Api.Message({
      id: 7,
      peerId,
      date: 1_767_225_600,
      message: "",
      fromId: new Api.PeerUser({ userId: big("5550001") }),
    });
    expect(toPost(message, null)).toMatchObject({
      authorId: "5550001",
      link: null,
      channelUsername: null,
      media: null,
      editDate: null,
    });
  });

  it("skips service messages, empty messages and messages outside channels", () => {
    const service = new Api.MessageService({
      id: 8,
      peerId,
      date: 1,
      action: new Api.MessageActionPinMessage(),
    });
    expect(toPost(service, "trade_room")).toBeNull();
    expect(toPost(new Api.MessageEmpty({ id: 9 }), "trade_room")).toBeNull();
    const privateChat = new Api.Message({
      id: 10,
      peerId: new Api.PeerUser({ userId: big(1) }),
      date: 1,
      message: "hi",
    });
    expect(toPost(privateChat, "trade_room")).toBeNull();
  });
});

describe("toMedia", () => {
  it("tells videos, round videos, GIFs, stickers and files apart, with size and MIME type", () => {
    const video = new Api.DocumentAttributeVideo({ duration: 12, w: 720, h: 1280 });
    const round = new Api.DocumentAttributeVideo({
      duration: 5,
      w: 240,
      h: 240,
      roundMessage: true,
    });
    const sticker = new Api.DocumentAttributeSticker({
      alt: "🙂",
      stickerset: new Api.InputStickerSetEmpty(),
    });
    expect(toMedia(document("video/mp4", [video], 9_000_000))).toEqual({
      kind: "video",
      size: 9_000_000,
      mimeType: "video/mp4",
    });
    expect(toMedia(document("video/mp4", [round]))?.kind).toBe("video_note");
    expect(toMedia(document("video/mp4", [new Api.DocumentAttributeAnimated(), video]))?.kind).toBe(
      "animation",
    );
    expect(toMedia(document("image/webp", [sticker]))?.kind).toBe("sticker");
    expect(
      toMedia(document("image/png", [new Api.DocumentAttributeFilename({ fileName: "a.png" })])),
    ).toEqual({ kind: "document", size: 123_456, mimeType: "image/png" });
  });

  it("says which media the pipeline can hash", () => {
    const sticker = new Api.DocumentAttributeSticker({
      alt: "",
      stickerset: new Api.InputStickerSetEmpty(),
    });
    const file = new Api.DocumentAttributeFilename({ fileName: "x" });
    expect(isScannable(toMedia(document("image/webp", [sticker]))!)).toBe(true);
    expect(isScannable(toMedia(document("application/x-tgsticker", [sticker]))!)).toBe(false);
    expect(isScannable(toMedia(document("application/zip", [file]))!)).toBe(false);
    expect(isScannable(toMedia(document("video/quicktime", [file]))!)).toBe(true);
  });

  it("reads a link preview's picture, and marks polls, places and expired files as other", () => {
    const preview = new Api.MessageMediaWebPage({
      webpage: new Api.WebPage({
        id: big(1),
        url: "https://example.org/a",
        displayUrl: "example.org/a",
        hash: 0,
        photo: new Api.Photo({
          id: big(1),
          accessHash: big(2),
          fileReference: Buffer.alloc(0),
          date: 1,
          dcId: 2,
          sizes: [new Api.PhotoSize({ type: "x", w: 10, h: 10, size: 500 })],
        }),
      }),
    });
    expect(toMedia(preview)).toEqual({ kind: "photo", size: 500, mimeType: "image/jpeg" });
    expect(toMedia(new Api.MessageMediaGeo({ geo: new Api.GeoPointEmpty() }))?.kind).toBe("other");
    expect(toMedia(new Api.MessageMediaDocument({}))?.kind).toBe("other");
    expect(toMedia(new Api.MessageMediaEmpty())).toBeNull();
    expect(toMedia(undefined)).toBeNull();
  });
});
