// Glob {pattern, path}: files whose path relative to `path` (default: the project root)
// matches the pattern, newest first, as absolute paths (what Read accepts).
import { z } from 'zod';
import { defineTool } from './define.js';
import { projectRelative } from './file-target.js';
import { compileGlob } from './glob-match.js';
import { placeOf, PROJECT_ONLY, resolveInProject } from '../../paths.js';
import { ok, failed } from './types.js';
import { walkFiles, type WalkedFile } from './walk.js';
import { stat } from 'node:fs/promises';

const MAX_RESULTS = 100;

export const globTool = defineTool({
  name: 'Glob',
  kind: 'read',
  description:
    'Finds files by name pattern such as "**/*.ts" or "src/**/*.test.ts". Returns absolute paths, most recently ' +
    `modified first (at most ${MAX_RESULTS}). .git and node_modules are skipped unless path points into them.`,
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'The glob pattern to match files against' },
      path: { type: 'string', description: 'The folder to search in (default: the project root)' },
    },
    required: ['pattern'],
    additionalProperties: false,
  },
  parse: z.object({ pattern: z.string().min(1), path: z.string().min(1).optional() }),
  ruleTarget: (input, root, reach) => projectRelative(root, input.path, reach),
  summarize: (input, target) => `find ${input.pattern} in ${target}`,
  async run(input, ctx) {
    const start = await resolveInProject(ctx.root, input.path ?? '.', ctx.reach);
    const info = await stat(start).catch(() => undefined);
    if (!info?.isDirectory()) return failed(`Not a folder: ${input.path ?? '.'}`);
    const matcher = compileGlob(input.pattern);
    const found: WalkedFile[] = [];
    const summary = { truncated: false };
    // In an added folder, links are followed only within it, as within the project.
    const place = placeOf(ctx.root, ctx.reach ?? PROJECT_ONLY, start) ?? ctx.root;
    for await (const file of walkFiles({ root: place, start, signal: ctx.signal }, summary)) {
      if (matcher.test(file.rel) && !ctx.readDenied(file.abs) && !ctx.readDenied(file.real)) found.push(file);
    }
    if (found.length === 0) return ok('No files found');
    found.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.rel < b.rel ? -1 : 1));
    const lines = found.slice(0, MAX_RESULTS).map((f) => f.abs);
    if (found.length > MAX_RESULTS) lines.push(`(Results are truncated: ${found.length} files matched. Use a more specific pattern or path.)`);
    if (summary.truncated) lines.push('(The folder is very large; the search stopped early.)');
    return ok(lines.join('\n'));
  },
});
