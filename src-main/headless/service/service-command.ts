// `signal-claude service install|uninstall|status`: the daemon under the OS's own supervisor
// (systemd --user on Linux, launchd on macOS), so it starts at login and comes back after a crash
// or a kill. Every outcome is a few plain lines; a supervisor that refuses is quoted, and the file
// that was written stays so the owner can load it by hand. Exit codes: 0 done (status: installed
// and running), 1 the supervisor or a running daemon stood in the way, 2 not possible here,
// 3 (status) not installed or not running.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ServiceAction } from '../../shared/cli-args.js';
import type { SettingKey } from '../../shared/config.js';
import { describeError } from '../../shared/errors.js';
import { lockHolder } from '../../daemon/lock.js';
import type { Io } from '../io.js';
import { dataDirOf, serviceSpec } from './service-spec.js';
import { describeStep, supervisorFor, type ServiceHost, type Step, type Supervisor } from './supervisors.js';

export interface ServiceCommandInput {
  readonly action: ServiceAction;
  /** The data folder from flags/environment/defaults. */
  readonly dataDir: string;
  /** Settings given as flags (they go into the unit's command line). */
  readonly flags: Partial<Record<SettingKey, unknown>>;
  /** The CLI entry the service runs (dist/cli.js of this app). */
  readonly entry: string;
  readonly node: string;
  readonly host: ServiceHost;
  readonly io: Io;
}

export async function runServiceCommand(input: ServiceCommandInput): Promise<number> {
  const supervisor = supervisorFor(input.host);
  if (!supervisor) {
    input.io.stderr(`signal-claude: service is for Linux (systemd) and macOS (launchd); on ${input.host.platform} start the desktop app at login instead (Preferences → Open at login).`);
    return 2;
  }
  try {
    if (input.action === 'install') return await install(input, supervisor);
    if (input.action === 'uninstall') return await uninstall(input, supervisor);
    return await status(input, supervisor);
  } catch (error) {
    input.io.stderr(`signal-claude: ${describeError(error)}`);
    return 1;
  }
}

async function install(input: ServiceCommandInput, supervisor: Supervisor): Promise<number> {
  const { io, dataDir } = input;
  if (!existsSync(input.entry)) {
    io.stderr(`signal-claude: ${input.entry} is missing; build the app first (npm run build), then install the service.`);
    return 2;
  }
  // A daemon started by hand on the same folder would make the service's start fail (one app per
  // data folder): say so instead of leaving a unit that restarts into a refusal.
  const holder = await lockHolder(dataDir);
  const before = await supervisor.state();
  if (holder && before.running !== true) {
    const pid = holder.pid === undefined ? '' : ` (pid ${holder.pid})`;
    io.stderr(`signal-claude: Signal Claude already runs on ${dataDir}${pid}, not as a service. Stop it first, then run signal-claude service install again.`);
    return 1;
  }
  const spec = serviceSpec({ node: input.node, entry: input.entry, dataDir, flags: input.flags, env: input.host.env });
  for (const folder of supervisor.folders) mkdirSync(folder, { recursive: true });
  writeAtomically(supervisor.file, await supervisor.render(spec));
  io.stdout(`Installed the ${supervisor.kind} ${supervisor.file}`);
  io.stdout(`  runs:    ${spec.command.join(' ')}`);
  const failed = failure(await supervisor.load());
  if (failed) {
    io.stderr(`signal-claude: the file is written, but ${describeStep(failed)}`);
    io.stderr(`  Start it by hand once the supervisor runs: ${supervisor.manualStart}`);
    return 1;
  }
  io.stdout(`  started: it runs now, at every login, and again after a crash (not after a clean stop).`);
  io.stdout(`  logs:    ${supervisor.logs}`);
  if (input.host.platform === 'linux') io.stdout(`  To keep it running while you are logged out: loginctl enable-linger ${input.host.env.USER ?? '$USER'}`);
  if (input.host.env.ANTHROPIC_API_KEY) {
    io.stdout('  Note: the service does not get ANTHROPIC_API_KEY from this shell (the unit file is not a place for secrets); set the key once in the dashboard, where it is stored encrypted.');
  }
  return 0;
}

async function uninstall(input: ServiceCommandInput, supervisor: Supervisor): Promise<number> {
  const { io } = input;
  if (!existsSync(supervisor.file)) {
    io.stdout(`No Signal Claude service is installed (${supervisor.file} does not exist).`);
    return 0;
  }
  const failed = failure(await supervisor.unload());
  if (failed) {
    // Removing the file of a unit the supervisor still runs would orphan it: keep it, say why.
    const state = await supervisor.state();
    if (state.loaded !== false && state.running !== false) {
      io.stderr(`signal-claude: could not stop the service: ${describeStep(failed)}`);
      io.stderr(`  ${supervisor.file} is kept; run signal-claude service uninstall again once the supervisor answers, or remove the file yourself.`);
      return 1;
    }
  }
  rmSync(supervisor.file, { force: true });
  failure(await supervisor.forget());
  io.stdout(`Removed the ${supervisor.kind} ${supervisor.file}; Signal Claude no longer starts at login. Your data folder is untouched.`);
  return 0;
}

async function status(input: ServiceCommandInput, supervisor: Supervisor): Promise<number> {
  const { io } = input;
  if (!existsSync(supervisor.file)) {
    io.stdout(`Service: not installed (no ${supervisor.file}). Install it with: signal-claude service install`);
    return 3;
  }
  let dataDir = input.dataDir;
  let command: string[] = [];
  try {
    command = supervisor.commandOf(readFileSync(supervisor.file, 'utf8'));
    dataDir = dataDirOf(command) ?? dataDir;
  } catch (error) {
    io.stdout(`Service: installed, but ${supervisor.file} cannot be read (${describeError(error)}); install it again.`);
    return 3;
  }
  const state = await supervisor.state();
  const holder = await lockHolder(dataDir);
  io.stdout(`Service: installed (${supervisor.kind} ${supervisor.file})`);
  io.stdout(`  supervisor: ${state.detail}`);
  io.stdout(`  runs:       ${command.join(' ')}`);
  io.stdout(`  daemon:     ${holder ? `running${holder.pid === undefined ? '' : ` (pid ${holder.pid})`}` : 'not running'} on ${dataDir}`);
  io.stdout(`  logs:       ${supervisor.logs}`);
  return holder ? 0 : 3;
}

function failure(done: readonly Step[]): Step | undefined {
  return done.find((step) => step.outcome.code !== 0);
}

/** A half-written unit must never be loaded: write beside it, then rename over. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode: 0o644 });
  renameSync(temp, file);
}
