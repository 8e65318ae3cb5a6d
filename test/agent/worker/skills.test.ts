// Skills as Claude Code keeps them (.claude/skills/<name>/SKILL.md in the project and in
// ~/.claude/skills), through a real session against the local server: the Skill tool is offered
// only when there are skills and lists each one's name and description; loading one gives
// Claude its instructions with the arguments filled in; the project's skill wins over the
// owner's of the same name; one Claude may not start itself is not listed nor loaded; the
// shipped worker bundle loads the YAML parser from a chunk of its own.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AnthropicTestServer, reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { openSession, putFiles, runShippedTurn } from '../harness.js';

const toolNames = (body: { tools?: { name: string }[] }) => (body.tools ?? []).map((t) => t.name);

test('skills are listed in the Skill tool and load their instructions, arguments filled in', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'skills-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'shop');
  const home = join(base, 'home');
  await putFiles(base, {
    'shop/.claude/skills/release/SKILL.md': '---\nname: release\ndescription: |\n  Cut a release of the shop.\n  Use when the owner asks to publish a version.\n---\n# Release\n\nBump the version to $ARGUMENTS, then run `npm test`.\n',
    'shop/.claude/skills/notes/SKILL.md': '---\ndescription: Project notes format\n---\nProject NOTES rules.\n',
    'shop/.claude/skills/deploy/SKILL.md': '---\ndescription: Deploys to production\ndisable-model-invocation: true\n---\nDEPLOY steps\n',
    'shop/.claude/skills/broken/SKILL.md': '---\ndescription: [unclosed\n---\nThe broken one still works.\n',
    'home/.claude/skills/notes/SKILL.md': 'OWNER NOTES that the project skill hides.\n',
    'home/.claude/skills/standup/SKILL.md': '# Standup\n\nWrite a standup summary of yesterday\'s commits.\n\nMore details.\n',
  });
  const h = await openSession(t, { root, config: { homeDir: home } });
  h.server.enqueue(
    reply([toolUse('Skill', { skill: 'release', args: '1.2.0' })]),
    reply([toolUse('Skill', { skill: 'deploy' })]),
    reply([text('done')]),
  );
  await h.turn('publish 1.2.0');
  const [first, second, third] = h.server.messageRequests.map((r) => r.body);
  const skill = first!.tools!.find((tool) => tool.name === 'Skill') as { description: string } | undefined;
  assert.ok(skill, 'offered when there are skills');
  assert.match(skill.description, /- release: Cut a release of the shop\. Use when the owner asks to publish a version\./);
  assert.match(skill.description, /- notes: Project notes format\n/, 'the project skill wins over the owner\'s of the same name');
  assert.match(skill.description, /- standup: Write a standup summary of yesterday's commits\. \(the owner's\)/, 'without front matter: the first paragraph');
  assert.match(skill.description, /- broken: The broken one still works\./, 'broken YAML: the folder name and first paragraph');
  assert.doesNotMatch(skill.description, /deploy/, 'a skill only the owner may start is not offered');

  const loaded = JSON.stringify(second!.messages.at(-1));
  assert.match(loaded, /Base directory for this skill: [^"]*\/shop\/\.claude\/skills\/release/);
  assert.match(loaded, /Bump the version to 1\.2\.0, then run `npm test`\./);
  assert.doesNotMatch(loaded, /description: \|/, 'the front matter stays out');
  const refused = JSON.stringify(third!.messages.at(-1));
  assert.match(refused, /Unknown skill: deploy\. Available: broken, notes, release, standup\./);
});

test('a project without skills is not offered the Skill tool', async (t) => {
  const h = await openSession(t);
  h.server.enqueue(reply([text('ok')]));
  await h.turn('hi');
  assert.ok(!toolNames(h.server.messageRequests[0]!.body).includes('Skill'));
});

test('the shipped worker bundle loads its YAML parser for the first skill', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'skills-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'shop');
  await putFiles(base, { 'shop/.claude/skills/release/SKILL.md': '---\ndescription: |\n  Cut a release.\n---\nRELEASE steps for $ARGUMENTS\n' });
  const claude = await AnthropicTestServer.start();
  t.after(() => claude.close());
  claude.enqueue(reply([toolUse('Skill', { skill: 'release', args: 'v2' })]), reply([text('ok')]));
  await runShippedTurn(t, root, claude.url, 'release v2', { homeDir: join(base, 'home') });
  const tools = (claude.messageRequests[0]!.body.tools ?? []) as { name: string; description?: string }[];
  assert.match(tools.find((tool) => tool.name === 'Skill')?.description ?? '', /- release: Cut a release\./);
  assert.match(JSON.stringify(claude.messageRequests[1]!.body.messages.at(-1)), /RELEASE steps for v2/);
});
