// Subagents (Claude Code's Agent tool) through a real session against the local server: the
// subagent starts from its task alone, with its definition's instructions, tools and model
// (.claude/agents/*.md); its tool calls go through the session's permissions and show under
// the running turn; only its final report comes back to Claude; its requests count in the
// turn's cost; it cannot start another subagent; an unknown type is an error Claude can read.
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse, type RequestBody } from '../../helpers/anthropic-server.js';
import { openSession, tempProject } from '../harness.js';

const toolNames = (body: RequestBody) => (body.tools ?? []).map((t) => t.name);
const systemText = (body: RequestBody) => (Array.isArray(body.system) ? body.system.map((b) => b.text).join('\n') : String(body.system));
const lastResult = (body: RequestBody) => JSON.stringify(body.messages.at(-1));

test('a subagent works from its task alone with its own tools and model, and only its report comes back', async (t) => {
  const root = await tempProject({ 'a.txt': 'hello from a\n' });
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, '.claude', 'agents'), { recursive: true });
  await writeFile(join(root, '.claude', 'agents', 'reviewer.md'), '---\nname: reviewer\ndescription: Reviews code for bugs\ntools: Read, Grep\nmodel: haiku\n---\nYou review code. Be terse.\n');
  const s = await openSession(t, { root });

  s.server.enqueue(
    reply([text('Let me delegate.'), toolUse('Agent', { description: 'review a.txt', prompt: 'Read a.txt and report what it says.', subagent_type: 'reviewer' })]),
    reply([toolUse('Bash', { command: 'cat a.txt' })]),
    reply([toolUse('Read', { file_path: 'a.txt' })]),
    reply([text('REPORT: a.txt says hello from a.')]),
    reply([text('The reviewer says a.txt greets us.')]),
  );
  const end = await s.turn('please look at a.txt (main conversation words)');
  const [main, sub1, sub2, sub3, back] = s.server.messageRequests.map((r) => r.body) as RequestBody[];

  assert.ok(toolNames(main!).includes('Agent'));
  assert.match(JSON.stringify(main!.tools), /- reviewer: Reviews code for bugs \(Tools: Read, Grep\)/);
  assert.match(JSON.stringify(main!.tools), /- general-purpose: /);

  assert.equal(sub1!.model, 'claude-haiku-5-5', 'the definition\'s model (haiku: the newest Haiku in /model\'s list)');
  assert.deepEqual(toolNames(sub1!).sort(), ['Grep', 'Read'], 'only its tools; never Agent');
  assert.match(systemText(sub1!), /You are now a subagent \(reviewer\)[\s\S]*You review code\. Be terse\./);
  assert.equal(sub1!.messages.length, 1, 'a context of its own');
  assert.match(JSON.stringify(sub1!.messages[0]), /Read a\.txt and report what it says\./);
  assert.doesNotMatch(JSON.stringify(sub1!.messages), /main conversation words/);

  assert.match(lastResult(sub2!), /The reviewer agent may not use Bash; its tools are Read, Grep\./, 'a tool outside its list is refused');
  assert.match(lastResult(sub3!), /hello from a/, 'its own calls run');
  assert.match(lastResult(back!), /REPORT: a\.txt says hello from a\./, 'Claude gets the report');
  assert.doesNotMatch(JSON.stringify(back!.messages), /"name":"Read"/, 'and none of the subagent\'s steps');

  assert.equal(end.text.trim(), 'The reviewer says a.txt greets us.', "the turn's answer is Claude's, not the subagent's");
  const calls = s.log.events.filter((e) => e.type === 'tool_call').map((e) => (e.type === 'tool_call' ? `${e.turnId}:${e.name}` : ''));
  assert.deepEqual(calls, [`${end.turnId}:Agent`, `${end.turnId}:Bash`, `${end.turnId}:Read`], 'its calls show under the running turn');
  assert.equal(s.log.events.filter((e) => e.type === 'turn_end').length, 1, 'the subagent\'s end is not the turn\'s');
  const usage = s.log.events.filter((e) => e.type === 'usage');
  assert.equal(usage.length, 5, 'each request reports its cost');
  const sum = usage.reduce((n, e) => n + (e.type === 'usage' ? e.costUsd ?? 0 : 0), 0);
  assert.ok(Math.abs((end.costUsd ?? 0) - sum) < 1e-9, `the turn's cost includes the subagent's (${end.costUsd} vs ${sum})`);
});

test('an unknown agent type is an error Claude can read; general-purpose has every tool but Agent; its file changes come back for /undo', async (t) => {
  const s = await openSession(t);
  s.server.enqueue(
    reply([toolUse('Agent', { description: 'x', prompt: 'p', subagent_type: 'nosuch' })]),
    reply([toolUse('Agent', { description: 'notes', prompt: 'write the notes' })]),
    reply([toolUse('Write', { file_path: 'notes.md', content: 'NOTES\n' })]),
    reply([toolUse('Agent', { description: 'nested', prompt: 'q' })]),
    reply([text('Wrote notes.md; no nesting for me.')]),
    reply([text('ok')]),
  );
  await s.turn('go');
  const bodies = s.server.messageRequests.map((r) => r.body);
  assert.match(lastResult(bodies[1]!), /Unknown agent type: nosuch\. Available: general-purpose\./);
  const general = bodies[2]!;
  assert.ok(!toolNames(general).includes('Agent') && toolNames(general).includes('Bash') && toolNames(general).includes('Edit'));
  assert.match(lastResult(bodies[4]!), /a subagent cannot start another one/);
  assert.match(lastResult(bodies[5]!), /Wrote notes\.md; no nesting for me\./);
  const agentResults = s.log.events.flatMap((e) => (e.type === 'step' && e.step.kind === 'tool_result' && e.step.name === 'Agent' ? [e.step] : []));
  assert.deepEqual(agentResults.at(-1)?.fileChanges.map((c) => c.path), ['notes.md'], "the subagent's new file is in the Agent call's changes, so /undo of the turn removes it");
});
