// What a worker tells the main process about a call it asks the owner to approve: the file
// before and after an Edit/Write (read in the worker, which has the file), the command and
// folder of a Bash call, and the sentence Claude wrote before the call.
import assert from 'node:assert/strict';
import { realpath, rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { probeSandbox } from '../../../src-main/agent/sandbox/detect.js';
import { AnthropicTestServer, reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { baseConfig, spawnWorker, tempProject } from '../harness.js';

describe('approval subjects', () => {
  let server: AnthropicTestServer;
  const limiter = new RateLimiter();
  before(async () => {
    server = await AnthropicTestServer.start();
  });
  after(() => server.close());

  test('Edit, Write and Bash requests carry what would change, where, and why', async (t) => {
    const root = await tempProject({ 'README.md': '# hello\n\nSays hello.\n' });
    t.after(() => rm(root, { recursive: true, force: true }));
    server.enqueue(
      reply([text('The README says nothing about usage.\n\nI will add a usage line.'), toolUse('Edit', { file_path: 'README.md', old_string: 'Says hello.\n', new_string: 'Says hello.\n\nRun `npx hello`.\n' }, 'e1')]),
      reply([text('Now the notes.'), toolUse('Write', { file_path: 'docs/notes.md', content: 'first\n' }, 'w1')]),
      reply([toolUse('Bash', { command: 'npm test', description: 'Run the tests' }, 'b1')]),
      reply([toolUse('Edit', { file_path: 'README.md', old_string: 'not there', new_string: 'x' }, 'e2')]),
      reply([text('Done.')]),
    );
    const { worker, log } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    await worker.start(baseConfig(root, server.url, { permissionMode: 'default' }));
    worker.sendTurn('turn-s', [{ type: 'text', text: 'improve the docs' }]);

    const edit = await log.waitFor('approval_request', (e) => e.toolUseId === 'e1');
    assert.deepEqual(edit.subject, { kind: 'change', path: 'README.md', before: '# hello\n\nSays hello.\n', after: '# hello\n\nSays hello.\n\nRun `npx hello`.\n' });
    assert.equal(edit.intent, 'The README says nothing about usage.\n\nI will add a usage line.');
    worker.answerApproval(edit.approvalId, 'once');

    const write = await log.waitFor('approval_request', (e) => e.toolUseId === 'w1');
    assert.deepEqual(write.subject, { kind: 'change', path: 'docs/notes.md', before: null, after: 'first\n' });
    assert.equal(write.intent, 'Now the notes.');
    worker.answerApproval(write.approvalId, 'deny');

    const bash = await log.waitFor('approval_request', (e) => e.toolUseId === 'b1');
    assert.deepEqual(bash.subject, { kind: 'command', command: 'npm test', cwd: await realpath(root), sandboxed: probeSandbox().kind !== 'none' });
    assert.equal(bash.intent, 'Run the tests', 'without text before the call, its description is the reason');
    worker.answerApproval(bash.approvalId, 'deny');

    const broken = await log.waitFor('approval_request', (e) => e.toolUseId === 'e2');
    assert.equal(broken.subject, undefined, 'an edit that cannot apply has no change to show');
    worker.answerApproval(broken.approvalId, 'deny');
    await log.waitFor('turn_end', (e) => e.turnId === 'turn-s');
  });
});
