// Temporary folders for tests, removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export function tempDir(t: Pick<TestContext, 'after'>, prefix = 'sc-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A temporary home folder as $HOME for the rest of the test (what `os.homedir()` reads: where
 * Claude Code keeps ~/.claude), the real one put back when the test ends.
 */
export function tempHome(t: Pick<TestContext, 'after'>): string {
  const home = tempDir(t, 'sc-home-');
  const saved = process.env.HOME;
  process.env.HOME = home;
  t.after(() => {
    process.env.HOME = saved;
  });
  return home;
}
