/**
 * actions — what Vigil does with a verdict and how it talks to the outside: signed webhooks,
 * platform adapters (Telegram), and hash exchanges (import and export of hash lists, feedback).
 *
 * It must never decide a verdict (that is the engine's and the policies' job), never send content
 * bytes or pixels anywhere — only hashes, ids and decisions — and never log content.
 */
export { formatHashList } from "./exchange/format.js";
export { detectHashListFormat, parseHashList } from "./exchange/parse.js";
export { STOPNCII_TYPE } from "./exchange/stopncii.js";
export type {
  ExchangeEntry,
  ExchangeSignalType,
  ExchangeStatus,
  FormatHashListOptions,
  FormattedHashList,
  HashListError,
  HashListFormat,
  HashListParse,
  HashRecord,
  ParseHashListOptions,
} from "./exchange/types.js";
