// A desk session as the text a resumed session starts from: what the owner asked and Claude said
// whole, a tool call as one line, a result as its beginning, no thinking; a long one keeps its
// beginning and its latest part and says how much was left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deskResumeSummary, MAX_IMPORT_CHARS } from '../../src-main/sessions/desk-import.js';
import { conversationOf, type DeskSession } from '../../src-main/sessions/desk-sessions.js';
import { deskEntry, deskSessionLines } from '../helpers/desk-session.js';

const session = (lines: Record<string, unknown>[]): DeskSession => ({ id: 'aaaa1111-2222', file: 'x.jsonl', updatedAt: Date.UTC(2026, 11, 4, 17, 30), title: 't', messages: conversationOf(lines as never) });

test('the conversation comes along in words: the owner and Claude whole, tool calls in one line, results shortened, thinking never', () => {
  const { summary, leftOut } = deskResumeSummary(session(deskSessionLines('/p')));
  assert.equal(leftOut, 0);
  assert.match(summary, /^The owner worked on this project in Claude Code at their desk \(session aaaa1111, last active 2026-12-04 17:30 UTC\)/);
  assert.match(summary, /Owner: the login page redirects to \/undefined, fix it\n\nClaude: Let me look at the router\.\nClaude used Read: \/p\/src\/router\.ts\n\n {2}↳ result: export const next/);
  assert.match(summary, /↳ result: [\s\S]{300}… \(\d+ more characters\)/, 'a long result is cut to its beginning');
  assert.match(summary, /Claude: Fixed: `next` now defaults to `\/`\.\n\nOwner: also add a test for the redirect\n\nClaude: Added test\/router\.test\.ts\.$/);
  assert.doesNotMatch(summary, /secret reasoning|subagent|Caveat|command-name/);
});

test('a session too long to carry keeps its first question and its latest part, and says what was left out', () => {
  const lines: Record<string, unknown>[] = [];
  let parent: string | null = null;
  for (let i = 0; i < 400; i++) {
    const ask = deskEntry('user', `question ${i}: ${'words '.repeat(40)}`, parent);
    const answer = deskEntry('assistant', [{ type: 'text', text: `answer ${i}: ${'more '.repeat(40)}` }], ask.uuid, { message: { id: `m${i}`, role: 'assistant', content: [{ type: 'text', text: `answer ${i}: ${'more '.repeat(40)}` }] } });
    lines.push(ask, answer);
    parent = answer.uuid;
  }
  const { summary, leftOut } = deskResumeSummary(session(lines));
  assert.ok(summary.length <= MAX_IMPORT_CHARS, `${summary.length} characters`);
  assert.ok(leftOut > 0);
  assert.match(summary, /Owner: question 0:/, 'the first question stays');
  assert.match(summary, new RegExp(`\\[… ${leftOut} earlier parts of the conversation left out …\\]\\n\\nOwner: question \\d+`));
  assert.match(summary, /Claude: answer 399: /, 'the latest part stays');
});
