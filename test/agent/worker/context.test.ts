// What every request carries besides the conversation: the system prompt with the project's
// CLAUDE.md, and cache breakpoints placed so that each request re-reads the previous one
// from the cache (at most 4 breakpoints: tools, system, previous end, current end).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalBlocks, reply, text, toolUse, type RequestBody } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

function breakpoints(body: RequestBody): string[] {
  return canonicalBlocks(body).flatMap((b) => (b.cached ? [b.json.split(':').slice(0, 2).join(':')] : []));
}

test('the system prompt carries CLAUDE.md and the project root', async (t) => {
  const h = await openSession(t, { files: { 'CLAUDE.md': 'Always run `npm test` after edits.\n' } });
  h.server.enqueue(reply([text('ok')]));
  await h.turn('hi');
  const system = h.server.messageRequests[0]?.body.system as { text: string }[];
  assert.match(system.map((s) => s.text).join('\n'), /Always run `npm test` after edits\./);
  assert.match(system[0]?.text ?? '', /Project root: /);
  const tools = h.server.messageRequests[0]?.body.tools?.map((x) => x.name);
  assert.deepEqual(tools, ['Bash', 'BashOutput', 'KillShell', 'Glob', 'Grep', 'LS', 'Read', 'Edit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite', 'Agent'], 'Skill only with skills, web_search only when turned on');
});

test('each request reads the whole previous request back from the cache', async (t) => {
  const h = await openSession(t, { files: { 'CLAUDE.md': 'Be brief.\n', 'a.ts': 'export const a = 1;\n'.repeat(40) } });
  h.server.enqueue(
    reply([text('Looking.'), toolUse('Read', { file_path: 'a.ts' })]),
    reply([toolUse('Grep', { pattern: 'export' }), toolUse('LS', {})]),
    reply([text('a.ts exports a.')]),
    reply([text('Second turn answer.')]),
  );
  await h.turn('what does a.ts export?');
  await h.turn('thanks');
  const requests = h.server.messageRequests;
  assert.equal(requests.length, 4);
  requests.forEach((r, i) => {
    const marks = breakpoints(r.body);
    assert.ok(marks.length <= 4, `request ${i} has ${marks.length} breakpoints`);
    assert.equal(r.body.tools?.at(-1)?.cache_control !== undefined, true, 'last tool');
    const system = r.body.system as { cache_control?: unknown }[];
    assert.equal(system.at(-1)?.cache_control !== undefined, true, 'last system block');
    const last = r.body.messages.at(-1)?.content as { cache_control?: unknown }[];
    assert.equal(last.at(-1)?.cache_control !== undefined, true, 'last block of the last message');
  });
  for (let i = 1; i < requests.length; i++) {
    const prev = requests[i - 1]?.usage;
    const cur = requests[i]?.usage;
    assert.ok(prev && cur);
    const prevTotal = prev.input_tokens + prev.cache_creation_input_tokens + prev.cache_read_input_tokens;
    assert.equal(cur.cache_read_input_tokens, prevTotal, `request ${i} re-reads request ${i - 1} in full`);
  }
  const turnUsage = h.log.of('turn_end')[0]?.usage;
  assert.ok(turnUsage && turnUsage.cache_read_input_tokens > turnUsage.cache_creation_input_tokens);
});
