/**
 * engine/shared — what every engine sub-area may use: the EventSink port through which the engine
 * tells the outside what it decided, and the background refresh that keeps a worker's in-memory
 * copies (the bank matcher, the face index) in step with the store.
 *
 * It is the bottom of engine: it must never import another sub-area, and never hold a domain
 * rule (banks, faces, policies and cases each have their own sub-area).
 */
export {
  EVENT_TYPES,
  NO_EVENTS,
  type EventSink,
  type EventType,
  type VigilEvent,
} from "./events.js";
export { refreshInBackground } from "./background-refresh.js";
