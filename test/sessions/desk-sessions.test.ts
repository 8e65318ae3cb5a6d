// Reading Claude Code's session files (~/.claude/projects/<path>/<id>.jsonl) as Claude Code
// writes them: one line per event, a response split over several lines with one message id,
// thinking and tool calls, tool results, subagent threads, notes Claude Code adds itself, its own
// slash commands, an edited message that left a branch, a /compact boundary, a line cut mid-write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conversationOf, deskFolders, listDeskSessions } from '../../src-main/sessions/desk-sessions.js';
import { tempDir } from '../helpers/temp.js';
import { deskEntry as entry, deskSessionLines, jsonl } from '../helpers/desk-session.js';

const PROJECT = '/home/dev/code/my_app.v2';

test('a desk session reads as its conversation: one message per response, the chain that ends last, nothing Claude Code added itself', () => {
  const messages = conversationOf(deskSessionLines() as never);
  assert.deepEqual(
    messages.map((m) => [m.role, m.blocks.map((b) => (b.type === 'text' ? b.text : b.type))]),
    [
      ['user', ['the login page redirects to /undefined, fix it']],
      ['assistant', ['thinking', 'Let me look at the router.', 'tool_use']],
      ['user', ['tool_result']],
      ['assistant', ['Fixed: `next` now defaults to `/`.']],
      ['user', ['also add a test for the redirect']],
      ['assistant', ['Added test/router.test.ts.']],
    ],
  );
});

test('after a /compact in Claude Code, the conversation starts at its summary', () => {
  const boundary = { type: 'system', subtype: 'compact_boundary', parentUuid: null, uuid: 'b1', content: 'Conversation compacted' };
  const summary = entry('user', 'This session is being continued from a previous conversation. Summary: the router was fixed.', 'b1', { isCompactSummary: true });
  const next = entry('user', 'now the logout page', summary.uuid);
  const answer = entry('assistant', [{ type: 'text', text: 'On it.' }], next.uuid, { message: { id: 'msg_9', role: 'assistant', content: [{ type: 'text', text: 'On it.' }] } });
  const messages = conversationOf([...deskSessionLines(), boundary, summary, next, answer] as never);
  assert.equal(messages.length, 3, 'nothing from before the boundary');
  assert.equal(messages[0]?.compactSummary, true);
  assert.equal(messages[1]?.blocks[0]?.text, 'now the logout page', "the summary and the next words stay apart");
});

test('the project\'s sessions are listed newest first from either folder name Claude Code used; subagent files, empty and broken ones are left out', async (t) => {
  const home = tempDir(t);
  const [current, older] = deskFolders(home, PROJECT) as [string, string];
  assert.match(current, /-home-dev-code-my-app-v2$/, 'every character but letters and digits becomes "-"');
  assert.match(older, /-home-dev-code-my_app\.v2$/, 'older versions: only "/"');
  mkdirSync(current, { recursive: true });
  mkdirSync(older, { recursive: true });
  const write = (folder: string, name: string, text: string, ageMin: number) => {
    const file = join(folder, name);
    writeFileSync(file, text);
    const at = new Date(Date.now() - ageMin * 60_000);
    utimesSync(file, at, at);
  };
  write(current, 'aaaa1111-0000-0000-0000-000000000000.jsonl', jsonl(deskSessionLines()), 60);
  write(older, 'bbbb2222-0000-0000-0000-000000000000.jsonl', `${jsonl([entry('user', 'an older question', null)])}{"type":"user","message":{"content":"cut mid-wr`, 600);
  write(current, 'agent-1234.jsonl', jsonl([entry('user', 'subagent', null)]), 1);
  write(current, 'cccc3333-0000-0000-0000-000000000000.jsonl', jsonl([{ type: 'summary', summary: 'nothing said' }]), 5);
  write(current, 'notes.txt', 'not a session', 1);

  const sessions = await listDeskSessions(home, PROJECT);
  assert.deepEqual(sessions.map((s) => [s.id.slice(0, 8), s.title, s.messages.length]), [
    ['aaaa1111', 'Fix the login redirect', 6],
    ['bbbb2222', 'an older question', 1],
  ]);
  assert.deepEqual(await listDeskSessions(home, '/somewhere/else'), [], 'another project has none');
  assert.equal((await listDeskSessions(home, PROJECT, 1)).length, 1, 'at most the limit');
});
