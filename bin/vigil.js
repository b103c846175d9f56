#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (`npm ci` builds it through `prepare`).
import { runCli } from "../dist/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
