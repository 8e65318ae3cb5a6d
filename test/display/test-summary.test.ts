import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTestSummary, parseTestSummary } from '../../src-main/display/test-summary.js';

const SAMPLES: [string, string, string][] = [
  ['node:test spec', '▶ suite\n  ✔ works (1.2ms)\nℹ tests 42\nℹ suites 3\nℹ pass 40\nℹ fail 2\nℹ cancelled 0\nℹ skipped 1\nℹ todo 0\nℹ duration_ms 812', '2 failed, 40 passed, 1 skipped'],
  ['node:test tap', 'TAP version 13\nok 1 - a\n1..42\n# tests 42\n# suites 0\n# pass 42\n# fail 0\n# skipped 0', '42 passed'],
  ['jest', 'PASS src/a.test.ts\nFAIL src/b.test.ts\n\nTest Suites: 1 failed, 1 passed, 2 total\nTests:       1 failed, 2 skipped, 41 passed, 44 total\nSnapshots:   0 total\nTime:        2.1 s', '1 failed, 41 passed, 2 skipped'],
  ['vitest', ' ✓ src/a.test.ts (3)\n\n Test Files  2 passed (2)\n      Tests  41 passed | 1 skipped (42)\n   Start at  10:00:00\n   Duration  1.2s', '41 passed, 1 skipped'],
  ['vitest failing', '\x1b[31m Test Files  1 failed | 1 passed (2)\x1b[39m\n      Tests  \x1b[31m3 failed\x1b[39m | 39 passed (42)', '3 failed, 39 passed'],
  ['pytest', '============================= test session starts ==============================\ncollected 43 items\n\ntests/test_a.py ..F.\n\n=========================== short test summary info ============================\nFAILED tests/test_a.py::test_x - assert 1 == 2\n==================== 1 failed, 40 passed, 2 skipped in 1.23s ====================', '1 failed, 40 passed, 2 skipped'],
  ['pytest -q', '........\n8 passed in 0.05s', '8 passed'],
  ['go test -v', '=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n--- FAIL: TestB (0.00s)\n    b_test.go:9: boom\nFAIL\nFAIL\texample.com/m\t0.01s', '1 failed, 1 passed'],
  ['go test', 'ok  \texample.com/m/a\t0.012s\nok  \texample.com/m/b\t(cached)\nFAIL\texample.com/m/c\t0.020s', '1 package failed, 2 packages ok'],
  ['cargo test', 'running 3 tests\ntest a ... ok\n\ntest result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n   Doc-tests m\n\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out', '5 passed, 1 skipped'],
  ['mocha', '  suite\n    ✓ a\n    1) b\n\n  41 passing (12ms)\n  1 pending\n  1 failing\n\n  1) suite\n       b:\n     Error: nope', '1 failed, 41 passed, 1 skipped'],
];

test('each runner’s summary is recognised', () => {
  for (const [name, output, expected] of SAMPLES) {
    const s = parseTestSummary(output);
    assert.ok(s, `${name} not recognised`);
    assert.equal(describeTestSummary(s), expected, name);
  }
});

test('output without a test summary is not mistaken for one', () => {
  for (const output of ['Compiled successfully.', 'total 12\n-rw-r--r-- 1 me me 0 a.txt', 'ok', 'tests passed', '3 passed the exam']) {
    assert.equal(parseTestSummary(output), undefined, output);
  }
});
