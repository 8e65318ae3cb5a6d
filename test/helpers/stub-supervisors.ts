// Stand-ins for systemctl and launchctl, put first on PATH: this machine has no systemd user
// manager and no launchd, so tests of `signal-claude service` see what the CLI asked of the
// supervisor (calls.log) and get the answers a real one gives (states kept as files). The unit
// text itself is checked by the real systemd-analyze (systemd-unit.test.ts), and a unit's
// restart behaviour by running its command line (test/helpers/unit-supervisor.ts).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';
import { tempDir } from './temp.js';

const SYSTEMCTL = `#!/bin/sh
dir="$(dirname "$0")"
echo "systemctl $*" >> "$dir/calls.log"
if [ -f "$dir/no-user-manager" ]; then echo "Failed to connect to bus: No medium found" >&2; exit 1; fi
case "$*" in
  "--version") echo "systemd 255 (255.4-1ubuntu8)";;
  "--user daemon-reload") ;;
  "--user enable signal-claude.service") touch "$dir/enabled";;
  "--user restart signal-claude.service") touch "$dir/active";;
  "--user disable --now signal-claude.service") rm -f "$dir/enabled" "$dir/active";;
  "--user is-enabled signal-claude.service") if [ -f "$dir/enabled" ]; then echo enabled; else echo disabled; exit 1; fi;;
  "--user is-active signal-claude.service") if [ -f "$dir/active" ]; then echo active; else echo inactive; exit 3; fi;;
  *) echo "stub systemctl: unexpected $*" >&2; exit 9;;
esac
`;

const LAUNCHCTL = `#!/bin/sh
dir="$(dirname "$0")"
echo "launchctl $*" >> "$dir/calls.log"
case "$1" in
  bootstrap) if [ -f "$dir/loaded" ]; then echo "Bootstrap failed: 5: Input/output error" >&2; exit 5; fi; touch "$dir/loaded";;
  bootout) if [ -f "$dir/loaded" ]; then rm -f "$dir/loaded"; else echo "Boot-out failed: 3: No such process" >&2; exit 3; fi;;
  print) if [ -f "$dir/loaded" ]; then printf '%s = {\\n\\tstate = running\\n\\tpid = 4242\\n}\\n' "$2"; else echo "Could not find service \\"$2\\" in domain for port" >&2; exit 113; fi;;
  *) echo "stub launchctl: unexpected $*" >&2; exit 9;;
esac
`;

export interface StubSupervisors {
  readonly bin: string;
  /** PATH with the stand-ins first. */
  readonly path: string;
  /** Every command the CLI ran, in order. */
  calls(): string[];
  /** From now on systemctl answers as it does without a user manager (this machine). */
  noUserManager(): void;
}

export function stubSupervisors(t: Pick<TestContext, 'after'>): StubSupervisors {
  const bin = tempDir(t, 'sc-stub-bin-');
  for (const [name, script] of [['systemctl', SYSTEMCTL], ['launchctl', LAUNCHCTL]] as const) {
    writeFileSync(join(bin, name), script);
    chmodSync(join(bin, name), 0o755);
  }
  const log = join(bin, 'calls.log');
  return {
    bin,
    path: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
    noUserManager: () => writeFileSync(join(bin, 'no-user-manager'), ''),
  };
}
