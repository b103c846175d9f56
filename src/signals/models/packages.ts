import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { nodeRequire } from "./tf-runtime.js";

export interface InstalledPackage {
  readonly dir: string;
  readonly version: string;
}

/**
 * Where an installed package lives, and its version. Found from its resolved main file upwards,
 * because nsfwjs and Human have `exports` maps that hide `package.json` and the files we read
 * (model bundles, Human's wasm build, its models and sample images).
 */
export function installedPackage(name: string): InstalledPackage {
  let dir = dirname(nodeRequire.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return { dir, version: manifest.version ?? "unknown" };
    } catch {
      // No package.json at this level (or a nested one of another name): keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = parent;
  }
}
