// The systemd user unit `service install` writes on Linux, and the reading back of its command
// line for `service status` (and the test supervisor). Restart=on-failure brings the daemon back
// after a crash or a kill, never after a clean stop or a configuration error (exit 2, which a
// restart cannot fix); the delay grows from 2 s to 2 min where systemd can (RestartSteps, 254+)
// and is a fixed 5 s before that. StartLimitIntervalSec=0: systemd never gives up on it.
// No ordering after network-online.target: a user manager cannot see that system target, and
// the daemon waits for the network itself (its chat socket reconnects with backoff).
import { ConfigError } from '../../shared/errors.js';
import type { ServiceSpec } from './service-spec.js';

export const UNIT_NAME = 'signal-claude.service';
/** The first systemd with RestartSteps= and RestartMaxDelaySec=. */
export const STEPPED_RESTART_SINCE = 254;

export interface UnitOptions {
  /** systemd's version (from `systemctl --version`); unknown: the keys every version knows. */
  readonly systemdVersion?: number;
}

export function renderSystemdUnit(spec: ServiceSpec, options: UnitOptions = {}): string {
  const stepped = (options.systemdVersion ?? 0) >= STEPPED_RESTART_SINCE;
  const lines = [
    '# Written by `signal-claude service install`; `signal-claude service uninstall` removes it.',
    '[Unit]',
    'Description=Signal Claude: Claude coding sessions driven from Signal',
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=exec',
    `ExecStart=${spec.command.map((word, i) => quoteWord(word, i === 0 ? 'program' : 'argument')).join(' ')}`,
    ...Object.entries(spec.environment).map(([name, value]) => `Environment=${quoteWord(`${name}=${value}`, 'environment')}`),
    'Restart=on-failure',
    'RestartPreventExitStatus=2',
    ...(stepped ? ['RestartSec=2s', 'RestartSteps=7', 'RestartMaxDelaySec=2min'] : ['RestartSec=5s']),
    // SIGTERM to the daemon alone: it stops its command host and workers in order (contract: 5 s).
    'KillMode=mixed',
    'TimeoutStopSec=10s',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ];
  return lines.join('\n');
}

/** Where a word goes: ExecStart's program, one of its arguments, or an Environment= assignment. */
export type WordPlace = 'program' | 'argument' | 'environment';

/**
 * One word quoted the way systemd.service(5) reads it (checked against systemd-analyze verify):
 * % starts a specifier everywhere (%%); $ a variable only in ExecStart's arguments ($$), not in
 * its program path; inside double quotes backslash escapes C-style. systemd refuses a program
 * path with quotes or backslashes whatever the quoting, so that is a clear error here.
 */
export function quoteWord(word: string, place: WordPlace): string {
  if (/[\n\r\0]/.test(word)) throw new ConfigError('CONFIG_INVALID', `A line break cannot be part of a systemd unit: ${JSON.stringify(word)}.`);
  if (place === 'program' && /["'\\]/.test(word)) {
    throw new ConfigError('CONFIG_INVALID', `systemd cannot start a program whose path holds quotes or backslashes: ${word}.`, { hint: 'Install Node.js and the app under a path without them.' });
  }
  if (/^[A-Za-z0-9_@+=:,./-]+$/.test(word)) return word;
  let quoted = word.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('%', '%%');
  if (place === 'argument') quoted = quoted.replaceAll('$', '$$$$');
  return `"${quoted}"`;
}

/** The value of `Key=` in the unit's text (the last one wins, as in systemd). */
export function unitValue(text: string, key: string): string | undefined {
  let value: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${key}=`)) value = line.slice(key.length + 1);
  }
  return value;
}

/** Splits a line written by quoteWord back into its words (ExecStart=, Environment=). */
export function splitWords(line: string, where: 'exec' | 'environment'): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let word = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\') i++;
        else if ((line[i] === '%' && line[i + 1] === '%') || (where === 'exec' && words.length > 0 && line[i] === '$' && line[i + 1] === '$')) i++;
        word += line[i] ?? '';
        i++;
      }
      i++;
    } else {
      while (i < line.length && line[i] !== ' ') word += line[i++];
    }
    words.push(word);
  }
  return words;
}
