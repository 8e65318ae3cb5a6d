// Memory files where Claude Code reads them, as the model receives them in the system prompt of
// a real session against the local server: the owner's ~/.claude/CLAUDE.md, the parent folders',
// the project's, CLAUDE.local.md, and @imports (followed five levels deep, never outside the
// project or ~/.claude).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { importsOf } from '../../../src-main/agent/worker/memory.js';
import { reply, text } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

async function put(base: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(base, rel)), { recursive: true });
    await writeFile(join(base, rel), content);
  }
}

test('the system prompt carries user, parent, project and local memory in order, with imports', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'memory-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const home = join(base, 'home');
  const root = join(base, 'work', 'shop');
  await put(base, {
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
