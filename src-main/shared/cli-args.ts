// Command-line flags, shared by the headless CLI and the Electron app (same flags, DESIGN.md's
// outside contract). Parsing is strict: an unknown flag is an error, never ignored.
import { parseArgs } from 'node:util';
import { ConfigError } from './errors.js';
import type { SettingKey } from './config.js';
import { resolvePath } from './config-sources.js';

export const COMMANDS = ['run', 'status', 'doctor', 'service'] as const;
export type Command = (typeof COMMANDS)[number];
export const SERVICE_ACTIONS = ['install', 'uninstall', 'status'] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

export interface CliArgs {
  readonly command: Command;
  /** `service install|uninstall|status`: what to do with the OS service. */
  readonly serviceAction?: ServiceAction;
  readonly help: boolean;
  readonly version: boolean;
  /** Setting values from flags, for the "flags" config layer. */
  readonly settings: Partial<Record<SettingKey, unknown>>;
}

const FLAG_FOR: Partial<Record<SettingKey, string>> = {
  dataDir: '--data-dir',
  port: '--port',
  signalConfig: '--signal-config',
  projectRoots: '--project-root',
  logLevel: '--log-level',
  debugLogContent: '--debug-log-content',
  model: '--model',
  permissionMode: '--permission-mode',
};

export function flagName(key: SettingKey): string {
  return FLAG_FOR[key] ?? key;
}

export const USAGE = `Usage: signal-claude [command] [options]

Drive Claude coding sessions on this computer from Signal on your phone.

Commands:
  run (default)             start the daemon: Signal link, sessions, dashboard on 127.0.0.1
  status                    show whether a daemon runs on the data folder, and its state
  doctor                    check TLS to Signal's chat, storage and CDN hosts (needs internet)
  service install           run the daemon at login and restart it when it fails: a systemd
                            user unit on Linux, a launchd agent on macOS; the options given
                            here (data folder, port, ...) are the ones it starts with
  service uninstall         stop the daemon and remove the unit or agent
  service status            whether the unit or agent is installed and the daemon running

Options:
  --data-dir DIR            where the encrypted database, key, log and preferences live
                            (default: the OS app-data folder)
  --port N                  dashboard/API port on 127.0.0.1; 0 picks a free one (default 0)
  --signal-config FILE      JSON for a non-production Signal server (tests, self-hosting)
  --project-root DIR        a folder under which /add may register projects (repeatable)
  --model NAME              default Claude model for new projects
  --permission-mode MODE    default, acceptEdits, plan or bypassPermissions
  --log-level LEVEL         fatal, error, warn, info, debug or trace (default info)
  --debug-log-content       also log message bodies (off: bodies are redacted)
  -h, --help                show this help
  -v, --version             show the version

Environment: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, SIGNAL_CLAUDE_DATA_DIR, SIGNAL_CLAUDE_PORT, ...
(every setting has a SIGNAL_CLAUDE_* variable; flags win over the environment, which wins over
the preferences file).`;

export function parseCliArgs(argv: readonly string[], cwd = process.cwd()): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'signal-config': { type: 'string' },
        'project-root': { type: 'string', multiple: true },
        'log-level': { type: 'string' },
        'debug-log-content': { type: 'boolean' },
        model: { type: 'string' },
        'permission-mode': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new ConfigError('CLI_USAGE', cliMessage(error), { hint: 'Run signal-claude --help for the options.' });
  }
  const { values, positionals } = parsed;
  const command = (positionals[0] ?? 'run') as Command;
  if (!COMMANDS.includes(command)) {
    throw new ConfigError('CLI_USAGE', `Unknown command "${positionals[0]}".`, { hint: `Commands: ${COMMANDS.join(', ')}.` });
  }
  const serviceAction = command === 'service' ? parseServiceAction(positionals[1]) : undefined;
  const extra = positionals[command === 'service' ? 2 : 1];
  if (extra !== undefined) {
    throw new ConfigError('CLI_USAGE', `Unexpected argument "${extra}".`, { hint: 'Run signal-claude --help for the options.' });
  }
  const settings: Partial<Record<SettingKey, unknown>> = {};
  if (values['data-dir'] !== undefined) settings.dataDir = resolvePath(values['data-dir'], cwd);
  if (values.port !== undefined) settings.port = /^\d+$/.test(values.port) ? Number(values.port) : values.port;
  if (values['signal-config'] !== undefined) settings.signalConfig = resolvePath(values['signal-config'], cwd);
  if (values['project-root'] !== undefined) settings.projectRoots = values['project-root'].map((p) => resolvePath(p, cwd));
  if (values['log-level'] !== undefined) settings.logLevel = values['log-level'];
  if (values['debug-log-content'] !== undefined) settings.debugLogContent = values['debug-log-content'];
  if (values.model !== undefined) settings.model = values.model;
  if (values['permission-mode'] !== undefined) settings.permissionMode = values['permission-mode'];
  return { command, ...(serviceAction ? { serviceAction } : {}), help: values.help ?? false, version: values.version ?? false, settings };
}

function parseServiceAction(word: string | undefined): ServiceAction {
  if (word !== undefined && (SERVICE_ACTIONS as readonly string[]).includes(word)) return word as ServiceAction;
  const what = word === undefined ? 'The service command needs an action.' : `Unknown service action "${word}".`;
  throw new ConfigError('CLI_USAGE', what, { hint: `Actions: ${SERVICE_ACTIONS.join(', ')} (e.g. signal-claude service install).` });
}

/**
 * The flags that give these settings again: what `service install` writes into the unit's
 * command line, so the service starts with the options the owner installed it with.
 */
export function settingsAsFlags(settings: Partial<Record<SettingKey, unknown>>): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(settings) as Array<[SettingKey, unknown]>) {
    const flag = FLAG_FOR[key];
    if (flag === undefined || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) flags.push(flag, String(item));
    else if (typeof value === 'boolean') {
      if (value) flags.push(flag);
    } else flags.push(flag, String(value));
  }
  return flags;
}

function cliMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `Option ${missing[1]?.replace(/^-\w, /, '')} needs a value.`;
  return message.split('\n')[0] ?? message;
}
