// Command-line flags, shared by the headless CLI and the Electron app (same flags, DESIGN.md's
// outside contract). Parsing is strict: an unknown flag is an error, never ignored.
import { parseArgs } from 'node:util';
import { ConfigError } from './errors.js';
import type { SettingKey } from './config.js';
import { resolvePath } from './config-sources.js';

export const COMMANDS = ['run', 'status', 'doctor'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  readonly command: Command;
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
  if (positionals.length > 1) {
    throw new ConfigError('CLI_USAGE', `Unexpected argument "${positionals[1]}".`, { hint: 'Run signal-claude --help for the options.' });
  }
  const command = (positionals[0] ?? 'run') as Command;
  if (!COMMANDS.includes(command)) {
    throw new ConfigError('CLI_USAGE', `Unknown command "${positionals[0]}".`, { hint: `Commands: ${COMMANDS.join(', ')}.` });
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
  return { command, help: values.help ?? false, version: values.version ?? false, settings };
}

function cliMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `Option ${missing[1]?.replace(/^-\w, /, '')} needs a value.`;
  return message.split('\n')[0] ?? message;
}
