import { describe, expect, it } from "vitest";
import { addressRange } from "./ip-range.js";

describe("addressRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fec0::1", "private"],
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.0.170", "reserved"],
    ["192.0.2.1", "documentation"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001::1", "reserved"], // Teredo
    ["::127.0.0.1", "reserved"], // IPv4-compatible
    ["100::1", "reserved"],
    ["4000::1", "reserved"],
  ])("puts %s in %s", (address, range) => {
    expect(addressRange(address)).toBe(range);
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:7f00:1]", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["64:ff9b::a9fe:a9fe", "link-local"], // NAT64 to 169.254.169.254
    ["64:ff9b::8.8.8.8", "public"],
    ["2002:7f00:1::", "loopback"], // 6to4 around 127.0.0.1
    ["2002:c0a8:101::1", "private"],
    ["::ffff:8.8.8.8", "public"],
  ])("judges %s by the IPv4 address inside it (%s)", (address, range) => {
    expect(addressRange(address)).toBe(range);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:800::200e",
  ])("finds %s public", (address) => {
    expect(addressRange(address)).toBe("public");
  });

  it("knows nothing that is not an IP address", () => {
    for (const text of ["localhost", "example.com", "", "1.2.3", "::g", "[1.2.3.4]"]) {
      expect(addressRange(text)).toBeUndefined();
    }
  });

  it("sees through the URL parser's other spellings of 127.0.0.1", () => {
    for (const url of [
      "http://0x7f000001/",
      "http://2130706433/",
      "http://127.1/",
      "http://0177.0.0.1/",
    ]) {
      expect(addressRange(new URL(url).hostname)).toBe("loopback");
    }
    expect(addressRange(new URL("http://[::ffff:127.0.0.1]/").hostname)).toBe("loopback");
  });
});
