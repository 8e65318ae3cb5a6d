// The bash grammar is two .wasm files in node_modules, loaded when the worker starts. This
// checks the shipped shape: the worker bundled by esbuild the way scripts/build.mjs does, in a
// real worker thread, refuses a disguised command through the grammar.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { test } from 'node:test';
import { AgentWorker } from '../../../src-main/agent/main/agent-worker.js';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { silentLogger } from '../../../src-main/shared/logger.js';
import { AnthropicTestServer, reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { baseConfig, EventLog, tempProject } from '../harness.js';
import { bundledWorkerUrl } from '../worker-bundle.js';

test('the bundled worker loads the grammar and refuses `bash -c "rm …"` under Bash(rm:*)', async (t) => {
  const server = await AnthropicTestServer.start();
  t.after(() => server.close());
  const root = await tempProject({ 'victim.txt': 'x' });
  t.after(() => rm(root, { recursive: true, force: true }));
  const worker = new AgentWorker({ limiter: new RateLimiter(), logger: silentLogger(), workerUrl: await bundledWorkerUrl() });
  t.after(() => worker.terminate());
  const log = new EventLog();
  worker.onEvent(log.push);
  await worker.start(baseConfig(root, server.url, { permissionMode: 'bypassPermissions', rules: { allow: [], ask: [], deny: ['Bash(rm:*)'] } }));
  server.enqueue(reply([toolUse('Bash', { command: 'FOO=1 bash -c "echo hi; rm victim.txt"' })]), reply([text('ok')]));
  worker.sendTurn('t1', [{ type: 'text', text: 'clean up' }]);
  await log.waitFor('turn_end');
  const result = log.of('tool_result')[0];
  assert.equal(result?.outcome, 'denied');
  assert.match(result?.preview ?? '', /Bash\(rm:\*\)/);
});
