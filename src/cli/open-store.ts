import { loadServerConfig } from "../server/index.js";
import { openStore, type Store } from "../store/index.js";

/**
 * The store the server would use: VIGIL_DATABASE_URL, else SQLite under `--data` (or
 * VIGIL_DATA_DIR, or ./data). Commands that work on the database offline open it this way.
 */
export function openConfiguredStore(data: string | undefined): Promise<Store> {
  const config = loadServerConfig({ env: process.env, flags: data !== undefined ? { data } : {} });
  return openStore({ url: config.databaseUrl });
}
