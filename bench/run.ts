// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after
// another and prints one table of figures, goals and same-run baselines.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { printTable, type BenchRow } from './lib/report.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const names = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
  .sort();

const rows: BenchRow[] = [];
const failures: string[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}…\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<BenchRow[]> };
    if (typeof mod.run !== 'function') throw new Error('exports no run()');
    rows.push(...(await mod.run()));
  } catch (error) {
    failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log('');
printTable(rows);
if (failures.length) {
  console.log(`\nBenchmarks that failed to run:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exitCode = 1;
}
