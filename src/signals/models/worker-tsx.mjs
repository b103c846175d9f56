// The pool's thread entry when Vigil runs from TypeScript source (vitest, tsx). Node 20 does not
// apply `--import tsx` given in a worker's execArgv, so the thread registers tsx itself, scoped
// to this import, and hands Piscina the compiled worker's task function. The built `dist/` uses
// worker.js directly and never loads this file.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./worker.ts", import.meta.url);
export default worker.default;
