import { ConfigError, loadServerConfig, startServer } from "../../server/index.js";
import type { CliIo } from "../io.js";

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly data?: string;
  readonly role?: string;
}

/**
 * `vigil serve`: the whole of Vigil in one process (or one role of it, `--role api|worker`) on the embedded default (SQLite under ./data),
 * or on PostgreSQL when VIGIL_DATABASE_URL says so. Runs until SIGINT or SIGTERM, then closes
 * the server (in-flight requests finish) and the database.
 */
export async function runServeCommand(options: ServeOptions, io: CliIo): Promise<number> {
  let config;
  try {
    config = loadServerConfig({ env: process.env, flags: options });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`vigil serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const server = await startServer(config, { announce: io.stdout });
  io.stdout(
    config.role === "worker" || config.role === "connector"
      ? `Vigil ${config.role} running (health at ${server.url}/healthz)\n`
      : `Vigil (${config.role}) is listening on ${server.url} — API docs at ${server.url}/docs\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  return 0;
}
