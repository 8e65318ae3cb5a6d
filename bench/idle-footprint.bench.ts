// Idle footprint of the whole headless app, linked and doing nothing: the built CLI in its own
// process, linked to the simulated phone on Signal's mock server (in another process, not
// measured), with an Anthropic key set. After a settling pause (IDLE_BENCH_SETTLE_SECONDS, 30 by
// default), over IDLE_BENCH_SECONDS (60 by default; shorten for a smoke run) it reads from /proc,
// for the app and every process it started:
//   RSS        VmRSS at the end of the window, per process
//   CPU %      time on a CPU of all its threads in the window (schedstat, ns) / its length
//   wake-ups   voluntary context switches of all the process's threads in the window, per second
//              (a thread that sleeps until a timer or socket wakes it counts one each time)
// A bare `node -e "setInterval(()=>{},1e9)"` measured over the same window is the baseline.
// IDLE_BENCH_THREADS=1 also lists, on stderr, each thread that woke and how often.
// Linux only (/proc).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPhoneHost } from './lib/signal-setup.js';
import { isMain, printTable, type BenchRow } from './lib/report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const WINDOW_S = Number(process.env.IDLE_BENCH_SECONDS ?? 60);
/**
 * Start-up work is not idling: migrations, key upkeep, first sends, and V8's own after-start work
 * (optimizing hot code, the memory reducer's GCs once the app goes quiet) take tens of seconds.
 */
const SETTLE_MS = Number(process.env.IDLE_BENCH_SETTLE_SECONDS ?? Math.min(30, WINDOW_S / 2)) * 1000;

interface Sample {
  /** Per thread: nanoseconds on a CPU (schedstat) and voluntary switches. */
  readonly threads: Map<string, { readonly cpuNs: number; readonly wakeups: number }>;
  readonly rssKb: number;
}

/** CPU time and voluntary switches of every thread, and RSS, of one process (undefined once gone). */
function sample(pid: number): Sample | undefined {
  try {
    const threads = new Map<string, { cpuNs: number; wakeups: number }>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const cpuNs = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
        threads.set(`${pid}/${tid}`, { cpuNs, wakeups: Number(/\nvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0) });
      } catch {
        // the thread ended meanwhile
      }
    }
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { threads, rssKb };
  } catch {
    return undefined;
  }
}

/** The process and everything below it, by parent pid. */
function tree(rootPid: number): Map<number, string> {
  const parents = new Map<number, { ppid: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), { ppid, name });
    } catch {
      // gone meanwhile
    }
  }
  const found = new Map<number, string>([[rootPid, 'app (main)']]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of parents) {
      if (!found.has(pid) && found.has(p.ppid)) {
        const cmdline = (() => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
          } catch {
            return p.name;
          }
        })();
        found.set(pid, cmdline.includes('command-host') ? 'command host' : p.name);
        grew = true;
      }
    }
  }
  return found;
}

interface Figures {
  readonly rssMb: Map<string, number>;
  readonly cpuPercent: number;
  readonly wakeupsPerS: number;
}

/** Measures the processes of `pids()` (looked up again at the end) over the window. */
async function measure(pids: () => Map<number, string>, windowS: number): Promise<Figures> {
  const startedAt = performance.now();
  const before = new Map<string, { cpuNs: number; wakeups: number }>();
  for (const pid of pids().keys()) for (const [tid, t] of sample(pid)?.threads ?? []) before.set(tid, t);
  await new Promise((r) => setTimeout(r, windowS * 1000));
  const seconds = (performance.now() - startedAt) / 1000;
  let cpuNs = 0;
  let wakeups = 0;
  const rssMb = new Map<string, number>();
  for (const [pid, name] of pids()) {
    const end = sample(pid);
    if (!end) continue;
    // Threads that ended in the window are not counted; those started in it count from zero.
    for (const [tid, t] of end.threads) {
      const start = before.get(tid) ?? { cpuNs: 0, wakeups: 0 };
      cpuNs += t.cpuNs - start.cpuNs;
      wakeups += t.wakeups - start.wakeups;
      // IDLE_BENCH_THREADS=1: which threads woke (stderr), to find what keeps an idle app busy.
      if (process.env.IDLE_BENCH_THREADS === '1' && t.wakeups > start.wakeups) {
        const comm = (() => {
          try {
            return readFileSync(`/proc/${tid.replace('/', '/task/')}/comm`, 'utf8').trim();
          } catch {
            return '?';
          }
        })();
        process.stderr.write(`${name} ${tid} ${comm}: ${t.wakeups - start.wakeups} wake-ups, ${((t.cpuNs - start.cpuNs) / 1e6).toFixed(1)} ms CPU\n`);
      }
    }
    rssMb.set(name, (rssMb.get(name) ?? 0) + end.rssKb / 1024);
  }
  return { rssMb, cpuPercent: (cpuNs / 1e9 / seconds) * 100, wakeupsPerS: wakeups / seconds };
}

