/**
 * server — the HTTP API: scan, reports, banks and entries, hash-list exchange, health and
 * metrics, an OpenAPI document at /openapi.json (browsable at /docs), API keys with scopes.
 *
 * It turns every error into `{ error: { code, message } }` in one place and never leaks a stack
 * trace; it never logs or stores request bodies (they may be a victim's image).
 */
export {
  generateApiKey,
  hasScope,
  isScope,
  parseApiKey,
  SCOPES,
  type Scope,
} from "./auth/api-keys.js";
export { buildServer, type ServerDeps } from "./app.js";
export { issueApiKey, type IssueKeyOptions } from "./auth/issue-key.js";
export { ConfigError, loadServerConfig, type ServerConfig } from "./process/config.js";
export { loadMatcher } from "../engine/index.js";
export { startServer, type RunningServer, type StartOptions } from "./process/start.js";
export { generatePassword, hashSecretSlowly, secretMatchesSlowHash } from "../engine/index.js";
