import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToolActivity, toolActivityLine, usefulLines } from '../../src-main/display/tool-activity.js';
import { covered } from './ranges.js';

const opts = { projectDir: '/home/me/proj' };
const line = (name: string, input: unknown, outcome?: Parameters<typeof toolActivityLine>[1]): string => toolActivityLine({ name, input }, outcome, opts).text;

describe('one line per tool call', () => {
  test('Read, Write, Edit, MultiEdit', () => {
    assert.equal(line('Read', { file_path: '/home/me/proj/README.md' }), '🔧 Read README.md');
    assert.equal(line('Read', { file_path: '/home/me/proj/src/app.ts', offset: 120, limit: 51 }), '🔧 Read src/app.ts:120–170');
    assert.equal(line('Write', { file_path: '/home/me/proj/src/new.ts', content: 'a\nb\nc\n' }), '🔧 Write src/new.ts (3 lines)');
    assert.equal(line('Edit', { file_path: '/home/me/proj/src/app.ts', old_string: 'a\nb\nc', new_string: 'a\nB\nc\nd\ne' }), '🔧 Edit src/app.ts +3 −1');
    assert.equal(line('Edit', { file_path: '/elsewhere/x.ts', old_string: 'foo', new_string: 'bar', replace_all: true }), '🔧 Edit /elsewhere/x.ts +1 −1 (all)');
    assert.equal(line('MultiEdit', { file_path: '/home/me/proj/a.ts', edits: [{ old_string: 'x', new_string: 'y' }, { old_string: 'p', new_string: 'p\nq' }] }), '🔧 MultiEdit a.ts +2 −1');
    const r = toolActivityLine({ name: 'Read', input: { file_path: '/home/me/proj/README.md' } }, undefined, opts);
    assert.deepEqual(covered(r), ['bold:Read']);
  });

  test('Bash with test summaries, exit codes and warnings', () => {
    assert.equal(line('Bash', { command: 'npm test' }, { isError: false, output: 'ℹ tests 42\nℹ pass 42\nℹ fail 0', exitCode: 0 }), '🔧 Bash npm test → ✅ 42 passed');
    assert.equal(line('Bash', { command: 'ls' }, { isError: false, output: 'a\nb', exitCode: 0 }), '🔧 Bash ls → ✅');
    assert.equal(line('Bash', { command: 'npm run dev', run_in_background: true }), '🔧 Bash npm run dev (background)');
    assert.equal(line('BashOutput', { bash_id: 'bash_1' }), '🔧 BashOutput bash_1');
    assert.equal(line('KillShell', { shell_id: 'bash_1' }), '⏹️ KillShell bash_1');
    assert.equal(line('Bash', { command: 'npm run build' }, { isError: false, output: 'warning: unused x\nWARN deprecated y\ndone', exitCode: 0 }), '🔧 Bash npm run build → ✅ ⚠️ 2 warnings');
    const failed = toolActivityLine(
      { name: 'Bash', input: { command: 'npm test' } },
      { isError: true, output: 'ℹ tests 3\nℹ pass 2\nℹ fail 1\nnpm ERR! A complete log of this run can be found in: /x.log', exitCode: 1 },
      opts,
    );
    assert.equal(failed.text.split('\n')[0], '🔧 Bash npm test → ❌ 1 failed, 2 passed');
    assert.ok(!failed.text.includes('complete log'));
    const r = toolActivityLine({ name: 'Bash', input: { command: 'make' } }, { isError: true, output: 'make: *** [all] Error 2', exitCode: 2 }, opts);
    assert.equal(r.text, '🔧 Bash make → ❌ exit 2\nmake: *** [all] Error 2');
    assert.deepEqual(covered(r), ['bold:Bash', 'monospace:make', 'monospace:make: *** [all] Error 2']);
    // The exit code can come from the output when the agent does not pass it.
    assert.equal(line('Bash', { command: 'false' }, { isError: true, output: 'Exit code 1' }).split('\n')[0], '🔧 Bash false → ❌ exit 1');
  });

  test('long commands are shortened to fit a phone line; multi-line ones say so', () => {
    const l = line('Bash', { command: `node scripts/do-something-long.mjs --with=${'x'.repeat(80)}` });
    assert.ok([...l].length <= 60, l);
    assert.ok(l.endsWith('…'));
    assert.equal(line('Bash', { command: 'cd x\nnpm ci' }), '🔧 Bash cd x …');
  });

  test('Grep, Glob, LS, TodoWrite and other tools', () => {
    assert.equal(line('Grep', { pattern: 'TODO', path: '/home/me/proj/src', glob: '*.ts' }, { isError: false, output: 'src/a.ts\nsrc/b.ts' }), '🔧 Grep "TODO" in src (*.ts) → 2 results');
    assert.equal(line('Grep', { pattern: 'nope' }, { isError: false, output: 'No files found' }), '🔧 Grep "nope" → no matches');
    assert.equal(line('Glob', { pattern: '**/*.ts' }, { isError: false, output: 'a.ts\nb.ts\nc.ts' }), '🔧 Glob **/*.ts → 3 files');
    assert.equal(line('LS', { path: '/home/me/proj/src' }), '🔧 LS src');
    assert.equal(
      line('TodoWrite', { todos: [{ content: 'Write tests', status: 'completed' }, { content: 'Fix bug', status: 'in_progress', activeForm: 'Fixing the bug' }, { content: 'Ship', status: 'pending' }] }),
      '📋 Todo 1/3 done · now: Fixing the bug',
    );
    assert.equal(line('WebFetch', { url: 'https://docs.example.com/page?x=1', prompt: 'p' }), '🔧 WebFetch docs.example.com');
    assert.equal(line('mcp__thing', { query: 'hello\nworld' }), '🔧 mcp__thing hello');
    // Arguments that do not fit the tool's shape still give a line.
    assert.equal(line('Read', { path: 42 }), '🔧 Read');
  });

  test('errors from other tools show their first line', () => {
    assert.equal(line('Read', { file_path: '/home/me/proj/x.ts' }, { isError: true, output: 'File does not exist.' }), '🔧 Read x.ts → ❌ File does not exist.');
  });

  test('secrets in commands and output never reach the phone', () => {
    const key = `sk-ant-api03-${'k'.repeat(40)}`;
    const r = toolActivityLine({ name: 'Bash', input: { command: `curl -H "x-api-key: ${key}" https://api.anthropic.com` } }, { isError: true, output: `401 for key ${key}`, exitCode: 22 }, opts);
    assert.ok(!r.text.includes(key), r.text);
    assert.ok(r.text.includes('[redacted'));
    for (const x of r.ranges) assert.ok(x.start + x.length <= r.text.length);
    // A secret near the end of a long line is redacted before the line is shortened.
    const cut = toolActivityLine({ name: 'Bash', input: { command: 'env' } }, { isError: true, output: `${'x'.repeat(30)} ghp_${'a1B2'.repeat(9)}`, exitCode: 1 }, opts);
    assert.ok(!cut.text.includes('ghp_a1B2'), cut.text);
  });

  test('the progress message lists calls in order', () => {
    const doc = renderToolActivity([
      { call: { name: 'Read', input: { file_path: '/home/me/proj/a.ts' } } },
      { call: { name: 'Edit', input: { file_path: '/home/me/proj/a.ts', old_string: 'x', new_string: 'y' } }, outcome: { isError: false, output: 'ok' } },
    ], opts);
    assert.equal(doc.text, '🔧 Read a.ts\n🔧 Edit a.ts +1 −1');
    assert.deepEqual(covered(doc), ['bold:Read', 'bold:Edit']);
  });
});

test('the useful tail of an error keeps the first error line and the end', () => {
  const output = ['> build', 'compiling 1', 'compiling 2', 'Error: cannot find module x', ...Array.from({ length: 20 }, (_, i) => `  at frame ${i}`), 'Node.js v20'].join('\n');
  assert.deepEqual(usefulLines(output, 6), ['Error: cannot find module x', '⋯', '  at frame 17', '  at frame 18', '  at frame 19', 'Node.js v20']);
  assert.deepEqual(usefulLines('\x1b[31mred\x1b[0m\n\nok', 6), ['red', 'ok']);
});
