// The built headless app (dist/, `npm run build` first) loads on first use what an idle daemon
// does not hold: the one-shot commands and the Anthropic client of the key check are chunks of
// their own (scripts/build.mjs), and these run them the way a user does, through the built
// entry. And every bundle is ASCII, which halves what V8 keeps of its source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../../src-main/shared/app-info.js';
import { startDaemon } from '../helpers/daemon-process.js';
import { AnthropicTestServer } from '../helpers/anthropic-server.js';
import { tempDir } from '../helpers/temp.js';

const DIST = join(findAppRoot(), 'dist');
const ENTRY = join(DIST, 'cli.js');

function built(): void {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: run npm run build first`);
}

test('the built CLI runs `status` from its own chunk', (t) => {
  built();
  const r = spawnSync(process.execPath, [ENTRY, 'status', '--data-dir', tempDir(t)], { encoding: 'utf8' });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stdout, /not running/);
});

test('the built daemon checks an Anthropic key with the client it loads on first use', async (t) => {
  built();
  const good = 'sk-ant-built-check-Zq9w';
  const claude = await AnthropicTestServer.start({ apiKeys: [good] });
  t.after(() => claude.close());
  const daemon = await startDaemon(t, ['--data-dir', tempDir(t)], { ANTHROPIC_BASE_URL: claude.url }, { node: [ENTRY] });
  const check = (key: string) => daemon.api('/api/anthropic-key/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });

  const refused = await check('sk-ant-refused-key-0000');
  assert.equal(refused.ok, false);
  assert.match(((await refused.json()) as { error: { message: string } }).error.message, /did not accept this key \(HTTP 401\)/);
  const accepted = await check(good);
  assert.equal(accepted.status, 200);
  assert.deepEqual(await accepted.json(), { set: true, last4: 'Zq9w', source: 'app' });
  assert.deepEqual(claude.requests.map((r) => r.path), ['/v1/models', '/v1/models']);
  await daemon.stop();
});

test('every built bundle is ASCII', () => {
  built();
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.c?js$/.test(e.name) ? [join(dir, e.name)] : []));
  const found = files(DIST);
  assert.ok(found.some((f) => f.includes('cli-chunks')), 'the CLI has chunks');
  for (const file of found) {
    const at = readFileSync(file, 'utf8').search(/[^\x00-\x7f]/);
    assert.equal(at, -1, `${file} has a non-ASCII character at ${at}`);
  }
});
