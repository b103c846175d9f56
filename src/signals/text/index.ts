/**
 * Text findings for Korean and English: a lexicon kept as data, a normaliser that defeats the
 * usual evasions and keeps every letter's original span, and a context rule for news and
 * requests (docs/signals/text.md). It never stores or logs the text it reads.
 */
export {
  DEFAULT_TEXT_MAX_LENGTH,
  DEFAULT_TEXT_MIN_WEIGHT,
  findTextSignals,
  type FindTextSignalsOptions,
} from "./find.js";
export { VIGIL_LEXICON } from "./lexicon.js";
export {
  TEXT_CATEGORIES,
  type ContextCue,
  type Lexicon,
  type LexiconEntry,
  type TextCategory,
} from "./lexicon-types.js";
export { TextSignalProvider } from "./provider.js";
