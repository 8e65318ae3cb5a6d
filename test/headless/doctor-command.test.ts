// `signal-claude doctor` as a user runs it, against the mock server: one line per Signal host,
// exit 0 when every TLS handshake holds, 1 (and the failing hosts named) when one does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src-main/headless/main.js';
import { SIGNAL_ROOT_CA_PEM } from '../../src-main/signal/signal-root-ca.js';
import { startMockSignal } from '../helpers/mock-signal.js';
import { tempDir } from '../helpers/temp.js';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), isTerminal: false } };
}

test('doctor reports TLS to chat, storage and each CDN', async (t) => {
  const mock = await startMockSignal(t);
  const { out, io } = captureIo();
  const code = await main(['doctor', '--signal-config', mock.configPath, '--data-dir', tempDir(t)], {}, io);
  assert.equal(code, 0, out.join('\n'));
  for (const name of ['chat', 'storage', 'cdn0', 'cdn2', 'cdn3']) assert.ok(out.some((l) => l.trimStart().startsWith(`${name} `) && / ok: trusted/.test(l)), `${name} in:\n${out.join('\n')}`);
  assert.equal(out.at(-1), 'All Signal hosts are reachable.');
});

test("doctor fails and names the hosts when the CA does not match (Signal's root against the mock)", async (t) => {
  const mock = await startMockSignal(t);
  const path = join(tempDir(t), 'wrong-ca.json');
  writeFileSync(path, JSON.stringify({ ...mock.configJson, certificateAuthority: SIGNAL_ROOT_CA_PEM }));
  const { out, io } = captureIo();
  const code = await main(['doctor', '--signal-config', path, '--data-dir', tempDir(t)], {}, io);
  assert.equal(code, 1);
  assert.equal(out.filter((l) => / FAILED: /.test(l)).length, 5, out.join('\n'));
  assert.match(out.at(-1) ?? '', /5 of 5 hosts failed/);
});
