// The owner sets another Anthropic key while a session's worker runs: the session's next turn
// uses the new key, without a restart of the worker. A worker that kept the key it started with
// would go on failing (and its refusals would count against the new key in health).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyOf, reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { createApiHandlers } from '../../src-main/daemon/api-handlers.js';

const OLD = 'sk-ant-old-key-aaaa';
const NEW = 'sk-ant-new-key-bbbb';

/** The product with the app's own key OLD (none from the environment), after one answered question. */
async function answeredOnce(t: TestContext) {
  const p = await startProduct(t, { settings: { anthropicApiKey: undefined } });
  const api = createApiHandlers(p.daemon, { quit: () => undefined });
  await api.anthropicKeySet({ key: OLD });
  p.folder('hello-app');
  await p.phone.say('/add hello-app');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('hello-app'), 'the /add confirmation');
  p.claude.enqueue(reply([text('First answer.')]));
  await p.phone.say('first question');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('First answer.'), 'the first answer');
  return { p, api };
}

test('a key set in the app reaches the running session: its next turn carries the new key', { timeout: 120_000 }, async (t) => {
  const { p, api } = await answeredOnce(t);
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

test('a key removed in the app is not used again: the running session answers that it stopped, and a new key brings it back', { timeout: 120_000 }, async (t) => {
  const { p, api } = await answeredOnce(t);
  // Removed, perhaps because it leaked: the worker that still runs must not send it again.
  await api.anthropicKeyClear({});
  await p.phone.say('second question');
  const stopped = await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('API key was removed'), 'the answer that Claude stopped');
  assert.match(stopped.body, /Add a key under Preferences/);
  assert.equal(p.claude.messageRequests.length, 1, 'nothing was sent with the removed key');

  await api.anthropicKeySet({ key: NEW });
  p.claude.enqueue(reply([text('Third answer.')]));
  await p.phone.say('third question');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Third answer.'), 'the answer with the new key');
  assert.deepEqual(p.claude.messageRequests.map((r) => apiKeyOf(r.headers)), [OLD, NEW]);
});
