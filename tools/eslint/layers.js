// @ts-check
/**
 * ESLint rule `vigil/layers`: the import direction of docs/ARCHITECTURE.md, enforced.
 *
 * Each folder under src/ is a part with a rank. A file may import a part of a lower rank, only
 * through that part's index.ts, and never a part of the same or higher rank (its own files are
 * fine). `hash` and `core` must also stay free of Node built-ins, since the browser runs them.
 */
import { dirname, relative, resolve, sep } from "node:path";

/** Lower parts first; a part may import only parts before it in this list. */
export const PART_ORDER = [
  "core",
  "hash",
  "media",
  "signals",
  "store",
  "queue",
  "policy",
  "engine",
  "actions",
  "platforms",
  "server",
  "web",
  "cli",
];

const BROWSER_SAFE_PARTS = new Set(["core", "hash"]);

/** @param {string} file @param {string} srcRoot */
function partOf(file, srcRoot) {
  const rel = relative(srcRoot, file);
  if (rel.startsWith("..")) return undefined;
  const [part, ...rest] = rel.split(sep);
  return rest.length === 0 ? undefined : { name: part ?? "", rest: rest.join("/") };
}

/** @type {import("eslint").Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Parts import only lower parts, through their index.ts" },
    schema: [],
    messages: {
      upward:
        "Part `{{from}}` must not import `{{to}}`: imports go down the list in docs/ARCHITECTURE.md.",
      unknown: "Folder `src/{{part}}` is not a part listed in tools/eslint/layers.js.",
      internal: "Import `{{to}}` through its public entry (src/{{to}}/index.ts), not `{{path}}`.",
      node: "Part `{{from}}` runs in the browser too and must not import the Node built-in `{{path}}`.",
    },
  },
  create(context) {
    const srcRoot = resolve(context.cwd, "src");
    const from = partOf(context.filename, srcRoot);
    if (!from) return {};
    const fromRank = PART_ORDER.indexOf(from.name);
    /** @param {any} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== "string") return;
      if (fromRank < 0) {
        context.report({ node, messageId: "unknown", data: { part: from.name } });
        return;
      }
      const isTest = context.filename.endsWith(".test.ts");
      if (
        BROWSER_SAFE_PARTS.has(from.name) &&
        !isTest &&
        (source.startsWith("node:") || source === "fs")
      ) {
        context.report({ node, messageId: "node", data: { from: from.name, path: source } });
        return;
      }
      if (!source.startsWith(".")) return;
      const target = partOf(resolve(dirname(context.filename), source), srcRoot);
      if (!target || target.name === from.name) return;
      if (PART_ORDER.indexOf(target.name) >= fromRank) {
        context.report({ node, messageId: "upward", data: { from: from.name, to: target.name } });
      } else if (target.rest !== "index.js" && target.rest !== "index.ts") {
        context.report({ node, messageId: "internal", data: { to: target.name, path: source } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
