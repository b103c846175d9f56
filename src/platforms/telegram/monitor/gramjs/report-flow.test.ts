import { Api } from "telegram";
import { describe, expect, it } from "vitest";
import { pickOption, walkReportFlow, type ReportCall } from "./report-flow.js";

const options = (...texts: string[]) =>
  texts.map((text, i) => new Api.MessageReportOption({ text, option: Buffer.from([i]) }));

const ADULT_LEVEL = options(
  "Child abuse",
  "Illegal sexual services",
  "Animal abuse",
  "Non-consensual sexual imagery",
  "Pornography",
  "Other",
);

describe("pickOption", () => {
  it("never files intimate imagery as child abuse or sexual services", () => {
    expect(pickOption(ADULT_LEVEL, "non-consensual-imagery")?.text).toBe(
      "Non-consensual sexual imagery",
    );
    const withoutNcii = options("Child abuse", "Illegal sexual services", "Pornography");
    expect(pickOption(withoutNcii, "non-consensual-imagery")?.text).toBe("Pornography");
    expect(pickOption(ADULT_LEVEL, "child-abuse")?.text).toBe("Child abuse");
  });

  it("falls back to Other, and to nothing rather than a wrong category", () => {
    expect(pickOption(options("Spam", "Other"), "personal-details")?.text).toBe("Other");
    expect(
      pickOption(options("I don't like it", "Spam"), "non-consensual-imagery"),
    ).toBeUndefined();
    expect(pickOption(options("불법 성인 콘텐츠", "기타"), "child-abuse")).toBeUndefined();
  });
});

describe("walkReportFlow", () => {
  it("chooses at each level, adds the comment when asked, and records the path", async () => {
    const calls: Array<[number[], string]> = [];
    const call: ReportCall = async (option, comment) => {
      calls.push([[...option], comment]);
      if (option.length === 0) {
        return new Api.ReportResultChooseOption({
          title: "Report",
          options: options("Violence", "Illegal adult content"),
        });
      }
      if (option[0] === 1 && option.length === 1) {
        return new Api.ReportResultChooseOption({
          title: "Illegal adult content",
          options: ADULT_LEVEL,
        });
      }
      if (comment === "") return new Api.ReportResultAddComment({ option: Buffer.from([9]) });
      return new Api.ReportResultReported();
    };
    const outcome = await walkReportFlow(call, "non-consensual-imagery", "ref ".repeat(200));
    expect(outcome).toEqual({
      status: "reported",
      path: ["Illegal adult content", "Non-consensual sexual imagery"],
    });
    expect(calls.map(([option]) => option)).toEqual([[], [1], [3], [9]]);
    expect(calls.at(-1)?.[1].length).toBe(500);
  });

  it("stops when nothing fits or the flow never ends", async () => {
    const nothing: ReportCall = async () =>
      new Api.ReportResultChooseOption({ title: "Report", options: options("Spam") });
    expect(await walkReportFlow(nothing, "other", "")).toEqual({ status: "no-option", path: [] });
    const endless: ReportCall = async () =>
      new Api.ReportResultChooseOption({ title: "Report", options: options("Other") });
    const outcome = await walkReportFlow(endless, "other", "");
    expect(outcome.status).toBe("no-option");
    expect(outcome.path.length).toBeLessThanOrEqual(6);
  });
});
