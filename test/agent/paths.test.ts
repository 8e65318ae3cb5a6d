// Confinement of the file tools to the project folder, on a real file system: what a path really
// leads to after every symbolic link is what counts, a file that does not exist yet may be
// created inside, and every way out (`../`, an absolute path, a link, a dangling link, a link
// loop) is refused with a message saying which. The tools' side is in tools/confinement.test.ts.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ConfinementError, displayPath, isInside, placeOf, resolveInProject } from '../../src-main/agent/paths.js';
import { describeError } from '../../src-main/shared/errors.js';
import { tempDir } from '../helpers/temp.js';

function layout(t: TestContext) {
  const top = realpathSync(tempDir(t));
  const root = join(top, 'project');
  const outside = join(top, 'outside');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'src', 'a.ts'), 'x');
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
  return { top, root, outside };
}

const refused = async (root: string, input: string, message: RegExp) => {
  await assert.rejects(resolveInProject(root, input), (e: unknown) => e instanceof ConfinementError && message.test(e.message) && e.code === 'AGENT_CONFINEMENT', input);
};

test('inside means the root itself or below it; a sibling with the same prefix and a file called ..x are judged right', () => {
  assert.equal(isInside('/p/app', '/p/app'), true);
  assert.equal(isInside('/p/app', '/p/app/src/a.ts'), true);
  assert.equal(isInside('/p/app', '/p/app/..notes'), true, 'a name starting with two dots is not the parent');
  assert.equal(isInside('/p/app', '/p/app2/a.ts'), false);
  assert.equal(isInside('/p/app', '/p'), false);
  assert.equal(isInside('/p/app', '/other'), false);
  assert.equal(isInside('/p/app', '/p/app/'), true, 'the root written with a trailing slash');
  assert.equal(isInside('/p/app/', '/p/app/src'), true);
  assert.equal(isInside('/p/app', '/p/app/src/..'), true);
});

test('paths inside resolve to their real place, existing or not yet', async (t) => {
  const { root } = layout(t);
  assert.equal(await resolveInProject(root, 'src/a.ts'), join(root, 'src/a.ts'));
  assert.equal(await resolveInProject(root, join(root, 'src/a.ts')), join(root, 'src/a.ts'));
  assert.equal(await resolveInProject(root, 'new/deep/file.txt'), join(root, 'new/deep/file.txt'), 'missing folders on the way are fine');
  assert.equal(await resolveInProject(root, 'src/../src/a.ts'), join(root, 'src/a.ts'));
  assert.equal(await resolveInProject(root, '.'), root);
  symlinkSync(join(root, 'src'), join(root, 'lib'));
  assert.equal(await resolveInProject(root, 'lib/a.ts'), join(root, 'src/a.ts'), 'a link inside is followed to its real place');
  symlinkSync('src/later.ts', join(root, 'later'));
  assert.equal(await resolveInProject(root, 'later'), join(root, 'src/later.ts'), 'a dangling link inside leads to what writing it would create');
  symlinkSync('missing-dir', join(root, 'dangling-dir'));
  assert.equal(await resolveInProject(root, 'dangling-dir/x/y.txt'), join(root, 'missing-dir/x/y.txt'));
});

test('every way out is refused, and the message says whether a link led there', async (t) => {
  const { root, outside } = layout(t);
  await refused(root, '../outside/secret.txt', /^\.\.\/outside\/secret\.txt is outside the project folder\.$/);
  await refused(root, join(outside, 'secret.txt'), /is outside the project folder\.$/);
  await refused(root, '/', /is outside the project folder/);
  symlinkSync(outside, join(root, 'out'));
  await refused(root, 'out/secret.txt', /^out\/secret\.txt leads outside the project folder through a symbolic link\.$/);
  await refused(root, join(root, 'out/new.txt'), /through a symbolic link/);
  symlinkSync(join(outside, 'not-yet.txt'), join(root, 'trap'));
  await refused(root, 'trap', /through a symbolic link/);
  symlinkSync(join(outside, 'nodir'), join(root, 'trapdir'));
  await refused(root, 'trapdir/a/b.txt', /through a symbolic link/);
});

test('bad input gets a clear refusal', async (t) => {
  const { root } = layout(t);
  await refused(root, '', /^An empty path was given\.$/);
  const error = await resolveInProject(root, '').catch((e: unknown) => e);
  assert.equal(describeError(error), 'An empty path was given. Tools may only touch files inside the project folder.', 'no added folder, none in the hint');
  await refused(root, 'src/a\0.ts', /^The path contains a NUL character\.$/);
});

test('a link loop is refused instead of followed for ever', async (t) => {
  const { root } = layout(t);
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  await refused(root, 'loop-a/x', /^\/.*\/loop-a\/x goes through too many symbolic links\.$/);
  await refused(root, 'loop-a', /goes through too many symbolic links/);
});

