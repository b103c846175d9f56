/**
 * A secret setting (the Transparency Database token) that cannot leak by accident: printing,
 * logging, JSON-encoding or inspecting it shows `[redacted]`. Only `reveal()` gives the value,
 * at the one place it is put into an Authorization header.
 */
import { inspect } from "node:util";

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return "[redacted]";
  }

  toJSON(): string {
    return "[redacted]";
  }

  [inspect.custom](): string {
    return "Secret([redacted])";
  }
}
