// Grep {pattern, path, glob, output_mode, -i, head_limit}: regular-expression search over the
// project's text files (JavaScript regex syntax, close to ripgrep's). Default output: the
// files that match, newest first; "content" gives path:line:text, "count" gives path:count.
import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { z } from 'zod';
import { defineTool } from './define.js';
import { projectRelative } from './file-target.js';
import { compileGlob } from './glob-match.js';
import { resolveInProject } from '../../paths.js';
import { failed, ok } from './types.js';
import { walkFiles, type WalkedFile } from './walk.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_HEAD_LIMIT = 200;
const MAX_LINE_CHARS = 500;

const GrepInput = z.object({
  pattern: z.string().min(1),
  path: z.string().min(1).optional(),
  glob: z.string().min(1).optional(),
  output_mode: z.enum(['content', 'files_with_matches', 'count']).optional(),
  '-i': z.boolean().optional(),
  head_limit: z.number().int().min(1).optional(),
});

export const grepTool = defineTool({
  name: 'Grep',
  kind: 'read',
  description:
    'Searches file contents with a regular expression. Filter files with glob (e.g. "*.ts" or "src/**/*.tsx"). ' +
    'output_mode: "files_with_matches" (default), "content" (matching lines with line numbers) or "count".',
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'The regular expression to search for' },
      path: { type: 'string', description: 'File or folder to search in (default: the project root)' },
      glob: { type: 'string', description: 'Glob pattern to filter files, e.g. "*.js" or "**/*.{ts,tsx}"' },
      output_mode: { type: 'string', enum: ['content', 'files_with_matches', 'count'] },
      '-i': { type: 'boolean', description: 'Case-insensitive search' },
      head_limit: { type: 'integer', description: `Show at most this many result lines (default ${DEFAULT_HEAD_LIMIT})` },
    },
    required: ['pattern'],
    additionalProperties: false,
  },
  parse: GrepInput,
  ruleTarget: (input, root) => projectRelative(root, input.path),
  summarize: (input, target) => `search /${input.pattern}/ in ${target}`,
  async run(input, ctx) {
    let regex: RegExp;
    try {
      regex = new RegExp(input.pattern, input['-i'] ? 'i' : '');
    } catch (error) {
      return failed(`Invalid regular expression: ${(error as Error).message}`);
    }
    const start = await resolveInProject(ctx.root, input.path ?? '.');
    const info = await stat(start).catch(() => undefined);
    if (!info) return failed(`Path does not exist: ${input.path ?? '.'}`);
    const filter = input.glob ? compileGlob(input.glob, { matchBase: true }) : undefined;
    const files: WalkedFile[] = info.isFile()
      ? [{ abs: start, real: start, rel: relative(ctx.root, start).split(sep).join('/'), mtimeMs: info.mtimeMs, size: info.size }]
      : [];
    let withheld = 0;
    if (info.isDirectory()) {
      for await (const f of walkFiles({ root: ctx.root, start, signal: ctx.signal })) {
        if (filter && !filter.test(f.rel)) continue;
        if (ctx.readDenied(f.abs) || ctx.readDenied(f.real)) withheld += 1;
        else files.push(f);
      }
    }
    const mode = input.output_mode ?? 'files_with_matches';
    const limit = input.head_limit ?? DEFAULT_HEAD_LIMIT;
    const out: string[] = [];
    const matched: WalkedFile[] = [];
    let total = 0;
    for (const file of files) {
      if (ctx.signal.aborted) break;
      if (file.size > MAX_FILE_BYTES) continue;
      const bytes = await readFile(file.abs).catch(() => undefined);
      if (!bytes || bytes.subarray(0, 8192).includes(0)) continue;
      const lines = bytes.toString('utf8').split(/\r?\n/);
      let count = 0;
      lines.forEach((line, i) => {
        if (!regex.test(line)) return;
        count += 1;
        if (mode === 'content') {
          total += 1;
          const cut = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
          if (out.length < limit) out.push(`${file.abs}:${i + 1}:${cut}`);
        }
      });
      if (count === 0) continue;
      matched.push(file);
      if (mode === 'count') out.push(`${file.abs}:${count}`);
    }
    const note = withheld > 0 ? `\n(${withheld} file${withheld === 1 ? ' was' : 's were'} not searched: a permission rule denies reading ${withheld === 1 ? 'it' : 'them'}.)` : '';
    if (matched.length === 0) return ok(`No matches found${note}`);
    if (mode === 'files_with_matches') {
      matched.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.abs < b.abs ? -1 : 1));
      const shown = matched.slice(0, limit).map((f) => f.abs);
      const more = matched.length > shown.length ? `\n(${matched.length - shown.length} more files not shown)` : '';
      return ok(`Found ${matched.length} file${matched.length === 1 ? '' : 's'}\n${shown.join('\n')}${more}${note}`);
    }
    const shownCount = mode === 'count' ? Math.min(out.length, limit) : out.length;
    const lines = out.slice(0, shownCount);
    const hidden = (mode === 'content' ? total : out.length) - lines.length;
    return ok(lines.join('\n') + (hidden > 0 ? `\n(${hidden} more results not shown; raise head_limit or narrow the search)` : '') + note);
  },
});
