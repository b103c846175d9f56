/**
 * What an analyst types to watch a channel — `@name`, `name`, `https://t.me/name`, a post link
 * `t.me/name/123`, the web preview `t.me/s/name`, `tg://resolve?domain=name` — turned into one
 * lower-case username. Private invite links (`t.me/+…`, `t.me/joinchat/…`) and private post links
 * (`t.me/c/…`) are refused here, before any call: the monitor reads public content only and never
 * joins anything on its own.
 */
import { MonitorError } from "./errors.js";

export interface ChannelRef {
  /** Lower case: Telegram usernames are case-insensitive, and the watch list keeps one of each. */
  readonly username: string;
  /** The post a link pointed at, when it pointed at one. */
  readonly messageId: number | null;
}

// Telegram's rules: a letter first, then letters, digits and single underscores, not ending in
// one; 5 to 32 characters, and 4 for the short names sold at auction.
const USERNAME = /^[a-z](?:[a-z0-9]|_(?!_)){2,30}[a-z0-9]$/;

const HOSTS = new Set(["t.me", "telegram.me", "telegram.dog"]);

// First path segments of t.me that are features, not usernames.
const RESERVED = new Set([
  "addemoji",
  "addlist",
  "addstickers",
  "addtheme",
  "boost",
  "confirmphone",
  "contact",
  "iv",
  "login",
  "proxy",
  "setlanguage",
  "share",
  "socks",
]);

export function parseChannelRef(input: string): ChannelRef {
  const text = input.trim();
  if (text.length === 0 || text.length > 300) throw invalid("Give a @username or a t.me link.");
  if (text.startsWith("@")) return { username: username(text.slice(1)), messageId: null };
  if (/^tg:/i.test(text)) return fromTgUrl(text);
  if (/^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\//i.test(text)) {
    return fromLink(/^https?:/i.test(text) ? text : `https://${text}`);
  }
  if (/^https?:/i.test(text)) throw invalid("Only t.me links name a Telegram channel.");
  return { username: username(text), messageId: null };
}

function fromLink(text: string): ChannelRef {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid("That link is not a valid URL.");
  }
  if (!HOSTS.has(url.hostname.replace(/^www\./, "").toLowerCase())) {
    throw invalid("Only t.me links name a Telegram channel.");
  }
  const parts = url.pathname.split("/").filter((part) => part.length > 0);
  let [first, second] = parts;
  if (first === undefined) throw invalid("The link names no channel.");
  if (first.startsWith("+") || first.toLowerCase() === "joinchat") throw privateInvite();
  if (first.toLowerCase() === "c") {
    throw invalid("A t.me/c/ link points into a private chat; watch public channels only.", {
      reason: "private-link",
    });
  }
  if (first.toLowerCase() === "s") [first, second] = [second, parts[2]];
  if (first === undefined) throw invalid("The link names no channel.");
  if (RESERVED.has(first.toLowerCase())) throw invalid("That t.me link is not a channel.");
  return { username: username(first), messageId: postId(second) };
}

function fromTgUrl(text: string): ChannelRef {
  const match = /^tg:\/\/resolve\?(.*)$/i.exec(text);
  if (!match) {
    if (/^tg:\/\/join/i.test(text)) throw privateInvite();
    throw invalid("Only tg://resolve?domain=… links name a channel.");
  }
  const query = new URLSearchParams(match[1]);
  const domain = query.get("domain");
  if (!domain) throw invalid("The link names no channel.");
  return { username: username(domain), messageId: postId(query.get("post") ?? undefined) };
}

function username(raw: string): string {
  const name = raw.toLowerCase();
  if (!USERNAME.test(name)) {
    throw invalid(
      "A Telegram username has 4 to 32 letters, digits and underscores, and starts with a letter.",
    );
  }
  // Usernames ending in "bot" belong to bots, which have no public posts to read.
  if (name.endsWith("bot")) throw invalid("That is a bot's username, not a channel or group.");
  return name;
}

function postId(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 && id <= 2 ** 31 - 1 ? id : null;
}

function privateInvite(): MonitorError {
  return invalid(
    "That is a private invite link. The monitor reads public channels only and never joins a chat.",
    { reason: "private-invite" },
  );
}

function invalid(message: string, details: Record<string, unknown> = {}): MonitorError {
  return new MonitorError("invalid", message, details);
}
