/**
 * server — the HTTP API: routes as thin adapters over the engine (scan, content, reports, review,
 * banks and entries, hash-list exchange, policies, webhooks, the console's sessions and stats,
 * protected people, health and metrics), an OpenAPI document at /openapi.json (browsable at
 * /docs), API keys with scopes (`auth/`); and the process that runs it all (`process/`: the
 * configuration, start-up by role, the workers, the Telegram connector).
 *
 * It turns every error into `{ error: { code, message } }` in one place and never leaks a stack
 * trace; it never logs or stores request bodies (they may be a victim's image), and it never
 * decides a verdict itself (the engine does).
 */
export { isScope, SCOPES, type Scope } from "./auth/api-keys.js";
export { buildServer } from "./app.js";
export { issueApiKey } from "./auth/issue-key.js";
export { ConfigError, loadServerConfig } from "./process/config.js";
export { startServer } from "./process/start.js";
