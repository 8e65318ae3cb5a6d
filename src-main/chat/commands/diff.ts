// /diff [file]: the project's uncommitted changes (git), or, for a folder without git, what
// this session's edits changed (from the before-images its tools recorded).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderDiffForPhone } from '../../display/index.js';
import { noSessionChanges } from '../../display/wording/index.js';
import { renderUncommittedChanges } from '../../sessions/git-diff.js';
import type { RenderedMessage } from '../../display/types.js';
import { diffFileImages, type FileImage } from '../../display/diff-compute.js';
import { sessionBaselines } from '../../sessions/file-history.js';
import { defineCommand, NO_PROJECT, type ChatServices } from '../command.js';
import type { Project } from '../../store/projects-repo.js';

async function sessionDiff(s: ChatServices, project: Project, file: string | undefined): Promise<RenderedMessage[]> {
  const runtime = s.supervisor.existingSessionFor(project.id);
  const baselines = runtime ? sessionBaselines(s.supervisor.storedSteps(runtime.id)) : new Map();
  const images: FileImage[] = [];
  for (const [path, before] of baselines) {
    if (file !== undefined && path !== file) continue;
    const after = await readFile(join(project.path, path)).catch(() => null);
    const beforeBytes = before === null ? null : Buffer.from(before.data, before.encoding);
    if (after !== null && beforeBytes !== null && after.equals(beforeBytes)) continue;
    images.push({ path, before: beforeBytes, after });
  }
  return renderDiffForPhone(diffFileImages(images), { emptyText: noSessionChanges(file) });
}

export const diffCommand = defineCommand<RenderedMessage[]>({
  name: 'diff',
  usage: '/diff [file]',
  summary: 'show uncommitted changes (a .patch file when long)',
  prepare: async (s, input) => {
    if (!input.project) return [];
    const file = input.args[0];
    const messages = await renderUncommittedChanges(s.git, input.project.path, file === undefined ? {} : { file });
    const notRepo = messages.length === 1 && messages[0]?.body.startsWith('This project is not a git repository');
    return notRepo ? sessionDiff(s, input.project, file) : messages;
  },
  run: (_s, input, prepared) => (input.project ? { reply: prepared ?? [] } : { reply: NO_PROJECT }),
});
