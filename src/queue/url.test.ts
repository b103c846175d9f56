import { describe, expect, it } from "vitest";
import { parseQueueUrl } from "./url.js";

describe("parseQueueUrl", () => {
  it("reads the embedded and the JetStream forms", () => {
    expect(parseQueueUrl("sqlite:./data/queue.db")).toEqual({
      backend: "sqlite",
      file: "./data/queue.db",
    });
    expect(parseQueueUrl("sqlite:///var/lib/vigil/queue.db")).toEqual({
      backend: "sqlite",
      file: "/var/lib/vigil/queue.db",
    });
    expect(parseQueueUrl("nats://a:4222, nats://b:4222")).toEqual({
      backend: "nats",
      servers: ["nats://a:4222", "nats://b:4222"],
    });
  });

  it("refuses anything else, naming the forms it takes", () => {
    for (const url of ["", "redis://x", "./queue.db", "sqlite:"]) {
      expect(() => parseQueueUrl(url)).toThrow(
        expect.objectContaining({ code: "queue/invalid-url" }),
      );
    }
  });
});
