import { Command, CommanderError, InvalidArgumentError } from "commander";
import { runDemoCommand } from "./commands/demo.js";
import { runHashCommand } from "./commands/hash.js";
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
      "print PDQ hashes of image files as `hash,quality,path` (the reference tool's format); " +
        "directories are walked for files that are images by content",
    )
    .argument("<paths...>", "image files or directories")
    .option("--json", "one JSON object per line with pdq, quality, md5, sha256, width, height")
    .option("--dihedral", "print the 8 rotations and mirror images of each hash")
    .option(
      "--partial",
      "hash what decodes of a damaged (e.g. truncated) file instead of refusing it",
    )
    .option("--max-bytes <n>", "largest file accepted, in bytes", positiveInteger)
    .option("--max-pixels <n>", "largest width × height accepted", positiveInteger)
    .action(async (paths: string[], options) => {
      exitCode = await runHashCommand(paths, options, io);
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
