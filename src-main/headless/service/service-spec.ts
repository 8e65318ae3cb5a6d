// What the OS service runs: the same headless CLI a user starts by hand, with the options given
// to `service install` written out in full (absolute paths), so the unit or agent starts the
// daemon the owner asked for and `service status` can read back which data folder it serves.
// Secrets are never part of it: unit files are readable by every process of the user, so the
// Anthropic key stays in the data folder (set in the dashboard) or the manager's environment.
import { settingsAsFlags } from '../../shared/cli-args.js';
import type { SettingKey } from '../../shared/config.js';

export interface ServiceSpec {
  /** The program and its arguments: node, the CLI entry, the daemon's flags. */
  readonly command: readonly string[];
  /** The data folder the daemon serves (also in `command` as --data-dir). */
  readonly dataDir: string;
  /** Variables the daemon needs from the installing shell (never a secret). */
  readonly environment: Readonly<Record<string, string>>;
}

/** Carried from the installing shell: PATH so Claude's commands find the owner's tools (git,
 * npm, ...) as in their terminal; the Anthropic endpoint, which is not a secret. */
const CARRIED_ENV = ['PATH', 'ANTHROPIC_BASE_URL'] as const;

export interface SpecInput {
  /** The node binary (process.execPath). */
  readonly node: string;
  /** The CLI entry (dist/cli.js of the installed app). */
  readonly entry: string;
  readonly dataDir: string;
  /** Settings given as flags to `service install` (paths already absolute). */
  readonly flags: Partial<Record<SettingKey, unknown>>;
  readonly env: NodeJS.ProcessEnv;
}

export function serviceSpec(input: SpecInput): ServiceSpec {
  const { dataDir: _given, ...rest } = input.flags;
  const environment: Record<string, string> = {};
  for (const name of CARRIED_ENV) {
    const value = input.env[name];
    if (value) environment[name] = value;
  }
  return {
    command: [input.node, input.entry, '--data-dir', input.dataDir, ...settingsAsFlags(rest)],
    dataDir: input.dataDir,
    environment,
  };
}

/** The --data-dir value of a command line read back from an installed unit or agent. */
export function dataDirOf(command: readonly string[]): string | undefined {
  const at = command.indexOf('--data-dir');
  return at >= 0 ? command[at + 1] : undefined;
}
