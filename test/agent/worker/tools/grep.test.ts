// Grep as Claude Code's ripgrep search behaves: which files it looks at (.gitignore, .ignore,
// hidden files, version-control folders) and the arguments people use (context, line numbers,
// multiline, type, paging).
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempProject } from '../../harness.js';
import { call, textOf, toolContext, type Ctx } from './tool-context.js';

const grep = async (ctx: Ctx, input: Record<string, unknown>): Promise<string> => textOf(await call(ctx, 'Grep', input));
/** The files listed by a files_with_matches answer, relative to the root, sorted. */
const listed = (ctx: Ctx, out: string): string[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith(ctx.root))
    .map((l) => l.slice(ctx.root.length + 1))
    .sort();

describe('Grep', () => {
  let repo: string;
  let ctx: Ctx;
  before(async () => {
    repo = await tempProject({
      '.gitignore': 'dist/\n*.log\n!keep.log\n',
      'src/app.ts': 'import x from "y";\n// NEEDLE in source\nexport const a = 1;\n',
      'src/gen/.gitignore': 'generated.ts\n',
      'src/gen/generated.ts': '// NEEDLE generated\n',
      'src/gen/kept.ts': '// NEEDLE kept\n',
      'dist/bundle.js': '// NEEDLE built\n',
      'debug.log': 'NEEDLE log\n',
      'keep.log': 'NEEDLE kept log\n',
      '.github/workflows/ci.yml': 'run: echo NEEDLE\n',
      '.ignore': 'vendor/\n',
      'vendor/lib.js': '// NEEDLE vendored\n',
      'node_modules/dep/index.js': '// NEEDLE dependency\n',
      'script.py': 'def f():\n    return "NEEDLE"\n',
      'lines.txt': Array.from({ length: 12 }, (_, i) => (i === 3 || i === 8 ? `hit ${i + 1}` : `line ${i + 1}`)).join('\n') + '\n',
      'multi.ts': 'interface Config {\n  port: number;\n  host: string;\n}\n',
    });
    await mkdir(join(repo, '.git', 'info'), { recursive: true });
    await writeFile(join(repo, '.git', 'info', 'exclude'), 'secret-notes.txt\n');
    await writeFile(join(repo, 'secret-notes.txt'), 'NEEDLE private\n');
    await writeFile(join(repo, '.git', 'config'), 'NEEDLE in git internals\n');
    ctx = await toolContext(repo);
  });
  after(() => rm(repo, { recursive: true, force: true }));

  test('honours .gitignore (nested, negated, info/exclude) and .ignore; searches hidden files; skips VCS folders', async () => {
    const found = listed(ctx, await grep(ctx, { pattern: 'NEEDLE' }));
    assert.deepEqual(found, ['.github/workflows/ci.yml', 'keep.log', 'script.py', 'src/app.ts', 'src/gen/kept.ts']);
  });

  test('a folder or file named on purpose is searched even when ignored', async () => {
    assert.deepEqual(listed(ctx, await grep(ctx, { pattern: 'NEEDLE', path: 'dist' })), ['dist/bundle.js']);
    assert.deepEqual(listed(ctx, await grep(ctx, { pattern: 'NEEDLE', path: 'debug.log' })), ['debug.log']);
  });

  test('.gitignore counts only inside a git repository, as with rg', async () => {
    const plain = await tempProject({ '.gitignore': '*.log\n', 'a.log': 'NEEDLE\n', '.ignore': 'b.txt\n', 'b.txt': 'NEEDLE\n' });
    try {
      const c = await toolContext(plain);
      assert.deepEqual(listed(c, await grep(c, { pattern: 'NEEDLE' })), ['a.log']);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  test('content mode: line numbers by default, -n false, context with -A/-B/-C and -- between groups', async () => {
    const path = join(ctx.root, 'lines.txt');
    assert.equal(await grep(ctx, { pattern: '^hit', path: 'lines.txt', output_mode: 'content' }), `${path}:4:hit 4\n${path}:9:hit 9`);
    assert.equal(await grep(ctx, { pattern: '^hit', path: 'lines.txt', output_mode: 'content', '-n': false }), `${path}:hit 4\n${path}:hit 9`);
    assert.equal(
      await grep(ctx, { pattern: '^hit', path: 'lines.txt', output_mode: 'content', '-C': 1 }),
      [`${path}-3-line 3`, `${path}:4:hit 4`, `${path}-5-line 5`, '--', `${path}-8-line 8`, `${path}:9:hit 9`, `${path}-10-line 10`].join('\n'),
    );
    assert.equal(
      await grep(ctx, { pattern: '^hit', path: 'lines.txt', output_mode: 'content', '-A': 4 }),
      [`${path}:4:hit 4`, `${path}-5-line 5`, `${path}-6-line 6`, `${path}-7-line 7`, `${path}-8-line 8`, `${path}:9:hit 9`, `${path}-10-line 10`, `${path}-11-line 11`, `${path}-12-line 12`].join('\n'),
    );
    assert.equal(await grep(ctx, { pattern: '^hit 9', path: 'lines.txt', output_mode: 'content', '-B': 2 }), [`${path}-7-line 7`, `${path}-8-line 8`, `${path}:9:hit 9`].join('\n'));
  });

  test('multiline patterns span lines; without it they do not', async () => {
    const path = join(ctx.root, 'multi.ts');
    assert.equal(await grep(ctx, { pattern: 'Config \\{.*?host', path: 'multi.ts' }), 'No matches found');
    assert.equal(
      await grep(ctx, { pattern: 'Config \\{.*?host', path: 'multi.ts', multiline: true, output_mode: 'content' }),
      [`${path}:1:interface Config {`, `${path}:2:  port: number;`, `${path}:3:  host: string;`].join('\n'),
    );
  });

  test('type filters by rg file type; an unknown type is a clear error', async () => {
    assert.deepEqual(listed(ctx, await grep(ctx, { pattern: 'NEEDLE', type: 'py' })), ['script.py']);
    assert.deepEqual(listed(ctx, await grep(ctx, { pattern: 'NEEDLE', type: 'ts' })), ['src/app.ts', 'src/gen/kept.ts']);
    const bad = await call(ctx, 'Grep', { pattern: 'NEEDLE', type: 'klingon' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /Unknown file type "klingon". Known types: .*\bpy\b/);
  });

  test('glob takes several patterns and exclusions', async () => {
    assert.deepEqual(listed(ctx, await grep(ctx, { pattern: 'NEEDLE', glob: '*.py *.yml' })), ['.github/workflows/ci.yml', 'script.py']);
    assert.deepEqual(listed(ctx, await grep(ctx, { pattern: 'NEEDLE', glob: 'src/**, !**/kept.ts' })), ['src/app.ts']);
  });

  test('head_limit and offset page through results; count counts matching lines', async () => {
    const path = join(ctx.root, 'lines.txt');
    const page1 = await grep(ctx, { pattern: 'line', path: 'lines.txt', output_mode: 'content', head_limit: 4 });
    assert.equal(page1.split('\n').length, 5);
    assert.match(page1, /6 more results not shown; continue with offset 4/);
    const page2 = await grep(ctx, { pattern: 'line', path: 'lines.txt', output_mode: 'content', head_limit: 4, offset: 4 });
    assert.equal(page2.split('\n')[0], `${path}:6:line 6`);
    const all = await grep(ctx, { pattern: 'line', path: 'lines.txt', output_mode: 'content', head_limit: 0 });
    assert.equal(all.split('\n').length, 10);
    assert.equal(await grep(ctx, { pattern: 'hit', path: 'lines.txt', output_mode: 'count' }), `${path}:2`);
  });
});
