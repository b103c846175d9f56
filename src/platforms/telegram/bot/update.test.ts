import { describe, expect, it } from "vitest";
import { readUpdate } from "./update.js";
import { reportReason } from "./report.js";
import { ChatLanguages } from "./language.js";

const chat = { id: -1001, type: "supergroup", title: "Group" };
const from = { id: 42, is_bot: false, first_name: "A", language_code: "ko" };

describe("readUpdate", () => {
  it("takes the largest photo size, with the caption as text", () => {
    const event = readUpdate({
      update_id: 1,
      message: {
        message_id: 7,
        date: 1_700_000_000,
        chat,
        from,
        caption: "보세요",
        photo: [
          { file_id: "small", file_unique_id: "s", width: 90, height: 60, file_size: 100 },
          { file_id: "large", file_unique_id: "l", width: 1280, height: 853, file_size: 90_000 },
        ],
      },
    });
    expect(event).toEqual({
      kind: "post",
      post: {
        chat: { id: -1001, type: "supergroup", title: "Group" },
        messageId: 7,
        authorId: 42,
        authorIsUser: true,
        languageCode: "ko",
        text: "보세요",
        media: { kind: "photo", fileId: "large", fileSize: 90_000, mimeType: "image/jpeg" },
        date: 1_700_000_000,
      },
    });
  });

  it("reads a channel post's author as the channel, which cannot be banned", () => {
    const channel = { id: -1002, type: "channel", title: "News" };
    const event = readUpdate({
      update_id: 2,
      channel_post: { message_id: 3, date: 1, chat: channel, sender_chat: channel, text: "hi" },
    });
    expect(event).toMatchObject({ kind: "post", post: { authorId: -1002, authorIsUser: false } });
  });

  it("reads an edited message as a new version of the post, never as a report", () => {
    const edited = readUpdate({
      update_id: 9,
      edited_message: { message_id: 8, date: 1, edit_date: 5, chat, from, text: "/report" },
    });
    expect(edited).toMatchObject({ kind: "post", post: { messageId: 8, editDate: 5 } });
  });

  it("scans documents only when they are pictures or videos", () => {
    const doc = (mime_type: string) =>
      readUpdate({
        update_id: 3,
        message: {
          message_id: 4,
          date: 1,
          chat,
          from,
          document: { file_id: "d", file_unique_id: "u", mime_type },
        },
      });
    expect(doc("image/png")).toMatchObject({ post: { media: { kind: "document" } } });
    expect(doc("application/pdf")).toMatchObject({ kind: "post" });
    expect(doc("application/pdf")).not.toHaveProperty("post.media");
  });

  it("reads /report as a reply, addressed to this bot or to none", () => {
    const target = { message_id: 10, date: 1, chat, from: { id: 50, first_name: "B" }, text: "x" };
    const report = (text: string) =>
      readUpdate(
        {
          update_id: 4,
          message: { message_id: 11, date: 1, chat, from, text, reply_to_message: target },
        },
        "vigil_bot",
      );
    expect(report("/report deepfake")).toMatchObject({
      kind: "report",
      report: { reporterId: 42, argument: "deepfake", target: { messageId: 10, authorId: 50 } },
    });
    expect(report("/report@vigil_bot")).toMatchObject({ kind: "report" });
    expect(report("/report@other_bot")).toMatchObject({ kind: "post" });
    const bare = readUpdate({
      update_id: 5,
      message: { message_id: 12, date: 1, chat, from, text: "/report" },
    });
    expect(bare).toMatchObject({ kind: "report-without-reply" });
  });

  it("skips malformed updates instead of throwing", () => {
    for (const bad of [
      null,
      1,
      "x",
      [],
      { message: { chat } },
      { message: { message_id: 1 } },
      { message: { message_id: 1, chat: { id: "x", type: "group" } } },
      { callback_query: { id: "1", data: "v:r:abc" } },
    ]) {
      expect(readUpdate(bad)).toBeNull();
    }
  });

  it("reads a button press with the chat it was pressed in", () => {
    expect(
      readUpdate({
        update_id: 6,
        callback_query: { id: "q1", from, data: "v:rb:0190", message: { message_id: 1, chat } },
      }),
    ).toEqual({
      kind: "button",
      button: { queryId: "q1", fromId: 42, chatId: -1001, data: "v:rb:0190" },
    });
  });
});

describe("reportReason", () => {
  it("maps English and Korean words, and defaults to intimate imagery", () => {
    expect(reportReason("")).toBe("ncii");
    expect(reportReason("deepfake please")).toBe("deepfake");
    expect(reportReason("딥페이크")).toBe("deepfake");
    expect(reportReason("미성년자")).toBe("minor");
    expect(reportReason("whatever")).toBe("ncii");
  });
});

describe("ChatLanguages", () => {
  it("learns Korean from what is posted, and falls back to the hint, then the default", () => {
    const languages = new ChatLanguages("en");
    expect(languages.of(1)).toBe("en");
    expect(languages.of(1, "안녕하세요")).toBe("ko");
    languages.observe(1, "오늘 모임 몇 시예요?", "ko");
    expect(languages.of(1)).toBe("ko");
    languages.observe(2, "see you tomorrow", "en");
    expect(languages.of(2, "안녕")).toBe("en");
  });
});
