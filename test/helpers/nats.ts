import { connect } from "nats";
/** Deletes the streams of these deployment names (`<NAME>_JOBS`, `<NAME>_DEAD`), if they exist. */
export async function deleteNatsDeployments(url: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const nc = await connect({ servers: url });
  try {
    const jsm = await nc.jetstreamManager();
    for (const name of names) {
      for (const stream of [`${name.toUpperCase()}_JOBS`, `${name.toUpperCase()}_DEAD`]) {
        await jsm.streams.delete(stream).catch(() => false);
      }
    }
  } finally {
    await nc.close();
  }
}
