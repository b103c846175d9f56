import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  launchBrowser,
  screenshot,
  startWebServer,
  type TestBrowser,
  type WebServer,
} from "../../test/helpers/browser.js";
import { encode, scenePixels } from "../../test/helpers/images.js";
import { account, report, signIn } from "./console-session.js";

/**
 * The console's reading pages in headless Chromium against a real server: search by content
 * hash, a case page with its full history after a decision made in the console, and the
 * dashboard's charts and tables of the stats endpoint.
 */
describe.skipIf(!browserAvailable())(
  "case search, history and dashboard in a browser",
  { timeout: 90_000 },
  () => {
    let web: WebServer;
    let browser: TestBrowser;

    beforeAll(async () => {
      web = await startWebServer();
      browser = await launchBrowser();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await web?.close();
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
