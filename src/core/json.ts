/**
 * JSON as data: what the store keeps in JSON columns, what a queued job carries and what an
 * event says. Here, below every part, so each can use it without importing another.
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}
