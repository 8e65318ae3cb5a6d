import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '../../src-main/agent/index.js';
import { turnChangedFiles } from '../../src-main/sessions/turn-files.js';

const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
let seq = 0;
function result(changes: { path: string; before: string | null }[]): Step {
  return {
    seq: seq++,
    at: 0,
    turnId: 't',
    kind: 'tool_result',
    toolUseId: `u${seq}`,
    name: 'Edit',
    output: 'ok',
    isError: false,
    outcome: 'ran',
    fileChanges: changes.map((c) => ({ path: c.path, before: c.before === null ? null : { encoding: 'utf8' as const, data: c.before } })),
  };
}

test('the files a turn changed: before its first change against the file now', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'turn-files-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'a.ts'), 'one\nTWO\nthree\nfour\n');
  writeFileSync(join(root, 'new.md'), 'hi\n');
  writeFileSync(join(root, 'same.txt'), 'x\n');
  const steps: Step[] = [
    result([{ path: 'a.ts', before: 'one\ntwo\nthree\n' }]),
    result([{ path: 'new.md', before: null }, { path: 'a.ts', before: 'one\nTWO\nthree\n' }]),
    result([{ path: 'same.txt', before: 'x\n' }]),
    result([{ path: 'gone.txt', before: 'bye\n' }]),
    result([{ path: 'tmp.txt', before: null }]),
    { seq: seq++, at: 0, turnId: 't', kind: 'turn_end', reason: 'end_turn', usage, costUsd: 0 },
  ];
  assert.deepEqual(turnChangedFiles(steps, root), [
    { path: 'a.ts', counts: { added: 2, removed: 1 } },
    { path: 'new.md', counts: { added: 1, removed: 0 } },
    { path: 'gone.txt', counts: { added: 0, removed: 1 } },
  ]);
});
