import { expect } from "vitest";
import type { TestBrowser, WebServer } from "../../helpers/browser.js";

/** Moderators and cases for the console suites, made through the API with an admin key. */
export const PASSWORD = "correct horse battery staple";

export async function account(
  web: WebServer,
  name: string,
  role: "moderator" | "lead" | "admin",
): Promise<string> {
  const created = await web.server.call("POST", "/v1/moderators", {
    json: { name, role, password: PASSWORD },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().moderator.id as string;
}

export async function report(web: WebServer, ref: string, contentHash?: string): Promise<string> {
  const filed = await web.server.call("POST", "/v1/reports", {
    json: {
      contentRef: ref,
      reason: "ncii",
      reporter: "user:7",
      text: "this is me",
      ...(contentHash ? { contentHash } : {}),
    },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  return filed.json().case.id as string;
}

/** Signs in through the form, in a page without the previous moderator's cookie. */
export async function signIn(web: WebServer, browser: TestBrowser, name: string) {
  await browser.context.clearCookies();
  const page = await browser.newPage();
  await page.goto(`${web.origin}/console`);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation").waitFor();
  return page;
}

export async function queue(web: WebServer) {
  const answer = await web.server.call("GET", "/v1/review/queue");
  return answer.json().cases as { id: string; assignee: string | null }[];
}
