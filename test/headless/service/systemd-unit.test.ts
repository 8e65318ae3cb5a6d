// The systemd user unit as systemd reads it: this machine's own `systemd-analyze verify` parses
// the generated file (an ExecStart whose program sits under a folder with spaces, %, $, quotes
// and non-ASCII letters must resolve to that program), and the restart policy is the one
// README promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSystemdUnit, splitWords, STEPPED_RESTART_SINCE, UNIT_NAME, unitValue } from '../../../src-main/headless/service/systemd-unit.js';
import { serviceSpec } from '../../../src-main/headless/service/service-spec.js';
import { tempDir } from '../../helpers/temp.js';

const AWKWARD = 'My Prøjects 100% $HOME "q" \\b';
/** systemd takes no quote or backslash in a program's path at all (see the last test). */
const AWKWARD_PROGRAM_DIR = 'My Prøjects 100% $HOME';

function specFor(node: string, dataDir: string) {
  return serviceSpec({
    node,
    entry: `/opt/${AWKWARD}/dist/cli.js`,
    dataDir,
    flags: { port: 4711, projectRoots: ['/src/a b', '/src/c'], debugLogContent: true, dataDir: 'ignored: dataDir wins' },
    env: { PATH: `/usr/local/bin:/home/o/${AWKWARD}/bin:/usr/bin`, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/v1', ANTHROPIC_API_KEY: 'sk-ant-secret' },
  });
}

test('the command line and environment read back word for word, and no secret is written', () => {
  const spec = specFor('/usr/bin/node', `/home/o/${AWKWARD}/data`);
  const unit = renderSystemdUnit(spec, { systemdVersion: 255 });
  assert.deepEqual(splitWords(unitValue(unit, 'ExecStart') ?? '', 'exec'), spec.command);
  assert.deepEqual(spec.command.slice(2), ['--data-dir', `/home/o/${AWKWARD}/data`, '--port', '4711', '--project-root', '/src/a b', '--project-root', '/src/c', '--debug-log-content']);
  const environment = unit.split('\n').filter((l) => l.startsWith('Environment=')).map((l) => splitWords(l.slice('Environment='.length), 'environment')[0]);
  assert.deepEqual(environment, [`PATH=/usr/local/bin:/home/o/${AWKWARD}/bin:/usr/bin`, 'ANTHROPIC_BASE_URL=http://127.0.0.1:9/v1']);
  assert.doesNotMatch(unit, /sk-ant-secret|ANTHROPIC_API_KEY/);
});

test('restarts after a failure, never after a clean stop or a bad configuration, with growing delays where systemd has them', () => {
  const spec = specFor('/usr/bin/node', '/d');
  const modern = renderSystemdUnit(spec, { systemdVersion: STEPPED_RESTART_SINCE });
  assert.equal(unitValue(modern, 'Restart'), 'on-failure');
  assert.equal(unitValue(modern, 'RestartPreventExitStatus'), '2');
  assert.equal(unitValue(modern, 'StartLimitIntervalSec'), '0', 'systemd never gives up restarting it');
  assert.deepEqual([unitValue(modern, 'RestartSec'), unitValue(modern, 'RestartSteps'), unitValue(modern, 'RestartMaxDelaySec')], ['2s', '7', '2min']);
  assert.equal(unitValue(modern, 'WantedBy'), 'default.target', 'starts at login');
  const older = renderSystemdUnit(spec, { systemdVersion: STEPPED_RESTART_SINCE - 1 });
  assert.equal(unitValue(older, 'RestartSec'), '5s');
  assert.equal(unitValue(older, 'RestartSteps'), undefined, 'no key an older systemd would warn about');
});

const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const version = Number(/^systemd (\d+)/.exec(analyze.stdout ?? '')?.[1] ?? 0);

test(`this machine's systemd-analyze verifies the unit without a warning (${UNIT_NAME})`, { skip: analyze.status === 0 ? false : 'systemd-analyze is not installed (not a systemd machine)' }, (t) => {
  const dir = tempDir(t, 'sc-unit-');
  // The program sits in an awkward folder: if systemd read the quoting differently, verify
  // would report "Command ... is not executable" for whatever path it made of it.
  const bin = join(dir, AWKWARD_PROGRAM_DIR);
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, join(bin, 'node'));
  const unitFile = join(dir, UNIT_NAME);
  writeFileSync(unitFile, renderSystemdUnit(specFor(join(bin, 'node'), join(dir, 'data')), { systemdVersion: version }));
  const verified = spawnSync('systemd-analyze', ['verify', unitFile], { encoding: 'utf8' });
  const complaints = `${verified.stdout}${verified.stderr}`
    .split('\n')
    // verify loads the system manager's view; these lines are about this container, not the unit.
    .filter((l) => l.trim() && !/RuntimeDirectory|initialize manager|Failed to connect to bus/.test(l));
  assert.deepEqual(complaints, [], `systemd ${version} complained`);
  assert.equal(verified.status, 0);

  // The same check catches a wrong path: a unit naming a program that is not there fails.
  writeFileSync(unitFile, renderSystemdUnit(specFor(join(bin, 'missing-node'), join(dir, 'data')), { systemdVersion: version }));
  const broken = spawnSync('systemd-analyze', ['verify', unitFile], { encoding: 'utf8' });
  assert.match(`${broken.stdout}${broken.stderr}`, /missing-node/);
});

test('a program path systemd cannot start is a clear error, not a unit that never starts', () => {
  assert.throws(() => renderSystemdUnit(specFor(`/opt/${AWKWARD}/node`, '/d')), /systemd cannot start a program whose path holds quotes or backslashes/);
});
