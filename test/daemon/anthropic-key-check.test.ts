// The first-run key check on a real daemon (encrypted store) against the local Anthropic-
// compatible server: a key the endpoint refuses is reported as refused and not saved; an
// accepted one is saved (only its last four characters come back); an endpoint without
// GET /v1/models is asked for one token instead; an endpoint that cannot be reached is told
// apart from a refused key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { freePort } from '../helpers/net.js';
import { createApiHandlers, type ApiHandlers } from '../../src-main/daemon/api-handlers.js';
import { Daemon } from '../../src-main/daemon/daemon.js';
import { AppError } from '../../src-main/shared/errors.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { AnthropicTestServer, apiKeyOf, reply, text } from '../helpers/anthropic-server.js';
import { tempDir } from '../helpers/temp.js';
import { unreachableSignalConfig } from '../helpers/signal-config.js';

const GOOD = 'sk-ant-accepted-key-x7Qa';

async function open(t: TestContext, anthropicBaseUrl: string): Promise<ApiHandlers> {
  const dataDir = tempDir(t);
  const settings = loadSettings({ dataDir, signalConfig: await unreachableSignalConfig(t), anthropicBaseUrl }, {});
  const daemon = Daemon.open({ settings, logger: silentLogger(), keyProvider: new FileKeyProvider(dataDir), version: '0.0.0-test', headless: true });
  await daemon.start();
  t.after(() => daemon.stop());
  return createApiHandlers(daemon, { quit: () => undefined });
}

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code && message.test(error.message));
}

test('a refused key is not saved and says so; the accepted one is saved after one GET /v1/models', async (t) => {
  const claude = await AnthropicTestServer.start({ apiKeys: [GOOD] });
  t.after(() => claude.close());
  const api = await open(t, claude.url);
  const host = new URL(claude.url).host;

  await rejects(api.anthropicKeyCheck({ key: 'sk-ant-refused-key-0000' }), 'ANTHROPIC_KEY_REJECTED', new RegExp(`^${host} did not accept this key \\(HTTP 401\\), so it was not saved\\.`));
  assert.deepEqual((await api.preferences({})).anthropicKey, { set: false, source: 'none' });

  assert.deepEqual(await api.anthropicKeyCheck({ key: GOOD }), { set: true, last4: 'x7Qa', source: 'app' });
  assert.deepEqual((await api.preferences({})).anthropicKey, { set: true, last4: 'x7Qa', source: 'app' });
  assert.deepEqual(
    claude.requests.map((r) => [r.path, apiKeyOf(r.headers)]),
    [
      ['/v1/models', 'sk-ant-refused-key-0000'],
      ['/v1/models', GOOD],
    ],
  );
  assert.equal(claude.messageRequests.length, 0, 'no paid request was made');
});

test('an endpoint without /v1/models is asked for one token; one that cannot be reached is not a refused key', async (t) => {
  const claude = await AnthropicTestServer.start({ models: false });
  t.after(() => claude.close());
  claude.enqueue(reply([text('.')]));
  const api = await open(t, claude.url);
  assert.equal((await api.anthropicKeyCheck({ key: GOOD })).set, true);
  assert.equal(claude.messageRequests.length, 1);
  assert.equal(claude.messageRequests[0]!.body.max_tokens, 1);

  // A port that was free a moment ago: nothing listens there.
  const port = await freePort();
  const offline = await open(t, `http://127.0.0.1:${port}`);
  await rejects(offline.anthropicKeyCheck({ key: GOOD }), 'ANTHROPIC_UNAVAILABLE', new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port} to check the key, so it was not saved\\.`));
  assert.equal((await offline.preferences({})).anthropicKey.set, false);
});
