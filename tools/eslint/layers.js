// @ts-check
/**
 * ESLint rule `vigil/layers`: the import direction of docs/ARCHITECTURE.md, enforced.
 *
 * Each folder under src/ is a part with a rank. A file may import a part of a lower rank, only
 * through that part's index.ts, and never a part of the same or higher rank (its own files are
 * fine). `hash` and `core` must also stay free of Node built-ins, since the browser runs them.
 *
 * A part split into sub-areas (engine) ranks them the same way inside it: an area imports only
 * areas before it, through their index.ts, and never its own part's entry (that entry imports
 * the areas, so it would be a cycle).
 *
 * The browser app (web/src) talks to the server over HTTP only: it may import from src/ nothing
 * but the entries of `hash` and `core`, the two parts that run in the browser. Its tests run in
 * Node and may import any part, through its entry.
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
  "compliance",
  "platforms",
  "server",
  "web",
  "cli",
];

/** Parts split into sub-areas, each with its entry, lower areas first. */
export const AREA_ORDER = {
  engine: ["shared", "matching", "faces", "policies", "review", "content"],
};

const BROWSER_SAFE_PARTS = new Set(["core", "hash"]);

/** @typedef {{ name: string, rest: string }} Place */

/** @param {string} file @param {string} root @returns {Place | undefined} */
function placeIn(file, root) {
  const rel = relative(root, file);
  if (rel.startsWith("..")) return undefined;
  return areaOf(rel.split(sep).join("/"));
}

/**
 * The first folder of a path and the rest of it; undefined for a file at the top.
 * @param {string} path @returns {Place | undefined}
 */
function areaOf(path) {
  const [name, ...rest] = path.split("/");
  return rest.length === 0 ? undefined : { name: name ?? "", rest: rest.join("/") };
}

/** @param {string} path */
const isEntry = (path) => path === "index.js" || path === "index.ts";

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
      areaUpward:
        "Area `{{part}}/{{from}}` must not import `{{part}}/{{to}}`: areas import only areas before them (tools/eslint/layers.js).",
      areaInternal:
        "Import `{{part}}/{{to}}` through its entry (src/{{part}}/{{to}}/index.ts), not `{{path}}`.",
      areaUnknown:
        "Folder `src/{{part}}/{{area}}` is not an area listed in tools/eslint/layers.js.",
      ownEntry:
        "Area `{{part}}/{{from}}` must not import its part's entry (src/{{part}}/index.ts): import the area it needs.",
      web: "The browser app may import from src/ only the entries of `hash` and `core` (src/hash/index.ts, src/core/index.ts), not `{{path}}`: it talks to the server over HTTP.",
    },
  },
  create(context) {
    const srcRoot = resolve(context.cwd, "src");
    const webRoot = resolve(context.cwd, "web", "src");
    const isTest = context.filename.endsWith(".test.ts");
    if (!relative(webRoot, context.filename).startsWith("..")) {
      return webImports(context, srcRoot, isTest);
    }
    const from = placeIn(context.filename, srcRoot);
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
      if (
        BROWSER_SAFE_PARTS.has(from.name) &&
        !isTest &&
        (source.startsWith("node:") || source === "fs")
      ) {
        context.report({ node, messageId: "node", data: { from: from.name, path: source } });
        return;
      }
      if (!source.startsWith(".")) return;
      const target = placeIn(resolve(dirname(context.filename), source), srcRoot);
      if (!target) return;
      if (target.name === from.name) {
        checkAreas(context, node, from, target, source);
      } else if (PART_ORDER.indexOf(target.name) >= fromRank) {
        context.report({ node, messageId: "upward", data: { from: from.name, to: target.name } });
      } else if (!isEntry(target.rest)) {
        context.report({ node, messageId: "internal", data: { to: target.name, path: source } });
      }
    };
    return visitors(check);
  },
};

/**
 * Inside a part with areas: a file in an area may import its own area freely, a lower area only
 * through its entry, and never a higher area or the part's own entry.
 * @param {import("eslint").Rule.RuleContext} context @param {any} node
 * @param {Place} from @param {Place} target @param {string} source
 */
function checkAreas(context, node, from, target, source) {
  const areas = /** @type {Record<string, string[]>} */ (AREA_ORDER)[from.name];
  if (!areas) return;
  const fromArea = areaOf(from.rest);
  if (!fromArea) return; // a file at the part's root (its entry) may import every area
  const part = from.name;
  const fromRank = areas.indexOf(fromArea.name);
  if (fromRank < 0) {
    context.report({ node, messageId: "areaUnknown", data: { part, area: fromArea.name } });
    return;
  }
  const toArea = areaOf(target.rest);
  if (!toArea) {
    if (isEntry(target.rest)) {
      context.report({ node, messageId: "ownEntry", data: { part, from: fromArea.name } });
    }
    return;
  }
  if (toArea.name === fromArea.name) return;
  const data = { part, from: fromArea.name, to: toArea.name, path: source };
  if (areas.indexOf(toArea.name) < 0 || areas.indexOf(toArea.name) >= fromRank) {
    context.report({ node, messageId: "areaUpward", data });
  } else if (!isEntry(toArea.rest)) {
    context.report({ node, messageId: "areaInternal", data });
  }
}

/**
 * @param {import("eslint").Rule.RuleContext} context @param {string} srcRoot @param {boolean} isTest
 * @returns {import("eslint").Rule.RuleListener}
 */
function webImports(context, srcRoot, isTest) {
  /** @param {any} node */
  const check = (node) => {
    const source = node.source?.value;
    if (typeof source !== "string" || !source.startsWith(".")) return;
    const target = placeIn(resolve(dirname(context.filename), source), srcRoot);
    if (!target) return;
    const allowed = isEntry(target.rest) && (isTest || BROWSER_SAFE_PARTS.has(target.name));
    if (!allowed) context.report({ node, messageId: "web", data: { path: source } });
  };
  return visitors(check);
}

/** @param {(node: any) => void} check @returns {import("eslint").Rule.RuleListener} */
function visitors(check) {
  return {
    ImportDeclaration: check,
    ExportNamedDeclaration: check,
    ExportAllDeclaration: check,
    ImportExpression: check,
  };
}
