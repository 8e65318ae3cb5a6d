// Write {file_path, content}: creates or replaces a file (parent folders too), recording the
// before-image for undo. An existing file is replaced only when Claude read it this session and
// it has not changed on disk since (read-state.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { defineTool } from './define.js';
import { captureBefore } from '../../file-changes.js';
import { currentText, projectRelative } from './file-target.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { failed, ok } from './types.js';

export const writeTool = defineTool({
  name: 'Write',
  kind: 'edit',
  description:
    'Writes a file in the project, replacing it if it exists (parent folders are created). An existing file must be ' +
    'Read first. Prefer Edit for changing part of an existing file.',
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'The path of the file to write (absolute or relative to the project root)' },
      content: { type: 'string', description: 'The content to write to the file' },
    },
    required: ['file_path', 'content'],
    additionalProperties: false,
  },
  parse: z.object({ file_path: z.string().min(1), content: z.string() }),
  ruleTarget: (input, root, reach) => projectRelative(root, input.file_path, reach),
  summarize: (input, target) => `write ${target} (${input.content.split('\n').length} lines)`,
  subject: async (input, ctx) => {
    const file = await currentText(ctx.root, input.file_path, ctx.reach);
    return file && { kind: 'change', path: file.rel, before: file.text, after: input.content };
  },
  async run(input, ctx) {
    const abs = await resolveInProject(ctx.root, input.file_path, ctx.reach);
    const rel = displayPath(ctx.root, abs);
    const change = await captureBefore(rel, abs);
    if (change.before !== null) {
      const refusal = await ctx.files.refusal(abs);
      if (refusal) return failed(refusal);
    }
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, input.content);
    await ctx.files.wrote(abs, input.content);
    const lines = input.content.length === 0 ? 0 : input.content.split('\n').length;
    const verb = change.before === null ? 'Created' : 'Updated';
    return ok(`${verb} ${rel} (${lines} lines).`, [change]);
  },
});
