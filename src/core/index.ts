/**
 * core — what every part of Vigil shares: the error family with stable codes, and JSON as a type.
 *
 * It must never import another part and never touch a Node API: the `hash` part that sits on it
 * runs in the browser too.
 */
export { VigilError, isVigilError, type ErrorCode } from "./errors.js";
export type { JsonObject, JsonValue } from "./json.js";
