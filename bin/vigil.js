#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (`npm ci` builds it through `prepare`).
import "../dist/cli/bin.js";
