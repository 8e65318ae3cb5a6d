// Test helper: a throwaway git repository in a temp folder, isolated from the user's git config.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  LC_ALL: 'C',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/** Runs git with input on stdin; returns exit code and stderr instead of throwing. */
export function gitTry(cwd: string, args: string[], input?: string | Uint8Array): { status: number; stderr: string } {
  const r = spawnSync('git', args, { cwd, env: GIT_ENV, input, encoding: 'utf8' });
  return { status: r.status ?? -1, stderr: r.stderr };
}

export async function tempDir(prefix = 'display-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeFiles(dir: string, files: Record<string, string | Uint8Array | null>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    const p = path.join(dir, name);
    await mkdir(path.dirname(p), { recursive: true });
    await writeFile(p, content);
  }
}

/** A repository with `files` committed. */
export async function repoWith(files: Record<string, string | Uint8Array | null>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir('display-git-');
  git(t.dir, 'init', '-q', '-b', 'main');
  await writeFiles(t.dir, files);
  git(t.dir, 'add', '-A');
  git(t.dir, 'commit', '-q', '--allow-empty', '-m', 'base');
  return t;
}
