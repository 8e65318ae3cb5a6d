// The two OS supervisors `signal-claude service` talks to, behind one small shape: where the
// unit/agent file lives, how its text is made and read back, and the supervisor's own commands
// to load, unload and ask about it (systemctl --user on Linux, launchctl in the user's GUI
// domain on macOS). Each command goes through `run`, so a test can put stand-ins for systemctl
// and launchctl on PATH; the supervisor's answer is reported as it came, never guessed.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { AGENT_LABEL, parseLaunchdPlist, renderLaunchdPlist } from './launchd-plist.js';
import { renderSystemdUnit, splitWords, UNIT_NAME, unitValue } from './systemd-unit.js';
import type { ServiceSpec } from './service-spec.js';

export interface RunOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the service commands need from the machine (the real one, or a test's temp HOME). */
export interface ServiceHost {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly uid: number;
  run(file: string, args: readonly string[]): Promise<RunOutcome>;
}

export function processServiceHost(home: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ServiceHost {
  return {
    platform,
    home,
    env,
    uid: process.getuid?.() ?? 0,
    run: (file, args) =>
      new Promise((resolve) => {
        execFile(file, [...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
          const why = error && typeof error.code === 'string' ? `${file}: ${error.code === 'ENOENT' ? 'not found' : error.code}` : '';
          resolve({ code, stdout: String(stdout), stderr: String(stderr) || why });
        });
      }),
  };
}

export interface SupervisorState {
  /** Known to the supervisor (enabled / loaded); undefined when it did not answer. */
  readonly loaded: boolean | undefined;
  /** The supervisor runs the daemon now; undefined when it did not answer. */
  readonly running: boolean | undefined;
  /** The supervisor's own words, e.g. "enabled, active" or why it did not answer. */
  readonly detail: string;
}

export interface Step {
  readonly command: string;
  readonly outcome: RunOutcome;
}

export interface Supervisor {
  /** e.g. "systemd user unit". */
  readonly kind: string;
  readonly file: string;
  /** Where the daemon's output can be read. */
  readonly logs: string;
  /** Folders the supervisor expects to exist (launchd does not create a log file's folder). */
  readonly folders: readonly string[];
  render(spec: ServiceSpec): Promise<string>;
  /** The command line of an installed file. */
  commandOf(text: string): string[];
  /** Loads the written file and (re)starts the daemon; stops at the first failing step. */
  load(): Promise<Step[]>;
  /** Stops the daemon and forgets the file (before it is removed). */
  unload(): Promise<Step[]>;
  /** After the file is removed. */
  forget(): Promise<Step[]>;
  state(): Promise<SupervisorState>;
  /** The command a user types to load it by hand. */
  readonly manualStart: string;
}

export function supervisorFor(host: ServiceHost): Supervisor | undefined {
  if (host.platform === 'linux') return systemd(host);
  if (host.platform === 'darwin') return launchd(host);
  return undefined;
}

async function steps(host: ServiceHost, file: string, list: ReadonlyArray<readonly string[]>): Promise<Step[]> {
  const done: Step[] = [];
  for (const args of list) {
    const outcome = await host.run(file, args);
    done.push({ command: [file, ...args].join(' '), outcome });
    if (outcome.code !== 0) break;
  }
  return done;
}

function firstLine(outcome: RunOutcome): string {
  return (outcome.stderr.trim() || outcome.stdout.trim()).split('\n')[0] ?? '';
}

function systemd(host: ServiceHost): Supervisor {
  const configHome = host.env.XDG_CONFIG_HOME || join(host.home, '.config');
  const ctl = (args: readonly string[]) => host.run('systemctl', ['--user', ...args]);
  return {
    kind: 'systemd user unit',
    file: join(configHome, 'systemd', 'user', UNIT_NAME),
    logs: `journalctl --user -u ${UNIT_NAME}`,
    folders: [],
    manualStart: `systemctl --user daemon-reload && systemctl --user enable --now ${UNIT_NAME}`,
    async render(spec) {
      const version = /^systemd (\d+)/.exec((await host.run('systemctl', ['--version'])).stdout)?.[1];
      return renderSystemdUnit(spec, version ? { systemdVersion: Number(version) } : {});
    },
    commandOf: (text) => splitWords(unitValue(text, 'ExecStart') ?? '', 'exec'),
    load: () => steps(host, 'systemctl', [['--user', 'daemon-reload'], ['--user', 'enable', UNIT_NAME], ['--user', 'restart', UNIT_NAME]]),
    unload: () => steps(host, 'systemctl', [['--user', 'disable', '--now', UNIT_NAME]]),
    forget: () => steps(host, 'systemctl', [['--user', 'daemon-reload']]),
    async state() {
      const enabled = await ctl(['is-enabled', UNIT_NAME]);
      const active = await ctl(['is-active', UNIT_NAME]);
      const words = [enabled.stdout.trim(), active.stdout.trim()].filter(Boolean);
      // No answer at all (no user manager, no systemctl): say why instead of guessing.
      if (words.length === 0) return { loaded: undefined, running: undefined, detail: `systemctl --user did not answer: ${firstLine(enabled) || 'no output'}` };
      return { loaded: enabled.stdout.trim() === 'enabled', running: active.stdout.trim() === 'active', detail: words.join(', ') };
    },
  };
}

function launchd(host: ServiceHost): Supervisor {
  const domain = `gui/${host.uid}`;
  const file = join(host.home, 'Library', 'LaunchAgents', `${AGENT_LABEL}.plist`);
  const logFile = join(host.home, 'Library', 'Logs', 'Signal Claude', 'daemon.log');
  return {
    kind: 'launchd agent',
    file,
    logs: `${logFile} (Console.app, Log Reports)`,
    folders: [dirname(logFile)],
    manualStart: `launchctl bootstrap ${domain} "${file}"`,
    render: (spec) => Promise.resolve(renderLaunchdPlist(spec, logFile)),
    commandOf: (text) => parseLaunchdPlist(text).ProgramArguments,
    async load() {
      // An agent loaded before (a re-install) must go first, or bootstrap refuses.
      await host.run('launchctl', ['bootout', `${domain}/${AGENT_LABEL}`]);
      return steps(host, 'launchctl', [['bootstrap', domain, file]]);
    },
    unload: () => steps(host, 'launchctl', [['bootout', `${domain}/${AGENT_LABEL}`]]),
    forget: () => Promise.resolve([]),
    async state() {
      const printed = await host.run('launchctl', ['print', `${domain}/${AGENT_LABEL}`]);
      if (printed.code !== 0) {
        const unknown = /could not find service/i.test(printed.stderr + printed.stdout);
        return unknown ? { loaded: false, running: false, detail: 'not loaded' } : { loaded: undefined, running: undefined, detail: `launchctl did not answer: ${firstLine(printed) || `exit ${printed.code}`}` };
      }
      const state = /^\s*state = (\S+)/m.exec(printed.stdout)?.[1] ?? 'unknown';
      const pid = /^\s*pid = (\d+)/m.exec(printed.stdout)?.[1];
      return { loaded: true, running: state === 'running', detail: `loaded, ${state}${pid ? ` (pid ${pid})` : ''}` };
    },
  };
}

export function describeStep(step: Step): string {
  return `\`${step.command}\` said: ${firstLine(step.outcome) || `exit ${step.outcome.code}`}`;
}
