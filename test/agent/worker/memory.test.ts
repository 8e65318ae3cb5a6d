// Memory files where Claude Code reads them, as the model receives them in the system prompt of
// a real session against the local server: the owner's ~/.claude/CLAUDE.md, the parent folders',
// the project's, CLAUDE.local.md, and @imports (followed five levels deep, never outside the
// project or ~/.claude).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importsOf } from '../../../src-main/agent/worker/memory.js';
import { reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { openSession, putFiles } from '../harness.js';

test('the system prompt carries user, parent, project and local memory in order, with imports', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'memory-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const home = join(base, 'home');
  const root = join(base, 'work', 'shop');
  await putFiles(base, {
    'home/.claude/CLAUDE.md': 'USER-RULE: answer in English.\nSee @~/.claude/style.md for style.\n',
    'home/.claude/style.md': 'USER-STYLE: short sentences.\n',
    'home/secrets.txt': 'HOME-SECRET\n',
    'work/CLAUDE.md': 'PARENT-RULE: all projects here use pnpm.\n',
    'outside.md': 'OUTSIDE-SECRET\n',
    'work/shop/CLAUDE.md': 'PROJECT-RULE: run `npm test`. Details in @docs/testing.md; not `@docs/ignored.md`.\nMail me@example.com.\nAlso @../../outside.md and @~/secrets.txt\n',
    'work/shop/docs/testing.md': 'PROJECT-IMPORT: tests live in test/. @level2.md\n',
    'work/shop/docs/level2.md': 'LEVEL-2 @level3.md',
    'work/shop/docs/level3.md': 'LEVEL-3 @level4.md',
    'work/shop/docs/level4.md': 'LEVEL-4 @level5.md',
    'work/shop/docs/level5.md': 'LEVEL-5 @level6.md',
    'work/shop/docs/level6.md': 'LEVEL-6 too deep',
    'work/shop/docs/ignored.md': 'NOT-IMPORTED\n',
    'work/shop/CLAUDE.local.md': 'LOCAL-RULE: my sandbox URL is http://localhost:3000.\n',
  });
  const h = await openSession(t, { root, config: { homeDir: home } });
  h.server.enqueue(reply([text('ok')]));
  await h.turn('hi');
  const system = h.server.messageRequests[0]?.body.system;
  const all = Array.isArray(system) ? system.map((b) => b.text).join('\n') : String(system);
  const order = ['USER-RULE', 'USER-STYLE', 'PARENT-RULE', 'PROJECT-RULE', 'PROJECT-IMPORT', 'LEVEL-2', 'LEVEL-5', 'LOCAL-RULE'].map((m) => all.indexOf(m));
  assert.ok(order.every((i) => i >= 0), `every memory file is there: ${order.join(',')}`);
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'broadest first, the project and its local file last');
  for (const absent of ['LEVEL-6', 'NOT-IMPORTED', 'OUTSIDE-SECRET', 'HOME-SECRET']) assert.ok(!all.includes(absent), `${absent} is not included`);
  assert.match(all, /Contents of ~\/\.claude\/CLAUDE\.md \(the owner's instructions for all projects/);
  assert.match(all, /Contents of CLAUDE\.local\.md \(the owner's private project instructions/);
});

test('@imports are read from prose only', () => {
  assert.deepEqual(importsOf('See @a.md and @~/b.md.\n`@c.md`\n```\n@d.md\n```\nmail x@y.z, @./e/f.md)'), ['a.md', '~/b.md', './e/f.md']);
});

test("a sub-folder's CLAUDE.md comes with the first Read of a file in it, once; never a file a deny rule hides, never the root's again", async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'memory-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'shop');
  await putFiles(base, {
    'shop/CLAUDE.md': 'ROOT-RULE\n',
    'shop/api/CLAUDE.md': 'API-RULE: handlers return JSON. See @conventions.md\n',
    'shop/api/conventions.md': 'API-IMPORT: snake_case fields\n',
    'shop/api/v2/.claude/CLAUDE.md': 'V2-RULE: versioned routes\n',
    'shop/api/v2/users.ts': 'export const users = [];\n',
    'shop/api/orders.ts': 'export const orders = [];\n',
    'shop/secret/CLAUDE.md': 'SECRET-RULE\n',
    'shop/secret/notes.txt': 'notes\n',
    'shop/web/index.ts': 'export {};\n',
  });
  const h = await openSession(t, { root, config: { rules: { allow: [], ask: [], deny: ['Read(./secret/CLAUDE.md)'] } } });
  h.server.enqueue(
    reply([toolUse('Read', { file_path: 'api/v2/users.ts' })]),
    reply([toolUse('Read', { file_path: 'api/orders.ts' })]),
    reply([toolUse('Read', { file_path: 'secret/notes.txt' })]),
    reply([toolUse('Read', { file_path: 'web/index.ts' })]),
    reply([text('done')]),
  );
  await h.turn('look around');
  const results = h.server.messageRequests.slice(1).map((r) => {
    const last = r.body.messages.at(-1)!;
    const block = Array.isArray(last.content) ? last.content.find((b) => b.type === 'tool_result') : undefined;
    return JSON.stringify(block?.content ?? '');
  });
  const [users, orders, secret, web] = results as [string, string, string, string];
  assert.match(users, /export const users/);
  assert.match(users, /<system-reminder>.*Contents of api\/CLAUDE\.md \(instructions for the files in its folder; follow them\).*API-RULE.*API-IMPORT.*Contents of api\/v2\/\.claude\/CLAUDE\.md.*V2-RULE.*<\/system-reminder>/, 'outer folder first, with its imports');
  assert.doesNotMatch(users, /ROOT-RULE/, 'the root file is in the system prompt already');
  assert.doesNotMatch(orders, /system-reminder|API-RULE/, 'loaded once per session');
  assert.doesNotMatch(secret, /SECRET-RULE|system-reminder/, 'a file Read may not read is not slipped in this way');
  assert.doesNotMatch(web, /system-reminder/, 'a folder without its own file adds nothing');
});
