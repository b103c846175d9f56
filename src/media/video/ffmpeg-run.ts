/**
 * Runs ffmpeg or ffprobe as a child process: no shell, arguments as an array, input either a
 * file named in the arguments or bytes written to stdin, output handed chunk by chunk to the
 * caller. Whatever goes wrong (abort, timeout, a throwing consumer, a failed spawn), the child
 * is killed and the promise settles only after it has exited, so no process outlives a call.
 */
import { spawn } from "node:child_process";
import { VigilError } from "../../core/index.js";

export interface ToolRun {
  readonly command: string;
  readonly args: readonly string[];
  /** Written to the child's stdin; without it stdin is closed. */
  readonly stdin?: Uint8Array;
  /** Aborting kills the child; the run rejects with the signal's reason. */
  readonly signal: AbortSignal;
  /** Called synchronously per stdout chunk (so a slow consumer slows the child); may throw. */
  readonly onStdout: (chunk: Uint8Array) => void;
}

export interface ToolExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of stderr, for classifying failures; kept out of messages (it names paths). */
  readonly stderr: string;
}

/** Enough of stderr to classify an error; ffmpeg repeats itself on damaged files. */
const STDERR_TAIL_CHARS = 16_384;

export function runTool(run: ToolRun): Promise<ToolExit> {
  return new Promise((resolve, reject) => {
    if (run.signal.aborted) {
      reject(run.signal.reason);
      return;
    }
    let failure: { error: unknown } | undefined;
    let stderrTail = "";
    const child = spawn(run.command, run.args, {
      stdio: [run.stdin ? "pipe" : "ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    // Both are pipes, as asked for above; the typings cannot see that through the conditional.
    const stdout = child.stdout!;
    const stderr = child.stderr!;
    const fail = (error: unknown): void => {
      failure ??= { error };
      child.kill("SIGKILL");
      // Destroying our ends of the pipes lets "close" fire even if something still holds them.
      stdout.destroy();
      stderr.destroy();
      child.stdin?.destroy();
    };
    const onAbort = (): void => fail(run.signal.reason);
    run.signal.addEventListener("abort", onAbort, { once: true });

    let settled = false;
    const settle = (exit: ToolExit): void => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener("abort", onAbort);
      if (failure) reject(failure.error);
      else resolve(exit);
    };

    child.on("error", (error: NodeJS.ErrnoException) => {
      fail(spawnError(run.command, error));
      // A child that never started emits no "exit"; there is nothing to wait for.
      if (child.pid === undefined) settle({ code: null, signal: null, stderr: stderrTail });
    });
    stdout.on("data", (chunk: Buffer) => {
      if (failure) return;
      try {
        run.onStdout(chunk);
      } catch (error) {
        fail(error);
      }
    });
    stderr.setEncoding("utf8");
    stderr.on("data", (text: string) => {
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    if (child.stdin && run.stdin) {
      // The child may stop reading early (ffprobe has seen enough, or it was killed): EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(run.stdin);
    }
    child.on("close", (code, signal) => settle({ code, signal, stderr: stderrTail }));
  });
}

function spawnError(command: string, error: NodeJS.ErrnoException): unknown {
  if (error.code === "ENOENT" || error.code === "EACCES") {
    const name = /ffprobe/i.test(command) ? "ffprobe" : "ffmpeg";
    return new VigilError(
      "media/ffmpeg-missing",
      `Video support needs ${name}, which was not found or cannot be run; install ffmpeg.`,
      { tool: name },
      { cause: error },
    );
  }
  return error;
}
