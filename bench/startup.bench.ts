// Cold start of the built headless daemon until its API answers, 10 runs, next to `node -e 0`
// measured in the same run. Two cases: a fresh data folder (key, database and migrations are
// created) and an existing one (the everyday start).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unreachableSignalConfig } from '../test/helpers/signal-config.js';
import { isMain, ms, printTable, ratio, summary, type BenchRow } from './lib/report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 10;

function timeNodeNoop(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - started;
}

/** Spawns the daemon, polls /api/status until 200, returns the elapsed ms, then stops it. */
async function timeStart(dataDir: string, signalConfig: string): Promise<number> {
  const started = performance.now();
  // stderr is dropped: each start warns that the (deliberately absent) Signal server is unreachable.
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), '--data-dir', dataDir, '--port', '0', '--signal-config', signalConfig], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Dashboard: (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`daemon exited with ${code}`)));
  });
  const u = new URL(url);
  for (;;) {
    const res = await fetch(`${u.origin}/api/status`, { headers: { Authorization: `Bearer ${u.searchParams.get('token')}` } }).catch(() => undefined);
    if (res?.status === 200) break;
  }
  const elapsed = performance.now() - started;
  await new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return elapsed;
}

export async function run(): Promise<BenchRow[]> {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--main-only'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const base = mkdtempSync(join(tmpdir(), 'sc-bench-start-'));
  const cleanups: Array<() => void> = [];
  // A Signal server on a closed loopback port: the benchmark never reaches for production.
  const signalConfig = await unreachableSignalConfig({ after: (fn) => void cleanups.push(fn as () => void) });
  try {
    const noop: number[] = [];
    const fresh: number[] = [];
    const existing: number[] = [];
    const everyday = join(base, 'everyday');
    await timeStart(everyday, signalConfig); // creates it; not counted
    for (let i = 0; i < RUNS; i++) {
      noop.push(timeNodeNoop());
      fresh.push(await timeStart(join(base, `fresh-${i}`), signalConfig));
      existing.push(await timeStart(everyday, signalConfig));
    }
    const n = summary(noop);
    const f = summary(fresh);
    const e = summary(existing);
    const base0 = `node -e 0: ${ms(n.median)} median`;
    return [
      { figure: 'startup, existing data dir → API answering (min/median/max)', value: `${ms(e.min)} / ${ms(e.median)} / ${ms(e.max)}`, goal: '≤ 500 ms median', baseline: `${base0} (${ratio(e.median, n.median)})` },
      { figure: 'startup, fresh data dir → API answering (min/median/max)', value: `${ms(f.min)} / ${ms(f.median)} / ${ms(f.max)}`, goal: '≤ 500 ms median', baseline: `${base0} (${ratio(f.median, n.median)})` },
    ];
  } finally {
    for (const fn of cleanups) fn();
    rmSync(base, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printTable(await run());
