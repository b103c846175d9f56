import { describe, expect, it } from "vitest";
import { browserAvailable, browserSuite, screenshot } from "../../helpers/browser.js";
import { encode, scenePixels } from "../../helpers/images.js";
import { account, report, signIn } from "./console-session.js";

/**
 * The console's cases in headless Chromium against a real server: an item's media blurred and
 * greyscale until the moderator looks (video muted), search by content hash, a case page with its full history after a decision made in the console, and the
 * dashboard's charts and tables of the stats endpoint.
 */
/** The slice of the page's window these checks use (this file is checked without DOM types). */
interface PageWindow {
  getComputedStyle(element: unknown): { filter: string };
}

describe.skipIf(!browserAvailable())(
  "console cases, media, search, history and dashboard in a browser",
  { timeout: 90_000 },
  () => {
    const { web, browser } = browserSuite();

    it("shows an item's media blurred and greyscale until the moderator looks, video muted", async () => {
      await account(web, "ama", "admin");
      const ingested = await web.server.call("POST", "/v1/content", {
        json: {
          source: "stream",
          authorId: "user:99",
          media: [
            { url: "https://media.example/p/1.jpg", mimeType: "image/jpeg" },
            { url: "https://media.example/p/2.mp4", mimeType: "video/mp4" },
          ],
        },
      });
      expect(ingested.statusCode, ingested.body).toBe(202);
      const itemId = ingested.json().id as string;
      // What the pipeline does when a rule sends an item to review (no worker runs here).
      await web.server.store.cases.openForItem({ groupKey: `ref:${itemId}`, itemId, severity: 2 });

      const page = await signIn(web, browser, "ama");
      const media = page.getByTestId("media");
      await media.first().waitFor();
      const filterOf = (i: number) =>
        media
          .nth(i)
          .locator("img, video")
          .evaluate((el) => (globalThis as unknown as PageWindow).getComputedStyle(el).filter);
      expect(await filterOf(0)).toContain("blur");
      expect(await filterOf(0)).toContain("grayscale");
      expect(await filterOf(1)).toContain("blur");
      expect(
        await media
          .nth(1)
          .locator("video")
          .evaluate((video) => (video as unknown as { muted: boolean }).muted),
      ).toBe(true);
      await screenshot(page, "console-review-blurred");

      // The key shows the first item's media; hovering shows one only while the pointer stays.
      await page.getByRole("heading", { name: "Review" }).click();
      await page.keyboard.press("u");
      await expect.poll(() => filterOf(0)).toBe("none");
      await page.keyboard.press("u");
      await expect.poll(() => filterOf(0)).toContain("blur");
      await media.nth(1).hover();
      await expect.poll(() => filterOf(1)).toBe("none");
      await page.getByRole("heading", { name: "Review" }).hover();
      await expect.poll(() => filterOf(1)).toContain("blur");

      await page.getByLabel(/^Reason/).selectOption("other");
      await page.getByRole("button", { name: /^No violation/ }).click();
      await page.getByTestId("queue-empty").waitFor();
      await page.close();
    });

    it("finds a case by content hash, shows its history, and charts the numbers", async () => {
      await account(web, "lee", "lead");
      const image = await encode(scenePixels(640, 480, 3), "jpeg", { quality: 90 });
      const scanned = await web.server.call("POST", "/v1/scan?store=true", {
        body: image,
        contentType: "image/jpeg",
      });
      expect(scanned.statusCode, scanned.body).toBe(200);
      const md5 = scanned.json().hashes.md5 as string;
      const caseId = await report(web, "https://chat.example/m/9", md5);

      const page = await signIn(web, browser, "lee");
      await page.getByTestId("case").waitFor();
      await page.getByLabel(/^Reason/).selectOption("ncii");
      await page.getByRole("button", { name: /^Remove \(1\)/ }).click();
      await page.getByTestId("queue-empty").waitFor();

      await page.getByRole("link", { name: "Search" }).click();
      await page.getByLabel(/^Case id, content hash/).fill(md5);
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("link", { name: caseId }).waitFor();
      await screenshot(page, "console-search");

      await page.getByRole("link", { name: caseId }).click();
      const history = page.getByTestId("history");
      await history.waitFor();
      expect(await history.textContent()).toContain("moderator:");
      await screenshot(page, "console-case");

      await page.getByRole("link", { name: "Dashboard" }).click();
      await page.getByTestId("median").waitFor();
      const charts = page.getByRole("img");
      expect(await charts.count()).toBeGreaterThanOrEqual(4);
      const stats = await web.server.call("GET", "/v1/stats?period=day&buckets=30");
      const today = (stats.json().series as { bucket: string; scanned: number }[]).at(-1)!;
      expect(today.scanned).toBeGreaterThanOrEqual(1);
      const row = page.getByRole("row", { name: new RegExp(`^${today.bucket}`) });
      expect(await row.locator("td").first().textContent()).toBe(String(today.scanned));
      await screenshot(page, "dashboard");
      await page.getByLabel("Period").selectOption("week");
      await page
        .getByRole("row", { name: /^\d{4}-/ })
        .first()
        .waitFor();
      await page.close();
    });
  },
);