test('a chain of dangling links is followed as far as the kernel follows one (40 links on Linux, 32 on macOS), and refused beyond', async (t) => {
  const { root } = layout(t);
  // link-0 → link-1 → … → link-N → end-N.txt (missing): writing link-0 would create end-N.txt.
  const chain = (name: string, links: number) => {
    for (let i = 0; i < links; i++) symlinkSync(i + 1 < links ? `${name}-${i + 1}` : `${name}-end.txt`, join(root, `${name}-${i}`));
  };
  chain('some', 30);
  assert.equal(await resolveInProject(root, 'some-0'), join(root, 'some-end.txt'));
  chain('more', 60);
  await refused(root, 'more-0', /^\/.*\/more-0 goes through too many symbolic links\.$/);
});

test('a name too long for the file system is its error, not taken for a missing file', async (t) => {
  const { root } = layout(t);
  await assert.rejects(resolveInProject(root, `src/${'a'.repeat(300)}/x`), (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENAMETOOLONG');
});

test('a path through a file (a.ts/x) stays inside: the tool, not confinement, says it is not a folder', async (t) => {
  const { root } = layout(t);
  assert.equal(await resolveInProject(root, 'src/a.ts/x'), join(root, 'src/a.ts/x'));
});

test('the refusal tells Claude what it may do instead', async (t) => {
  const { root } = layout(t);
  const error = await resolveInProject(root, '../elsewhere.txt').catch((e: unknown) => e);
  assert.equal(describeError(error), '../elsewhere.txt is outside the project folder. Tools may only touch files inside the project folder.');
});

test('a project opened through a link is the same project; a way out through it is still a link', async (t) => {
  const { top, root, outside } = layout(t);
  const alias = join(top, 'alias');
  symlinkSync(root, alias);
  symlinkSync(outside, join(root, 'out'));
  assert.equal(await resolveInProject(alias, join(alias, 'src/a.ts')), join(root, 'src/a.ts'));
  await refused(alias, join(alias, 'out/secret.txt'), /through a symbolic link/);
  await refused(alias, '../outside/secret.txt', /is outside the project folder/);
});

test('paths in messages are relative to the project, the root itself is "."', () => {
  assert.equal(displayPath('/p/app', '/p/app'), '.');
  assert.equal(displayPath('/p/app', '/p/app/src/a.ts'), 'src/a.ts');
});

test('added folders the owner confirmed are reachable like the project; links out of them and unconfirmed ones are not', async (t) => {
  const { top, root, outside } = layout(t);
  const lib = join(top, 'lib');
  const pending = join(top, 'pending');
  mkdirSync(join(lib, 'src'), { recursive: true });
  mkdirSync(pending);
  writeFileSync(join(lib, 'src', 'util.ts'), 'u');
  const reach = { added: [lib], whyNot: (real: string) => (isInside(pending, real) ? 'is in an added folder the owner has not confirmed.' : undefined) };
  assert.equal(await resolveInProject(root, join(lib, 'src/util.ts'), reach), join(lib, 'src/util.ts'));
  assert.equal(await resolveInProject(root, '../lib/new/file.ts', reach), join(lib, 'new/file.ts'), 'a relative path from the root into it, not existing yet');
  await assert.rejects(resolveInProject(root, join(lib, 'src/util.ts')), /is outside the project folder\.$/, 'without the reach it stays out');
  const confined = (input: string, message: RegExp) =>
    assert.rejects(resolveInProject(root, input, reach), (e: unknown) => e instanceof ConfinementError && message.test(e.message), input);
  await confined(join(outside, 'secret.txt'), /is outside the project folder and its added folders\.$/);
  await confined(join(top, 'lib2/x'), /is outside the project folder and its added folders\.$/);
  symlinkSync(outside, join(lib, 'out'));
  await confined(join(lib, 'out/secret.txt'), /leads outside the project folder and its added folders through a symbolic link\.$/);
  symlinkSync(pending, join(lib, 'to-pending'));
  await confined(join(pending, 'a.txt'), /a\.txt is in an added folder the owner has not confirmed\.$/);
  const hint = async (input: string) => describeError(await resolveInProject(root, input, reach).catch((e: unknown) => e));
  assert.match(await hint(join(outside, 'secret.txt')), /Tools may only touch files inside the project folder and the added folders the owner confirmed\.$/);
  assert.match(await hint(join(pending, 'a.txt')), /Tools may only touch files inside the project folder and the added folders the owner confirmed\.$/);
  await confined(join(lib, 'to-pending/a.txt'), /is in an added folder the owner has not confirmed\.$/);
  symlinkSync(join(lib, 'src'), join(root, 'shared'));
  assert.equal(await resolveInProject(root, 'shared/util.ts', reach), join(lib, 'src/util.ts'), 'a link from the project into a confirmed folder is followed');
  assert.equal(placeOf(root, reach, join(lib, 'src')), lib);
  assert.equal(placeOf(root, reach, join(root, 'src')), root);
  assert.equal(placeOf(root, reach, outside), undefined);
});
