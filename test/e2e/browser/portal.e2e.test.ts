import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  browserSuite,
  launchBrowser,
  screenshot,
} from "../../helpers/browser.js";
import { encode, scenePixels } from "../../helpers/images.js";

/**
 * The victim portal in headless Chromium against a real Vigil server: an image hashed on the
 * device protects it at once (a scan of the same file is blocked), withdrawing with the case
 * number and PIN lets it through again, and no request the page makes carries image bytes.
 */
describe.skipIf(!browserAvailable())("victim portal in a browser", () => {
  const { web, browser } = browserSuite();
  let dir: string;
  let image: Buffer;
  let imagePath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vigil-portal-"));
    image = await encode(scenePixels(1200, 900, 11), "jpeg", { quality: 88 });
    imagePath = join(dir, "photo.jpg");
    writeFileSync(imagePath, image);
  }, 120_000);

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function scan() {
    const answer = await web.server.call("POST", "/v1/scan", {
      body: image,
      contentType: "image/jpeg",
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as { verdict: string; hashes: { pdq: { hash: string }[]; md5: string } };
  }

  /** Every request the page makes, with its body, from the first navigation on. */
  function recordRequests(page: Page): Request[] {
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    return requests;
  }

  async function submit(page: Page) {
    await page.goto(`${web.origin}/portal`);
    await page.getByLabel("Choose images").setInputFiles(imagePath);
    await page.getByTestId("pdq").waitFor();
    await page.getByRole("button", { name: /^Send the fingerprints of 1 image/ }).click();
    await page.getByTestId("pin").waitFor();
    return {
      caseNumber: (await page.getByTestId("case-number").textContent())!.trim(),
      pin: (await page.getByTestId("pin").textContent())!.trim(),
    };
  }

  it("protects a hashed image at once, and lets it through again after withdrawal", async () => {
    expect((await scan()).verdict).toBe("allow");
    const page = await browser.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`${web.origin}/portal`);
    await page.getByLabel("Choose images").setInputFiles(imagePath);
    const shownPdq = (await page.getByTestId("pdq").textContent())!.trim();
    const shownMd5 = (await page.getByTestId("md5").textContent())!.trim();
    const server = await scan();
    // The browser decoded and hashed the file itself: same hashes as the server's.
    expect(shownPdq).toBe(server.hashes.pdq[0]!.hash);
    expect(shownMd5).toBe(server.hashes.md5);
    await screenshot(page, "portal-hashed");

    await page.getByRole("button", { name: /^Send the fingerprints of 1 image/ }).click();
    await page.getByTestId("pin").waitFor();
    const caseNumber = (await page.getByTestId("case-number").textContent())!.trim();
    const pin = (await page.getByTestId("pin").textContent())!.trim();
    expect(caseNumber).toMatch(/^VC-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(pin).toMatch(/^\d{8}$/);
    await screenshot(page, "portal-case-created");

    expect((await scan()).verdict).toBe("block");

    await page.getByLabel("PIN").fill(pin);
    expect(await page.getByLabel("Case number").inputValue()).toBe(caseNumber);
    await page.getByRole("button", { name: "Check status" }).click();
    await page.getByTestId("status").waitFor();
    expect(Number(await page.getByTestId("blocked").textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(page, "portal-status");

    await page.getByRole("button", { name: "Withdraw" }).click();
    await page.getByTestId("withdrawn").waitFor();
    expect((await scan()).verdict).toBe("allow");
    await page.close();
  });

  it("sends only JSON hashes: no request carries the image", async () => {
    const page = await browser.newPage();
    const requests = recordRequests(page);
    const created = await submit(page);
    expect(created.caseNumber).toMatch(/^VC-/);

    const origin = new URL(web.origin).origin;
    const withBody = requests.filter((r) => r.postDataBuffer() !== null);
    expect(withBody.length).toBeGreaterThan(0);
    // A stretch from the middle of the file, raw and as base64: neither may appear anywhere.
    const slice = image.subarray(image.length / 2, image.length / 2 + 48);
    for (const request of requests) {
      expect(new URL(request.url()).origin).toBe(origin);
      const body = request.postDataBuffer();
      if (body === null) continue;
      expect(request.url()).toBe(`${origin}/v1/victim/cases`);
      expect(request.headers()["content-type"]).toContain("application/json");
      expect(body.includes(slice)).toBe(false);
      expect(body.toString("latin1").includes(slice.toString("base64").slice(4, 40))).toBe(false);
      expect(body.length).toBeLessThan(1024);
      const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      expect(Object.keys(json).sort()).toEqual(["hashes", "labels", "language"]);
      const hashes = json.hashes as Record<string, unknown>[];
      expect(hashes).toHaveLength(1);
      expect(Object.keys(hashes[0]!).sort()).toEqual(["md5", "pdq", "quality"]);
      expect(hashes[0]!.pdq).toMatch(/^[0-9a-f]{64}$/);
      expect(hashes[0]!.md5).toMatch(/^[0-9a-f]{32}$/);
    }
    await page.close();
  });

  it("hashes a turned phone photo (EXIF orientation 6) as the server does", async () => {
    const stored = scenePixels(800, 600, 12);
    const turned = await sharp(stored.data, { raw: { width: 800, height: 600, channels: 3 } })
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const path = join(dir, "turned.jpg");
    writeFileSync(path, turned);
    const page = await browser.newPage();
    await page.goto(`${web.origin}/portal`);
    await page.getByLabel("Choose images").setInputFiles(path);
    const shown = (await page.getByTestId("pdq").textContent())!.trim();
    const scanned = await web.server.call("POST", "/v1/scan", {
      body: turned,
      contentType: "image/jpeg",
    });
    expect(shown).toBe(scanned.json().hashes.pdq[0].hash);
    await page.close();
  });

  it("speaks Korean to a Korean browser, with a switch to English", async () => {
    const korean = await launchBrowser({ locale: "ko-KR" });
    try {
      const page = await korean.newPage();
      await page.goto(`${web.origin}/portal`);
      await page.getByRole("heading", { name: "내 이미지 보호하기" }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("ko");
      await screenshot(page, "portal-ko");
      await page.getByLabel("언어").selectOption("en");
      await page.getByRole("heading", { name: "Protect your images" }).waitFor();
    } finally {
      await korean.close();
    }
  });
});