function lines(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the app exited with ${code} before printing ${pattern}`)));
  });
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync('/proc/self/status')) throw new Error('the idle footprint is read from /proc (Linux only)');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--main-only'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const phone = await startPhoneHost();
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-bench-idle-'));
  let app: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    app = spawn(process.execPath, [join(root, 'dist', 'cli.js'), '--data-dir', dataDir, '--port', '0', '--signal-config', phone.configPath], {
      // A key is set (a keyless app is not the everyday one); nothing asks Claude while idle.
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, ANTHROPIC_API_KEY: 'sk-ant-bench-idle', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const dashboard = new URL(await lines(app, /Dashboard: (\S+)/));
    const linkUrl = await lines(app, /Link URL: (\S+)/);
    await phone.request({ cmd: 'link', url: linkUrl });
    const headers = { Authorization: `Bearer ${dashboard.searchParams.get('token')}` };
    for (let state = ''; state !== 'connected'; ) {
      await new Promise((r) => setTimeout(r, 200));
      const status = (await (await fetch(`${dashboard.origin}/api/status`, { headers })).json()) as { signal: { state: string } };
      state = status.signal.state;
    }
    baseline = spawn(process.execPath, ['-e', 'setInterval(()=>{},1e9)'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, SETTLE_MS));

    const appPid = app.pid!;
    const basePid = baseline.pid!;
    const [idle, bare] = await Promise.all([
      measure(() => tree(appPid), WINDOW_S),
      measure(() => new Map([[basePid, 'node idle']]), WINDOW_S),
    ]);
    const health = (await (await fetch(`${dashboard.origin}/api/health`, { headers })).json()) as { services: Record<string, { state: string }> };
    const total = [...idle.rssMb.values()].reduce((a, b) => a + b, 0);
    const each = [...idle.rssMb].map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`).join(', ');
    const host = health.services.commands?.state ?? '?';
    const bareRss = bare.rssMb.get('node idle') ?? NaN;
    const window = `${WINDOW_S} s, linked, idle`;
    return [
      { figure: `idle RSS, every process (${window}; command host ${host})`, value: `${total.toFixed(0)} MB (${each})`, goal: '≤ 100 MB', baseline: `node idle: ${bareRss.toFixed(0)} MB (${(total / bareRss).toFixed(1)}×)` },
      { figure: `idle CPU (${window})`, value: `${idle.cpuPercent.toFixed(3)} %`, goal: '≤ 0.05 %', baseline: `node idle: ${bare.cpuPercent.toFixed(3)} %` },
      { figure: `idle wake-ups, voluntary switches of all threads (${window})`, value: `${idle.wakeupsPerS.toFixed(2)} /s`, goal: '≤ 1 /s', baseline: `node idle: ${bare.wakeupsPerS.toFixed(2)} /s` },
    ];
  } finally {
    baseline?.kill('SIGKILL');
    if (app && app.exitCode === null) {
      const exited = new Promise((r) => app?.once('exit', r));
      app.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 6000))]);
      if (app.exitCode === null) app.kill('SIGKILL');
    }
    await phone.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printTable(await run());
