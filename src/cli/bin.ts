/** Process entry: `vigil ARGS...`. bin/vigil.js runs the compiled copy of this file. */
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2));
