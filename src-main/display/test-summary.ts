// Recognises the summary a test runner prints, so a progress line can say "✅ 42 passed" or
// "❌ 2 failed, 40 passed" instead of "exit 0". Runners: node:test (spec and TAP), jest,
// vitest, pytest, go test, cargo test, mocha.

export interface TestSummary {
  readonly runner: 'node:test' | 'jest' | 'vitest' | 'pytest' | 'go' | 'cargo' | 'mocha';
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** go test counts packages when tests are not listed (-v missing). */
  readonly unit?: 'tests' | 'packages';
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function num(m: RegExpExecArray | null, group = 1): number {
  return m ? Number(m[group] ?? 0) : 0;
}

function count(text: string, word: RegExp): number {
  const m = word.exec(text);
  return m ? Number(m[1]) : 0;
}

function nodeTest(out: string): TestSummary | undefined {
  // spec reporter: "ℹ tests 42" / "ℹ pass 40"; TAP: "# tests 42" / "# pass 40". The ℹ is
  // written \u2139: bundles stay ASCII (scripts/ascii-bundle.mjs).
  const tests = /^(?:\u2139|#) tests (\d+)$/m.exec(out);
  if (!tests) return undefined;
  const pass = num(/^(?:\u2139|#) pass (\d+)$/m.exec(out));
  const fail = num(/^(?:\u2139|#) fail (\d+)$/m.exec(out));
  const skipped = num(/^(?:\u2139|#) skipped (\d+)$/m.exec(out)) + num(/^(?:\u2139|#) todo (\d+)$/m.exec(out));
  return { runner: 'node:test', passed: pass, failed: fail, skipped };
}

/** jest and vitest word their counts alike ("1 failed", "41 passed", "2 todo"). */
function passedFailedSkipped(runner: 'jest' | 'vitest', line: string | undefined): TestSummary | undefined {
  if (!line) return undefined;
  return {
    runner,
    passed: count(line, /(\d+) passed/),
    failed: count(line, /(\d+) failed/),
    skipped: count(line, /(\d+) skipped/) + count(line, /(\d+) todo/),
  };
}

function jest(out: string): TestSummary | undefined {
  // "Tests:       1 failed, 41 passed, 42 total"
  return passedFailedSkipped('jest', /^Tests:\s+(.*\d+ total.*)$/m.exec(out)?.[1]);
}

function vitest(out: string): TestSummary | undefined {
  // "      Tests  1 failed | 41 passed (42)"
  return passedFailedSkipped('vitest', /^\s*Tests\s{2,}(.*\(\d+\))\s*$/m.exec(out)?.[1]);
}

function pytest(out: string): TestSummary | undefined {
  // "===== 2 failed, 40 passed, 1 skipped in 1.23s =====" (also "-q" without the rules)
  const lines = [...out.matchAll(/^=*\s*((?:\d+ (?:passed|failed|skipped|errors?|xfailed|xpassed|deselected|warnings?)(?:, )?)+) in [\d.]+s.*$/gm)];
  const line = lines.at(-1)?.[1];
  if (!line) return undefined;
  return {
    runner: 'pytest',
    passed: count(line, /(\d+) passed/) + count(line, /(\d+) xpassed/),
    failed: count(line, /(\d+) failed/) + count(line, /(\d+) errors?/),
    skipped: count(line, /(\d+) skipped/) + count(line, /(\d+) xfailed/) + count(line, /(\d+) deselected/),
  };
}

function cargo(out: string): TestSummary | undefined {
  const results = [...out.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/gm)];
  if (results.length === 0) return undefined;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    passed += Number(r[1]);
    failed += Number(r[2]);
    skipped += Number(r[3]);
  }
  return { runner: 'cargo', passed, failed, skipped };
}

function goTest(out: string): TestSummary | undefined {
  const pass = (out.match(/^\s*--- PASS: /gm) ?? []).length;
  const fail = (out.match(/^\s*--- FAIL: /gm) ?? []).length;
  const skip = (out.match(/^\s*--- SKIP: /gm) ?? []).length;
  if (pass + fail + skip > 0) return { runner: 'go', passed: pass, failed: fail, skipped: skip, unit: 'tests' };
  const okPkgs = (out.match(/^ok\s+\S+\s+(?:[\d.]+s|\(cached\))/gm) ?? []).length;
  const failPkgs = (out.match(/^FAIL\s+\S+\s+(?:[\d.]+s|\[build failed\]|\[setup failed\])/gm) ?? []).length;
  if (okPkgs + failPkgs === 0) return undefined;
  return { runner: 'go', passed: okPkgs, failed: failPkgs, skipped: 0, unit: 'packages' };
}

function mocha(out: string): TestSummary | undefined {
  const passing = /^\s*(\d+) passing \(/m.exec(out);
  if (!passing) return undefined;
  return {
    runner: 'mocha',
    passed: Number(passing[1]),
    failed: num(/^\s*(\d+) failing$/m.exec(out)),
    skipped: num(/^\s*(\d+) pending$/m.exec(out)),
  };
}

/** The test summary in a command's output, if a known runner printed one. */
export function parseTestSummary(output: string): TestSummary | undefined {
  const out = stripAnsi(output).replace(/\r\n?/g, '\n');
  return nodeTest(out) ?? jest(out) ?? vitest(out) ?? pytest(out) ?? cargo(out) ?? goTest(out) ?? mocha(out);
}

/** "42 passed" / "2 failed, 40 passed, 1 skipped" / "3 packages ok". */
export function describeTestSummary(s: TestSummary): string {
  const parts: string[] = [];
  if (s.unit === 'packages') {
    if (s.failed > 0) parts.push(`${s.failed} package${s.failed === 1 ? '' : 's'} failed`);
    if (s.passed > 0) parts.push(`${s.passed} package${s.passed === 1 ? '' : 's'} ok`);
    return parts.join(', ');
  }
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  parts.push(`${s.passed} passed`);
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  return parts.join(', ');
}
