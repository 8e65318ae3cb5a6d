// Settings files changed during a session never take effect silently. The session reads
// .claude/settings.json and settings.local.json once, at start (project-settings.ts); the rules
// stay those until the session starts again (/restart). Writing the files asks the owner
// (they are protected paths), and after every tool call that could have changed them this
// watch compares them with what the session started with, so the owner is told the new rules
// are not in effect yet rather than finding out later.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_SETTINGS_FILES } from './project-settings.js';

async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of PROJECT_SETTINGS_FILES) out.set(rel, await readFile(join(root, rel), 'utf8').catch(() => ''));
  return out;
}

export class SettingsWatch {
  private constructor(
    private readonly root: string,
    private seen: Map<string, string>,
  ) {}

  static async start(root: string): Promise<SettingsWatch> {
    return new SettingsWatch(root, await snapshot(root));
  }

  /** Settings files whose content changed since the last check (or the session's start). */
  async changed(): Promise<string[]> {
    const now = await snapshot(this.root);
    const changed = [...now].filter(([rel, text]) => this.seen.get(rel) !== text).map(([rel]) => rel);
    this.seen = now;
    return changed;
  }
}

export function settingsChangedNotice(files: readonly string[]): string {
  return (
    `${files.join(' and ')} changed during this session. Its permission rules are not in effect: ` +
    'this session keeps the rules it started with until you /restart it. A new or changed hook asks you before it first runs.'
  );
}
