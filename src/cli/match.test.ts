import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdqVectorPath, sharedDataAvailable } from "../../test/helpers/shared.js";
import { dihedralOfHash, formatPdqHex, hammingDistance, parsePdqHex } from "../hash/index.js";
import { runCli } from "./main.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, lines: stdout.split("\n").filter(Boolean) };
}

/** Every (query line, bank line, distance) within `d`, by brute force over the two lists. */
function bruteForce(queries: string[], bank: string[], d: number): string[] {
  const out: string[] = [];
  queries.forEach((q, qi) => {
    bank.forEach((b, bi) => {
      const distance = hammingDistance(parsePdqHex(q), parsePdqHex(b));
      if (distance <= d) out.push(`${qi + 1},${bi + 1},${distance}`);
    });
  });
  return out;
}

function flip(hex: string, bits: number[]): string {
  const hash = parsePdqHex(hex);
  for (const bit of bits) hash[bit >>> 4]! ^= 1 << (bit & 15);
  return formatPdqHex(hash);
}

const A = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
const B = "e4cc89d91c623842f8d1f1d9a398e78c9f199a3bf87925f2b7e11e0bf061b064";

describe("vigil match", () => {
  let dir = "";
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-match-"));
    const bank = [A, flip(A, [1, 2, 3]), B, flip(A, [...Array(40).keys()])].join("\n") + "\n";
    await writeFile(file("bank.txt"), bank);
    const queries = [
      `${flip(A, [200])},100,some/photo.jpg`,
      "",
      B.toUpperCase(),
      "not a hash",
      A.slice(1),
    ];
    await writeFile(file("queries.txt"), queries.join("\n") + "\n");
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("prints query line, bank line and distance for every match, and only that", async () => {
    const { code, lines, stderr } = await run(
      "match",
      "--bank",
      file("bank.txt"),
      file("queries.txt"),
    );
    expect(lines).toEqual(["1,1,1", "1,2,4", "3,3,0"]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file("queries.txt")}:4: `);
    expect(stderr).toContain(`${file("queries.txt")}:5: `);
    expect(stderr.split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("honours --distance", async () => {
    const { lines } = await run(
      "match",
      "--bank",
      file("bank.txt"),
      "--distance",
      "0",
      file("queries.txt"),
    );
    expect(lines).toEqual(["3,3,0"]);
    const edge = await run(
      "match",
      "--bank",
      file("bank.txt"),
      "--distance",
      "40",
      file("queries.txt"),
    );
    expect(edge.lines).toEqual(["1,1,1", "1,2,4", "3,3,0"]);
    const wide = await run(
      "match",
      "--bank",
      file("bank.txt"),
      "--distance",
      "47",
      file("queries.txt"),
    );
    expect(wide.lines).toEqual(["1,1,1", "1,2,4", "1,4,41", "3,3,0"]);
  });

  it("with --dihedral finds a mirrored copy the plain match misses", async () => {
    await writeFile(
      file("mirrored.txt"),
      formatPdqHex(dihedralOfHash(parsePdqHex(A)).flipY) + "\n",
    );
    const plain = await run("match", "--bank", file("bank.txt"), file("mirrored.txt"));
    expect(plain.lines.filter((line) => line.split(",")[1] === "1")).toEqual([]);
    const dihedral = await run(
      "match",
      "--bank",
      file("bank.txt"),
      "--dihedral",
      file("mirrored.txt"),
    );
    expect(dihedral.lines).toContain("1,1,0");
  });

  it("reports bad bank lines and still matches against the good ones", async () => {
    await writeFile(file("bad-bank.txt"), `${A}\nxyz\n${B},note\n`);
    const { code, lines, stderr } = await run(
      "match",
      "--bank",
      file("bad-bank.txt"),
      file("queries.txt"),
    );
    expect(code).toBe(1);
    expect(stderr).toContain(`${file("bad-bank.txt")}:2: `);
    expect(lines).toContain("3,3,0");
  });

  it("fails with exit 2 for a missing file or a bad distance", async () => {
    const missing = await run("match", "--bank", file("nope.txt"), file("queries.txt"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.txt: no such file or directory");
    expect(
      (await run("match", "--bank", file("bank.txt"), "--distance", "48", file("queries.txt")))
        .code,
    ).toBe(2);
    expect((await run("match", file("queries.txt"))).code).toBe(2);
  });
});

describe.skipIf(!sharedDataAvailable())("vigil match on the reference's regression lists", () => {
  it.each([0, 16, 31, 47])(
    "gives exactly the brute-force matches of needles in the haystack at d=%i",
    async (d) => {
      const needles = pdqVectorPath("data/reg-test-input/needles.txt");
      const haystack = pdqVectorPath("data/reg-test-input/haystack.txt");
      const read = async (path: string) =>
        (await readFile(path, "utf8")).split("\n").filter(Boolean);
      const { code, lines } = await run(
        "match",
        "--bank",
        haystack,
        "--distance",
        String(d),
        needles,
      );
      expect(code).toBe(0);
      expect(lines).toEqual(bruteForce(await read(needles), await read(haystack), d));
      if (d === 31) expect(lines.length).toBeGreaterThan(0);
    },
  );
});
