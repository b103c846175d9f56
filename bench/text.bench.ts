/**
 * Text findings speed: messages/s over the labelled corpus (short chat messages, Korean and
 * English), and the worst case the length cap allows (a 10,000-character message).
 */
import { readFileSync } from "node:fs";
import { DEFAULT_TEXT_MAX_LENGTH, findTextSignals } from "../src/signals/index.js";
import { measure, printRows } from "./harness.js";

interface Item {
  readonly text: string;
}

export async function run(): Promise<void> {
  const corpus = JSON.parse(
    readFileSync(new URL("../src/signals/text/corpus.json", import.meta.url), "utf8"),
  ) as Item[];
  const texts = corpus.map((item) => item.text);
  const long = texts.join(" ").repeat(20).slice(0, DEFAULT_TEXT_MAX_LENGTH);
  let next = 0;
  const oneMessage = () => findTextSignals(texts[next++ % texts.length]!);
  const corpusRun = await measure(`corpus (${texts.length} messages), one message`, oneMessage);
  printRows(
    "Text findings (lexicon, normalisation, context), one core",
    [
      corpusRun,
      await measure(`one ${DEFAULT_TEXT_MAX_LENGTH.toLocaleString("en")}-character message`, () =>
        findTextSignals(long),
      ),
    ],
    "messages",
  );
}
