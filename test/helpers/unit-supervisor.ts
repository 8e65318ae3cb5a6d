// A small stand-in for systemd where there is none (this machine, CI): it runs an installed
// unit's ExecStart= with its Environment=, and applies the unit's own restart policy as
// systemd.service(5) defines it: Restart=on-failure restarts after a non-zero exit or a death by
// signal, not after exit 0 or an exit status in RestartPreventExitStatus=, after RestartSec=
// (the first step; the growth by RestartSteps= after repeated failures is not modelled).
// So a test can kill the daemon the way a crash would and see the unit bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { splitWords, unitValue } from '../../src-main/headless/service/systemd-unit.js';

export interface Exit {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly restarted: boolean;
}

function seconds(value: string | undefined): number {
  const m = /^(\d+)(ms|s|min)?$/.exec(value ?? '100ms');
  if (!m) throw new Error(`RestartSec=${value} is not understood by the test supervisor`);
  const n = Number(m[1]);
  return m[2] === 'min' ? n * 60_000 : m[2] === 'ms' ? n : n * 1000;
}

export class UnitSupervisor {
  readonly command: string[];
  readonly environment: Record<string, string> = {};
  readonly restartMs: number;
  readonly exits: Exit[] = [];
  readonly pids: number[] = [];
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private stopping = false;
  private readonly listeners = new Set<() => void>();
  private readonly prevent: number[];

  constructor(
    unit: string,
    private readonly baseEnv: NodeJS.ProcessEnv,
  ) {
    this.command = splitWords(unitValue(unit, 'ExecStart') ?? '', 'exec');
    for (const line of unit.split('\n').filter((l) => l.startsWith('Environment='))) {
      const [assignment = ''] = splitWords(line.slice('Environment='.length), 'environment');
      const at = assignment.indexOf('=');
      this.environment[assignment.slice(0, at)] = assignment.slice(at + 1);
    }
    if (unitValue(unit, 'Restart') !== 'on-failure') throw new Error('the test supervisor knows Restart=on-failure only');
    this.restartMs = seconds(unitValue(unit, 'RestartSec'));
    this.prevent = (unitValue(unit, 'RestartPreventExitStatus') ?? '').split(' ').filter(Boolean).map(Number);
  }

  start(): void {
    const [file = '', ...args] = this.command;
    const child = spawn(file, args, { env: { ...this.baseEnv, ...this.environment }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    if (child.pid !== undefined) this.pids.push(child.pid);
    const collect = (d: Buffer) => this.output.push(...d.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code, signal) => {
      const failed = signal !== null || (code !== 0 && !this.prevent.includes(code ?? -1));
      const restarted = failed && !this.stopping;
      this.exits.push({ pid: child.pid ?? -1, code, signal, restarted });
      if (restarted) setTimeout(() => this.stopping || this.start(), this.restartMs);
      this.notify();
    });
    this.notify();
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** Resolves when `check` holds (checked at every start, exit and line of output). */
  async until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; output: ${this.output.slice(-10).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.listeners.delete(done);
          resolve();
        };
        this.listeners.add(done);
        setTimeout(done, 100);
      });
    }
  }

  /** What `systemctl stop` does: no more restarts, SIGTERM, and the exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
