// The price of the Bash sandbox: one short command (`true` in the project folder) started the
// way the command host starts it, unsandboxed and inside bwrap (network off, and network on),
// interleaved in the same run so machine load hits both alike. Goal: a median overhead of at
// most 30 ms per command. Where no sandbox works (not Linux with bwrap) the rows say so.
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDirect, type CommandRequest } from '../src-main/agent/command-process.js';
import { sandboxSupport } from '../src-main/agent/sandbox/detect.js';
import { isMain, ms, printTable, summary, type BenchRow } from './lib/report.js';

const RUNS = 40;

function once(request: CommandRequest): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    spawnDirect(request, {
      started: () => undefined,
      output: () => undefined,
      ended: (end) => (end.exitCode === 0 ? resolve(performance.now() - started) : reject(new Error(end.error ?? `exit ${end.exitCode}`))),
    }),
  );
}

export async function run(): Promise<BenchRow[]> {
  const support = sandboxSupport();
  if (support.kind !== 'bwrap') return [{ figure: 'sandboxed Bash call overhead', value: 'not measured', goal: '≤ 30 ms', baseline: `no bwrap here (${support.kind === 'none' ? support.reason : support.kind})` }];
  const root = mkdtempSync(join(tmpdir(), 'bench-sandbox-'));
  try {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: homedir() };
    const plain: CommandRequest = { command: 'true', cwd: root, env };
    const offline: CommandRequest = { ...plain, sandbox: { root, network: false, home: homedir(), hide: [] } };
    const online: CommandRequest = { ...plain, sandbox: { root, network: true, home: homedir(), hide: [] } };
    const times = { plain: [] as number[], offline: [] as number[], online: [] as number[] };
    for (let i = 0; i < 3; i++) await Promise.all([once(plain), once(offline), once(online)].map((p) => p.catch(() => 0)));
    for (let i = 0; i < RUNS; i++) {
      times.plain.push(await once(plain));
      times.offline.push(await once(offline));
      times.online.push(await once(online));
    }
    const base = summary(times.plain).median;
    const off = summary(times.offline).median;
    const on = summary(times.online).median;
    return [
      { figure: 'sandboxed Bash call overhead, network off (median)', value: ms(off - base), goal: '≤ 30 ms', baseline: `unsandboxed \`true\`: ${ms(base)}; sandboxed: ${ms(off)} (${(off / base).toFixed(1)}×)` },
      { figure: 'sandboxed Bash call overhead, network on (median)', value: ms(on - base), goal: '≤ 30 ms', baseline: `unsandboxed \`true\`: ${ms(base)}; sandboxed: ${ms(on)} (${(on / base).toFixed(1)}×)` },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printTable(await run());
