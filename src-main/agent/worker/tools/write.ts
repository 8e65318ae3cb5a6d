// Write {file_path, content}: creates or replaces a file (parent folders too), recording the
// before-image for undo.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { defineTool } from './define.js';
import { captureBefore } from '../../file-changes.js';
import { projectRelative } from './file-target.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { ok } from './types.js';

export const writeTool = defineTool({
  name: 'Write',
  kind: 'edit',
  description:
    'Writes a file in the project, replacing it if it exists (parent folders are created). Prefer Edit for changing ' +
    'part of an existing file.',
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
  ruleTarget: (input, root) => projectRelative(root, input.file_path),
  summarize: (input, target) => `write ${target} (${input.content.split('\n').length} lines)`,
  async run(input, ctx) {
    const abs = await resolveInProject(ctx.root, input.file_path);
    const rel = displayPath(ctx.root, abs);
    const change = await captureBefore(rel, abs);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, input.content);
    const lines = input.content.length === 0 ? 0 : input.content.split('\n').length;
    const verb = change.before === null ? 'Created' : 'Updated';
    return ok(`${verb} ${rel} (${lines} lines).`, [change]);
  },
});
