import { Command, CommanderError, InvalidArgumentError } from "commander";
import { runAuditVerify } from "./commands/audit.js";
import { runDemoCommand } from "./commands/demo.js";
import { runHashCommand } from "./commands/hash.js";
import { runKeysCreate, runKeysList, runKeysRevoke } from "./commands/keys.js";
import { runModeratorsAdd, runModeratorsPassword } from "./commands/moderators.js";
import { runMatchCommand } from "./commands/match.js";
import {
  runPolicyApply,
  runPolicyBacktest,
  runPolicyShow,
  runPolicyValidate,
} from "./commands/policy.js";
import { runServeCommand } from "./commands/serve.js";
import { SCOPES } from "../server/index.js";
import { processIo, type CliIo } from "./io.js";

/**
 * `vigil` — the command line. Each command is a function of its arguments and an output sink, so
 * tests run them in-process; this file only parses arguments and maps results to exit codes.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command("vigil")
    .description("Vigil: find and take down sexual deepfakes and non-consensual intimate imagery.")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run vigil --help for usage)");

  program
    .command("hash")
    .description(
      "print PDQ hashes of images as `hash,quality,path` (the reference tool's format) and of " +
        "videos as `md5,frames,path` or, with --frames, a vPDQ line per frame; directories are " +
        "walked for files that are images or videos by content",
    )
    .argument("<paths...>", "image or video files, or directories")
    .option("--json", "one JSON object per line (adds md5, sha256, size, format)")
    .option("--dihedral", "images: print the 8 rotations and mirror images of each hash")
    .option("--frames", "videos: one line per sampled frame, `frame,quality,pdq,timestamp,path`")
    .option("--fps <n>", "videos: frames sampled per second (default 1)", positiveNumber)
    .option(
      "--partial",
      "hash what decodes of a damaged (e.g. truncated) file instead of refusing it",
    )
    .option(
      "--max-bytes <n>",
      "largest file accepted, in bytes (default 50 MB images, 500 MB videos)",
      positiveInteger,
    )
    .option("--max-pixels <n>", "images: largest width × height accepted", positiveInteger)
    .action(async (paths: string[], options) => {
      exitCode = await runHashCommand(paths, options, io);
    });

  program
    .command("match")
    .description(
      "match a list of PDQ hashes against a bank list (one hex hash a line, optionally followed " +
        "by `,` and anything); prints `<query line>,<bank line>,<distance>` for every match",
    )
    .argument("<queries>", "file of query hashes")
    .requiredOption("--bank <file>", "file of bank hashes")
    .option("--distance <d>", "largest Hamming distance that matches, 0..47", distance, 31)
    .option("--dihedral", "also match rotated and mirrored copies (variants derived from the hash)")
    .action(async (queries: string, options) => {
      exitCode = await runMatchCommand(queries, options, io);
    });

  program
    .command("serve")
    .description(
      "run the Vigil server (API, docs at /docs) on SQLite under ./data, or VIGIL_DATABASE_URL",
    )
    .option("--port <n>", "port to listen on (default 8080, or VIGIL_PORT)", port)
    .option("--host <host>", "address to listen on (default 0.0.0.0, or VIGIL_HOST)")
    .option(
      "--data <dir>",
      "directory for the embedded database (default ./data, or VIGIL_DATA_DIR)",
    )
    .option(
      "--role <role>",
      "all (API and workers), api (HTTP only) or worker (jobs only; default all, or VIGIL_ROLE)",
    )
    .action(async (options) => {
      exitCode = await runServeCommand(options, io);
    });

  const keys = program.command("keys").description("manage API keys");
  keys
    .command("create")
    .description("create an API key; prints it once")
    .requiredOption("--name <name>", "who or what the key is for")
    .requiredOption("--scopes <list>", `comma-separated: ${SCOPES.join(", ")}`)
    .option("--rate-limit <n>", "requests a minute (default: the server's)", positiveInteger)
    .option("--data <dir>", "directory of the embedded database")
    .action(async (options) => {
      exitCode = await runKeysCreate(options, io);
    });
  keys
    .command("list")
    .description("list API keys (never their secrets)")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (options) => {
      exitCode = await runKeysList(options, io);
    });
  keys
    .command("revoke")
    .description("revoke an API key by id")
    .argument("<id>")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (id: string, options) => {
      exitCode = await runKeysRevoke(id, options, io);
    });

  const moderators = program.command("moderators").description("console accounts");
  moderators
    .command("add")
    .description("create a moderator account; prints its generated password once")
    .requiredOption("--name <name>", "the account's name (what she signs in with)")
    .requiredOption("--role <role>", "admin, lead or moderator")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (options) => {
      exitCode = await runModeratorsAdd(options, io);
    });
  moderators
    .command("password")
    .description("give a moderator a new generated password; prints it once")
    .argument("<name>")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (name: string, options) => {
      exitCode = await runModeratorsPassword(name, options, io);
    });

  program
    .command("audit")
    .description("check the audit log")
    .command("verify")
    .description(
      "recompute the audit hash chain; exit 0 if intact (prints the head hash), 1 naming the " +
        "first broken event",
    )
    .option("--data <dir>", "directory of the embedded database")
    .action(async (options) => {
      exitCode = await runAuditVerify(options, io);
    });

  const policy = program.command("policy").description("rule files: check, store, show, backtest");
  policy
    .command("validate")
    .description("check a JSON or YAML rule file; prints each rule in words, exit 1 on a bad rule")
    .argument("<file>")
    .action(async (file: string) => {
      exitCode = await runPolicyValidate(file, io);
    });
  policy
    .command("apply")
    .description("store a rule file as the next policy version (the one in force)")
    .argument("<file>")
    .option("--comment <text>", "why, for the version list and the audit log")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (file: string, options) => {
      exitCode = await runPolicyApply(file, options, io);
    });
  policy
    .command("show")
    .description("print the rule set in force (or a stored version), each rule in words")
    .option("--version <n>", "a stored version", positiveInteger)
    .option("--json", "the rule set as JSON")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (options) => {
      exitCode = await runPolicyShow(options, io);
    });
  policy
    .command("backtest")
    .description("replay recorded evaluations through a rule file and report what would change")
    .argument("<file>")
    .option(
      "--against <n>",
      "the stored version to compare with (default: the one in force)",
      positiveInteger,
    )
    .option("--limit <n>", "at most this many recorded items, oldest first", positiveInteger)
    .option("--since <time>", "only items evaluated at or after this ISO 8601 time")
    .option("--json", "the report as JSON")
    .option("--data <dir>", "directory of the embedded database")
    .action(async (file: string, options) => {
      exitCode = await runPolicyBacktest(file, options, io);
    });

  program
    .command("demo")
    .description("show PDQ recognising edited copies of a generated picture")
    .action(async () => {
      exitCode = await runDemoCommand(io);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("must be a positive number");
  return n;
}

function distance(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 47) {
    throw new InvalidArgumentError("must be an integer from 0 to 47");
  }
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("must be a port number");
  return n;
}
