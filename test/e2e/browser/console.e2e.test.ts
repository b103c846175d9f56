import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { browserAvailable, browserSuite, screenshot } from "../../helpers/browser.js";
import { account, queue, report, signIn } from "./console-session.js";

/**
 * The moderator console in headless Chromium against a real Vigil server: sign in with a
 * password, work the queue by keyboard, the case leaves the queue; a case held by a moderator
 * who leaves goes back at once; every console page renders for an admin.
 */
const PDQ_A = "f".repeat(16) + "0".repeat(16) + "a5".repeat(16);
const PDQ_B = "0f".repeat(16) + "3c".repeat(16);

describe.skipIf(!browserAvailable())("moderator console in a browser", { timeout: 90_000 }, () => {
  const { web, browser } = browserSuite();

  it("signs a moderator in, reviews a queued case by keyboard, and the case leaves the queue", async () => {
    await account(web, "ann", "moderator");
    const caseId = await report(web, "https://chat.example/m/1");
    expect((await queue(web)).map((c) => c.id)).toEqual([caseId]);

    const page = await signIn(web, browser, "ann");
    const shown = page.getByTestId("case");
    await shown.waitFor();
    expect(await shown.getAttribute("data-case-id")).toBe(caseId);
    await expect.poll(async () => (await queue(web))[0]?.assignee).not.toBeNull();
    await screenshot(page, "console-review");

    // A decision needs a reason: "1" alone is refused, and nothing is decided.
    await page.getByRole("heading", { name: "Review" }).click();
    await page.keyboard.press("1");
    await page.getByText("Choose a reason first").waitFor();
    await page.getByLabel(/^Reason/).selectOption("ncii");
    await page.getByLabel(/^Note/).fill("matches the reporter's description");
    await page.keyboard.press("Escape");
    await page.keyboard.press("1");

    await page.getByTestId("queue-empty").waitFor();
    expect(await queue(web)).toEqual([]);
    const decided = await web.server.call("GET", `/v1/cases/${caseId}`);
    expect(decided.json()).toMatchObject({ status: "closed", lastDecision: "remove" });
    expect(decided.json().decisions[0]).toMatchObject({ reason: "ncii" });
    await page.close();
  });

  it("gives the held case back when the moderator leaves the page", async () => {
    await account(web, "bo", "moderator");
    const caseId = await report(web, "https://chat.example/m/2");
    const page = await signIn(web, browser, "bo");
    await page.getByTestId("case").waitFor();
    await expect
      .poll(async () => (await queue(web)).find((c) => c.id === caseId)?.assignee)
      .toBeTruthy();
    await page.goto(`${web.origin}/portal`);
    await expect
      .poll(async () => (await queue(web)).find((c) => c.id === caseId)?.assignee, {
        timeout: 10_000,
      })
      .toBeNull();
    await page.close();
  });

  it("lets an admin import into a bank, switch it off, change a rule's mode and backtest", async () => {
    await account(web, "ada", "admin");
    await web.server.call("POST", "/v1/banks", {
      json: { id: "known-ncii", name: "Known NCII", labels: ["ncii"], action: "block" },
    });
    const page = await signIn(web, browser, "ada");
    const visit = async (path: string, name: string, ready: () => Promise<unknown>) => {
      await page.goto(`${web.origin}${path}`);
      await ready();
      await screenshot(page, name);
    };
    await visit("/console/banks", "console-banks", () => page.getByTestId("banks").waitFor());
    expect(await page.getByTestId("banks").textContent()).toContain("Known NCII");

    // A hash list with one bad line: the good ones import, the bad one is reported by number.
    const list = join(mkdtempSync(join(tmpdir(), "vigil-list-")), "list.txt");
    writeFileSync(list, [PDQ_A, "not-a-hash", PDQ_B, ""].join("\n"));
    await page.getByLabel(/^Hash list/).setInputFiles(list);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("2 added").waitFor();
    const errorRow = page
      .getByRole("table", { name: "Lines that were not imported" })
      .getByRole("row");
    expect(await errorRow.nth(1).locator("td").first().textContent()).toBe("2");
    await page.getByRole("switch", { name: "Bank Known NCII enabled" }).click();
    await expect
      .poll(async () => (await web.server.call("GET", "/v1/banks/known-ncii")).json())
      .toMatchObject({ enabled: false, entries: { active: 2 } });
    await screenshot(page, "console-banks-imported");

    await visit("/console/rules", "console-rules", () =>
      page.getByRole("heading", { name: "Last backtest" }).waitFor(),
    );
    await page.getByLabel("Mode of rule synthetic-explicit").selectOption("off");
    await expect
      .poll(async () => {
        const rules = (await web.server.call("GET", "/v1/policies")).json().rules as {
          id: string;
          mode: string;
        }[];
        return rules.find((r) => r.id === "synthetic-explicit")?.mode;
      })
      .toBe("off");
    await page.getByRole("button", { name: /^Run a backtest/ }).click();
    await page.getByText(/recorded items replayed/).waitFor();
    await visit("/console/appeals", "console-appeals", () =>
      page.getByRole("heading", { name: "Appeals" }).waitFor(),
    );
    await page.close();
  });
});
