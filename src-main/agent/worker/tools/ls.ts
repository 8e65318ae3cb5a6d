// LS {path, ignore}: one folder's entries, folders marked with a trailing '/'.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineTool } from './define.js';
import { projectRelative } from './file-target.js';
import { matchGlob } from './glob-match.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { failed, ok } from './types.js';

const MAX_ENTRIES = 1000;

export const lsTool = defineTool({
  name: 'LS',
  kind: 'read',
  description: 'Lists the files and folders in a folder of the project (the project root when path is omitted).',
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'The folder to list (absolute or relative to the project root)' },
      ignore: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of names to leave out' },
    },
    additionalProperties: false,
  },
  parse: z.object({ path: z.string().min(1).optional(), ignore: z.array(z.string()).optional() }),
  ruleTarget: (input, root, reach) => projectRelative(root, input.path, reach),
  summarize: (_input, target) => `list ${target}`,
  async run(input, ctx) {
    const abs = await resolveInProject(ctx.root, input.path ?? '.', ctx.reach);
    const rel = displayPath(ctx.root, abs);
    const info = await stat(abs).catch(() => undefined);
    if (!info) return failed(`Folder does not exist: ${rel}`);
    if (!info.isDirectory()) return failed(`${rel} is a file; use Read to read it.`);
    const entries = (await readdir(abs, { withFileTypes: true }))
      .filter((e) => !(input.ignore ?? []).some((g) => matchGlob(g, e.name)) && !ctx.readDenied(join(abs, e.name)))
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.isSymbolicLink() ? `${e.name}@` : e.name))
      .sort();
    if (entries.length === 0) return ok(`${rel}/ is empty.`);
    const shown = entries.slice(0, MAX_ENTRIES);
    const more = entries.length > shown.length ? `\n[${entries.length - shown.length} more entries not shown]` : '';
    return ok(`${rel}/\n${shown.map((e) => `  ${e}`).join('\n')}${more}`);
  },
});
