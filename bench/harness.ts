/**
 * A small timing loop for `npm run bench`: warm up, then run until at least `seconds` have passed,
 * and report operations per second. Results are printed as Markdown rows for docs/BENCHMARKS.md.
 */
export interface Measurement {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export async function measure(
  name: string,
  operation: () => unknown,
  { seconds = 3, warmup = 5 }: { seconds?: number; warmup?: number } = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await operation();
  let operations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    await operation();
    operations++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { name, operations, seconds: elapsed, perSecond: operations / elapsed };
}

export function printRows(title: string, rows: readonly Measurement[], unit: string): void {
  console.log(`\n### ${title}\n`);
  console.log(`| what | ${unit}/s | ms each | runs |`);
  console.log("| --- | ---: | ---: | ---: |");
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.perSecond.toFixed(1)} | ${(1000 / row.perSecond).toFixed(3)} | ${row.operations} |`,
    );
  }
}
