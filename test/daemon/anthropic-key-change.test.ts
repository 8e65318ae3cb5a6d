// The owner sets another Anthropic key while a session's worker runs: the session's next turn
// uses the new key, without a restart of the worker. A worker that kept the key it started with
// would go on failing (and its refusals would count against the new key in health).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyOf, reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { createApiHandlers } from '../../src-main/daemon/api-handlers.js';

const OLD = 'sk-ant-old-key-aaaa';
const NEW = 'sk-ant-new-key-bbbb';

test('a key set in the app reaches the running session: its next turn carries the new key', { timeout: 120_000 }, async (t) => {
  // No key from the environment or flags: the app's own key is the one in use.
  const p = await startProduct(t, { settings: { anthropicApiKey: undefined } });
  const api = createApiHandlers(p.daemon, { quit: () => undefined });
  await api.anthropicKeySet({ key: OLD });
  p.folder('hello-app');
  await p.phone.say('/add hello-app');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('hello-app'), 'the /add confirmation');

  p.claude.enqueue(reply([text('First answer.')]));
  await p.phone.say('first question');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('First answer.'), 'the first answer');
  const sessionsBefore = p.daemon.sessions.list().map((s) => s.id);

  assert.deepEqual(await api.anthropicKeySet({ key: NEW }), { set: true, last4: 'bbbb', source: 'app' });
  p.claude.enqueue(reply([text('Second answer.')]));
  await p.phone.say('second question');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Second answer.'), 'the second answer');

  assert.deepEqual(
    p.claude.messageRequests.map((r) => apiKeyOf(r.headers)),
    [OLD, NEW],
  );
  assert.deepEqual(p.daemon.sessions.list().map((s) => s.id), sessionsBefore, 'the same session answered');
});
