/**
 * Runs `work` over `items` with up to `concurrency` in flight and hands the results to `emit` in
 * input order, so output lines keep the order of the arguments while decoding overlaps.
 */
export async function forEachOrdered<T, R>(
  items: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<R>,
  emit: (result: R, item: T) => void,
): Promise<void> {
  const pending: { item: T; result: Promise<R> }[] = [];
  for await (const item of items) {
    pending.push({ item, result: work(item) });
    if (pending.length >= concurrency) await emitFirst(pending, emit);
  }
  while (pending.length > 0) await emitFirst(pending, emit);
}

async function emitFirst<T, R>(
  pending: { item: T; result: Promise<R> }[],
  emit: (result: R, item: T) => void,
): Promise<void> {
  const first = pending.shift()!;
  emit(await first.result, first.item);
}
