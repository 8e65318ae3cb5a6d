// What a word of a command line stands for before it runs, as bash would read it: quotes and
// backslashes removed the way bash removes them, so a deny rule on `rm` sees `\rm`, `r''m` and
// `"r"m`, but not `"\r\m"` (a different name); words bash would expand (variables, globs,
// braces) are unknown, and a command named by one asks the owner.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeBash } from '../../../src-main/agent/worker/bash-analysis.js';

const spellings = (line: string): string[] => analyzeBash(line).parts.flatMap((p) => [p.text, ...p.aliases]);
const unclear = (line: string): string | undefined => analyzeBash(line).unclear;

describe('quote removal', () => {
  const same: [string, string][] = [
    ['\\rm x', 'rm x'],
    ['r\\m x', 'rm x'],
    ["'rm' x", 'rm x'],
    ['"rm" x', 'rm x'],
    ['"r"m x', 'rm x'],
    ["r'm' x", 'rm x'],
    ['"r\\m" x', 'r\\m x'],
    ['"r\\$m" x', 'r$m x'],
    ['"r\\"m" x', 'r"m x'],
    ['"r\\\\m" x', 'r\\m x'],
    ['"r\\`m" x', 'r`m x'],
    ['"r\\\nm" x', 'rm x'],
    ["'r\\m' x", 'r\\m x'],
  ];
  for (const [line, value] of same) test(JSON.stringify(line), () => assert.ok(spellings(line).includes(value), `${value} in ${JSON.stringify(spellings(line))}`));

  test('inside double quotes a backslash before an ordinary letter stays: "\\r\\m" is not rm', () => {
    assert.ok(!spellings('"\\r\\m" x').includes('rm x'));
  });
});

describe('words known only when the command runs', () => {
  test('a command named by a glob, a brace list, a variable or a substitution is unclear', () => {
    for (const line of ['r* x', 'rm? x', '/bin/r[m] x', '{rm,ls} x', 'r{m,} x', 'r$X x', 'r"$X" x', '"r$X" x', '"r$(echo m)" x', '"$(which rm)" x', "$'rm' x"]) {
      assert.ok(unclear(line), line);
    }
  });
  test('quoted pattern characters and plain numbers are ordinary text', () => {
    for (const line of ["'r*' x", '"rm?" x', 'timeout 5 rm x', 'sleep 10', 'r\\* x', "r'm' x", '"r"m x', 'r\\{m,\\} x']) assert.equal(unclear(line), undefined, line);
    assert.ok(spellings("'r*' x").includes('r* x'));
  });
  test('a write target that is a glob is unclear, a quoted one is a file name', () => {
    assert.ok(unclear('echo x > *.txt'));
    assert.ok(unclear('echo x > f{a,b}'), 'a brace list makes two targets');
    assert.deepEqual(analyzeBash("echo x > '*.txt'").writes, ['*.txt']);
    assert.deepEqual(analyzeBash('echo x > 1').writes, ['1']);
  });
});
