// Claude Code's file habits through a real worker thread and the local Anthropic server: Claude
// must read a file before changing it, a change the owner makes on disk in between is caught,
// and a worker started again from the stored steps still knows what Claude read.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { CHANGED_TEXT, NOT_READ_TEXT } from '../../../src-main/agent/worker/tools/read-state.js';
import { AnthropicTestServer, reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { baseConfig, spawnWorker, tempProject } from '../harness.js';

type Block = { type: string; tool_use_id?: string; is_error?: boolean; content?: unknown };

describe('file habits in a worker', () => {
  let server: AnthropicTestServer;
  const limiter = new RateLimiter();
  before(async () => {
    server = await AnthropicTestServer.start();
  });
  after(() => server.close());

  const resultsOf = (index: number): Block[] => (server.messageRequests[index]?.body.messages.at(-1)?.content ?? []) as Block[];

  test('an unread file is refused, read then edited; an owner change in between is caught; a restarted worker remembers the read', async (t) => {
    const root = await tempProject({ 'app.js': 'const port = 3000;\n' });
    t.after(() => rm(root, { recursive: true, force: true }));
    const config = baseConfig(root, server.url, { permissionMode: 'acceptEdits' });
    const first = spawnWorker(limiter);
    t.after(() => first.worker.terminate());
    await first.worker.start(config);

    const start = server.messageRequests.length;
    server.enqueue(
      reply([toolUse('Edit', { file_path: 'app.js', old_string: '3000', new_string: '8080' }, 'e1')]),
      reply([toolUse('Read', { file_path: 'app.js' }, 'r1'), toolUse('Edit', { file_path: 'app.js', old_string: '3000', new_string: '8080' }, 'e2')]),
      reply([text('Port is 8080 now.')]),
    );
    first.worker.sendTurn('turn-1', [{ type: 'text', text: 'use port 8080' }]);
    assert.equal((await first.log.waitFor('turn_end', (e) => e.turnId === 'turn-1')).reason, 'end_turn');
    assert.deepEqual(resultsOf(start + 1).map((b) => [b.tool_use_id, b.is_error ?? false, b.content]), [['e1', true, NOT_READ_TEXT]]);
    assert.deepEqual(resultsOf(start + 2).map((b) => [b.tool_use_id, b.is_error ?? false]), [['r1', false], ['e2', false]]);
    assert.equal(await readFile(join(root, 'app.js'), 'utf8'), 'const port = 8080;\n');

    // The owner edits the file at the desk; Claude's next edit is refused until it reads again.
    await writeFile(join(root, 'app.js'), 'const port = 8080; // desk\n');
    server.enqueue(reply([toolUse('Edit', { file_path: 'app.js', old_string: '8080', new_string: '9090' }, 'e3')]), reply([text('It changed; I will read it first.')]));
    first.worker.sendTurn('turn-2', [{ type: 'text', text: 'now 9090' }]);
    await first.log.waitFor('turn_end', (e) => e.turnId === 'turn-2');
    assert.deepEqual(resultsOf(start + 4).map((b) => [b.tool_use_id, b.content]), [['e3', CHANGED_TEXT]]);
    assert.equal(await readFile(join(root, 'app.js'), 'utf8'), 'const port = 8080; // desk\n');

    server.enqueue(reply([toolUse('Read', { file_path: 'app.js' }, 'r2')]), reply([text('Read it.')]));
    first.worker.sendTurn('turn-3', [{ type: 'text', text: 'read it again' }]);
    await first.log.waitFor('turn_end', (e) => e.turnId === 'turn-3');
    const persisted = first.log.steps.map((s) => structuredClone(s));
    await first.worker.terminate();

    // A new worker (the session was suspended) starts from the stored steps.
    const second = spawnWorker(limiter);
    t.after(() => second.worker.terminate());
    await second.worker.start(config, persisted);
    const resumedAt = server.messageRequests.length;
    server.enqueue(reply([toolUse('Edit', { file_path: 'app.js', old_string: '8080', new_string: '9090' }, 'e4')]), reply([text('Done.')]));
    second.worker.sendTurn('turn-4', [{ type: 'text', text: 'now 9090 please' }]);
    await second.log.waitFor('turn_end', (e) => e.turnId === 'turn-4');
    assert.deepEqual(resultsOf(resumedAt + 1).map((b) => [b.tool_use_id, b.is_error ?? false]), [['e4', false]]);
    assert.equal(await readFile(join(root, 'app.js'), 'utf8'), 'const port = 9090; // desk\n');
  });
});
