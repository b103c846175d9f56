/**
 * Which posts of a channel to read, in which order. On first sight, a window of recent history
 * (at most N posts, none older than D days), read newest-first as Telegram pages it and handed
 * back oldest-first. Afterwards, what came after the cursor, by id range — message ids in a
 * channel count up one by one — so the oldest unread posts come first and the cursor only ever
 * moves forward, even when a busy channel needs several sweeps to catch up.
 */
import type { CallGate } from "./call-gate.js";
import type { MonitorClient } from "./client.js";
import type { MonitorChannel, MonitorPost } from "./types.js";

const PAGE = 100;

export interface WindowOptions {
  readonly posts: number;
  readonly days: number;
  readonly now: Date;
}

/** The first-sight window, oldest first; and the newest id seen (the cursor to start from). */
export async function readWindow(
  client: MonitorClient,
  gate: CallGate,
  channel: MonitorChannel,
  window: WindowOptions,
): Promise<{ readonly posts: readonly MonitorPost[]; readonly newestId: number }> {
  const since = window.now.getTime() - window.days * 86_400_000;
  const posts: MonitorPost[] = [];
  let newestId = 0;
  let offsetId = 0;
  for (;;) {
    const want = Math.min(PAGE, Math.max(1, window.posts - posts.length));
    const page = await gate.run("history", () =>
      client.history(channel, { limit: want, offsetId }),
    );
    if (page.length === 0) break;
    newestId = Math.max(newestId, ...page.map((post) => post.messageId));
    let done = false;
    for (const post of page) {
      if (posts.length >= window.posts || Date.parse(post.date) < since) {
        done = true;
        break;
      }
      posts.push(post);
    }
    if (done || posts.length >= window.posts) break;
    offsetId = Math.min(...page.map((post) => post.messageId));
  }
  return { posts: posts.reverse(), newestId };
}

/**
 * The next posts after `cursor`, oldest first, at most `maxPages` ranges of 100 ids. `cursor`
 * comes back as far as the ids were read (past ranges of deleted or service messages too).
 */
export async function readAfter(
  client: MonitorClient,
  gate: CallGate,
  channel: MonitorChannel,
  cursor: number,
  maxPages: number,
): Promise<{ readonly posts: readonly MonitorPost[]; readonly cursor: number }> {
  const posts: MonitorPost[] = [];
  let at = cursor;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await gate.run("history", () =>
      client.history(channel, { limit: PAGE, minId: at, maxId: at + PAGE + 1 }),
    );
    if (page.length > 0) {
      posts.push(...[...page].sort((a, b) => a.messageId - b.messageId));
      at = Math.max(...page.map((post) => post.messageId));
      continue;
    }
    // Nothing in this range: the channel may have nothing new, or a stretch of deleted messages.
    const newest = await gate.run("history", () =>
      client.history(channel, { limit: 1, minId: at }),
    );
    const newestId = newest[0]?.messageId;
    if (newestId === undefined || newestId <= at + PAGE) break;
    at += PAGE;
  }
  return { posts, cursor: at };
}
