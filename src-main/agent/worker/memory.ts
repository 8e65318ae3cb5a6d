// Claude's memory files, read where Claude Code reads them, in its order (broadest first, so
// the nearer file has the last word): ~/.claude/CLAUDE.md (the owner's instructions for every
// project), CLAUDE.md and .claude/CLAUDE.md in each parent folder of the project and in the
// project root, then CLAUDE.local.md (the owner's private notes for this project). A file may
// pull in others with `@path` (relative to it, `~/…` or absolute), five levels deep at most; an
// import is followed only inside the project or ~/.claude, the places the tools may read.
import { readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isInside } from '../paths.js';

const MAX_CHARS = 40_000;
const MAX_IMPORT_DEPTH = 5;
export const PROJECT_FILES = ['CLAUDE.md', '.claude/CLAUDE.md'];

export interface MemoryFile {
  readonly path: string;
  readonly label: string;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim() || undefined;
  } catch {
    return undefined; // missing or unreadable: nothing to follow
  }
}

/** `@path` references outside code blocks and code spans (an e-mail address is not one). */
export function importsOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/(?:^|\s)@((?:~\/|\/|\.{0,2}\/)?[^\s@`]+)/g)].map((m) => (m[1] as string).replace(/[.,;:)]+$/, ''));
}

export interface MemoryOptions {
  readonly root: string;
  readonly home: string;
}

/**
 * Reads memory files and what they import, each real file once (`seen` is shared across calls,
 * so a file loaded before is not loaded again); returns one "Contents of …" part per file.
 */
export async function memoryParts(files: readonly MemoryFile[], options: MemoryOptions, seen: Set<string>, skip: (real: string) => boolean = () => false): Promise<string[]> {
  const userDir = join(options.home, '.claude');
  const allowed = [options.root, await realpath(userDir).catch(() => userDir)];
  const parts: string[] = [];
  const show = (path: string): string => (isInside(options.root, path) ? relative(options.root, path) : path.replace(options.home, '~'));
  const include = async (path: string, label: string, depth: number): Promise<void> => {
    const real = await realpath(path).catch(() => undefined);
    if (!real || seen.has(real) || skip(real)) return;
    seen.add(real);
    const text = await readText(real);
    if (!text) return;
    parts.push(`Contents of ${show(path)} (${label}; follow them):\n\n${text}`);
    if (depth >= MAX_IMPORT_DEPTH) return;
    for (const ref of importsOf(text)) {
      const target = ref.startsWith('~/') ? join(options.home, ref.slice(2)) : isAbsolute(ref) ? ref : resolve(dirname(real), ref);
      const targetReal = await realpath(target).catch(() => undefined);
      if (!targetReal || !allowed.some((dir) => isInside(dir, targetReal))) continue;
      await include(target, `imported by ${show(path)}`, depth + 1);
    }
  };
  for (const file of files) await include(file.path, file.label, 0);
  return parts;
}

/** Caps memory text at MAX_CHARS, saying where it was cut. */
export function capMemory(all: string): string {
  return all.length > MAX_CHARS ? `${all.slice(0, MAX_CHARS)}\n[… memory files cut here]` : all;
}

/** The memory files' text for the system prompt, capped; '' when there are none. */
export async function readMemory(options: MemoryOptions, seen = new Set<string>()): Promise<string> {
  const userDir = join(options.home, '.claude');
  const files: MemoryFile[] = [{ path: join(userDir, 'CLAUDE.md'), label: "the owner's instructions for all projects" }];
  const ancestors: string[] = [];
  for (let dir = dirname(options.root); dir !== dirname(dir); dir = dirname(dir)) ancestors.unshift(dir);
  for (const dir of ancestors) {
    for (const rel of PROJECT_FILES) files.push({ path: join(dir, rel), label: 'instructions from a parent folder of the project' });
  }
  for (const rel of PROJECT_FILES) files.push({ path: join(options.root, rel), label: 'project instructions' });
  files.push({ path: join(options.root, 'CLAUDE.local.md'), label: "the owner's private project instructions" });
  return capMemory((await memoryParts(files, options, seen)).join('\n\n'));
}
