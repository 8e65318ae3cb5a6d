// Shared by every benchmark: the row shape `npm run bench` gathers, percentiles, and a table.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchRow {
  /** What was measured, e.g. "headless start → API answering (median)". */
  readonly figure: string;
  /** The measurement with its unit, e.g. "212 ms". */
  readonly value: string;
  /** The target from the issue, e.g. "≤ 500 ms". */
  readonly goal: string;
  /** A baseline measured in the same run, with its value, e.g. "node -e 0: 38 ms (5.6×)". */
  readonly baseline: string;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(values: readonly number[]): { min: number; median: number; max: number; p99: number } {
  return { min: Math.min(...values), median: percentile(values, 50), max: Math.max(...values), p99: percentile(values, 99) };
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(1)}×`;
}

export function printTable(rows: readonly BenchRow[]): void {
  const headers: BenchRow = { figure: 'figure', value: 'value', goal: 'goal', baseline: 'baseline (same run)' };
  const all = [headers, ...rows];
  const width = (k: keyof BenchRow) => Math.max(...all.map((r) => r[k].length));
  const line = (r: BenchRow) => `| ${r.figure.padEnd(width('figure'))} | ${r.value.padEnd(width('value'))} | ${r.goal.padEnd(width('goal'))} | ${r.baseline.padEnd(width('baseline'))} |`;
  console.log(line(headers));
  console.log(`|${'-'.repeat(width('figure') + 2)}|${'-'.repeat(width('value') + 2)}|${'-'.repeat(width('goal') + 2)}|${'-'.repeat(width('baseline') + 2)}|`);
  for (const r of rows) console.log(line(r));
}

/** True when the module is run directly (`node --import tsx bench/x.bench.ts`). */
export function isMain(metaUrl: string): boolean {
  // Compare paths, not URL text: a checkout path with spaces or non-ASCII is %-encoded in the URL.
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === resolve(process.argv[1]);
}
