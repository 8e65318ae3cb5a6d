// WebFetch through a real worker thread and the local Anthropic server: the owner is asked with
// the URL, and once allowed Claude reads the page as Markdown in its tool result; a host the
// settings allow is fetched without asking; plan mode still lets Claude read the web; and the
// shipped worker bundle loads the page converters it keeps in chunks of their own.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { AgentWorker } from '../../../src-main/agent/main/agent-worker.js';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { silentLogger } from '../../../src-main/shared/logger.js';
import { AnthropicTestServer, reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { baseConfig, EventLog, spawnWorker, tempProject } from '../harness.js';

/** The worker as shipped: bundled by `npm run build` (which `npm test` runs first), chunks beside it. */
const SHIPPED_WORKER = new URL('../../../dist/worker.js', import.meta.url);

type Block = { type: string; tool_use_id?: string; is_error?: boolean; content?: unknown };

describe('WebFetch in a turn', () => {
  let claude: AnthropicTestServer;
  let site: Server;
  let siteUrl: string;
  const limiter = new RateLimiter();
  before(async () => {
    claude = await AnthropicTestServer.start();
    site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Changelog</title></head><body><main><h2>2.0.0</h2><p>Drops Node 18. The <b>config</b> file moved.</p></main></body></html>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/changelog`;
  });
  after(async () => {
    site.close();
    await claude.close();
  });
  const resultsOf = (index: number): Block[] => (claude.messageRequests[index]?.body.messages.at(-1)?.content ?? []) as Block[];

  test('the owner approves the URL, then Claude reads the page as Markdown', async (t) => {
    const root = await tempProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    const start = claude.messageRequests.length;
    claude.enqueue(reply([text('I will read the changelog.'), toolUse('WebFetch', { url: siteUrl, prompt: 'What changed in 2.0?' }, 'f1')]), reply([text('2.0 drops Node 18.')]));
    const { worker, log } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    await worker.start(baseConfig(root, claude.url, { permissionMode: 'acceptEdits' }));
    worker.sendTurn('turn-w', [{ type: 'text', text: 'what is new in 2.0?' }]);
    const asked = await log.waitFor('approval_request', (e) => e.toolUseId === 'f1');
    assert.deepEqual(asked.subject, { kind: 'url', url: siteUrl });
    assert.equal(asked.intent, 'I will read the changelog.');
    worker.answerApproval(asked.approvalId, 'once');
    await log.waitFor('turn_end', (e) => e.turnId === 'turn-w');
    const [result] = resultsOf(start + 1);
    assert.equal(result?.is_error ?? false, false);
    assert.match(String(result?.content), /^URL: http:\/\/127\.0\.0\.1:\d+\/changelog — Changelog \(text\/html\)\nPrompt: What changed in 2\.0\?/);
    assert.match(String(result?.content), /## 2\.0\.0\n\nDrops Node 18\. The \*\*config\*\* file moved\./);
    assert.ok(claude.messageRequests[start]?.body.tools?.some((tool: { name: string }) => tool.name === 'WebFetch'), 'Claude is offered WebFetch');
  });

  test('a host the rules allow is fetched without asking, in plan mode too', async (t) => {
    const root = await tempProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    const start = claude.messageRequests.length;
    claude.enqueue(reply([toolUse('WebFetch', { url: siteUrl, prompt: 'summary' }, 'f2')]), reply([text('Plan: update the config path.')]));
    const { worker, log } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    await worker.start(baseConfig(root, claude.url, { permissionMode: 'plan', rules: { allow: ['WebFetch(domain:127.0.0.1)'], ask: [], deny: [] } }));
    worker.sendTurn('turn-p', [{ type: 'text', text: 'plan the upgrade' }]);
    await log.waitFor('turn_end', (e) => e.turnId === 'turn-p');
    assert.equal(log.events.filter((e) => e.type === 'approval_request').length, 0);
    assert.match(String(resultsOf(start + 1)[0]?.content), /Drops Node 18/);
  });

  test('the shipped worker bundle loads the converters on the first fetch', async (t) => {
    assert.ok(existsSync(fileURLToPath(SHIPPED_WORKER)), 'dist/worker.js exists: run `npm run build` first (npm test does)');
    const root = await tempProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    const start = claude.messageRequests.length;
    claude.enqueue(reply([toolUse('WebFetch', { url: siteUrl, prompt: 'what is new' }, 'f3')]), reply([text('Read it.')]));
    const worker = new AgentWorker({ limiter, logger: silentLogger(), workerUrl: SHIPPED_WORKER });
    const log = new EventLog();
    worker.onEvent(log.push);
    t.after(() => worker.terminate());
    await worker.start(baseConfig(root, claude.url, { rules: { allow: ['WebFetch'], ask: [], deny: [] } }));
    worker.sendTurn('turn-d', [{ type: 'text', text: 'read the changelog' }]);
    await log.waitFor('turn_end', (e) => e.turnId === 'turn-d');
    const [result] = resultsOf(start + 1);
    assert.equal(result?.is_error ?? false, false, String(result?.content));
    assert.match(String(result?.content), /Drops Node 18\. The \*\*config\*\* file moved\./);
  });
});
