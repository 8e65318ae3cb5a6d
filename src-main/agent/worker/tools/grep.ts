// Grep: regular-expression search over the project's text files with Claude Code's arguments
// (pattern, path, glob, type, output_mode, -A/-B/-C, -n, -i, multiline, head_limit, offset).
// Files are chosen as Claude Code's ripgrep chooses them: .gitignore/.ignore/.rgignore rules
// honoured, hidden files searched, version-control folders (and node_modules) skipped. Default
// output: the files that match, newest first; "content" gives path:line:text, "count" path:count.
import { readFile, stat } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { z } from 'zod';
import { defineTool } from './define.js';
import { projectRelative } from './file-target.js';
import { compileGlob } from './glob-match.js';
import { contentLines, findHits } from './grep-search.js';
import { GREP_TYPE_NAMES, typeMatcher } from './grep-types.js';
import { IgnoreRules } from './ignore-rules.js';
import { placeOf, PROJECT_ONLY, resolveInProject } from '../../paths.js';
import { failed, ok } from './types.js';
import { walkFiles, type WalkedFile } from './walk.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_HEAD_LIMIT = 200;
/** head_limit 0 means "no limit" (as in Claude Code); this still bounds what one call returns. */
const MAX_RESULTS = 2000;
const SKIPPED_DIRS = new Set(['.git', '.svn', '.hg', '.bzr', '.jj', '.sl', 'node_modules']);

const count = z.number().int().min(0);
const GrepInput = z.object({
  pattern: z.string().min(1),
  path: z.string().min(1).optional(),
  glob: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  output_mode: z.enum(['content', 'files_with_matches', 'count']).optional(),
  '-A': count.optional(),
  '-B': count.optional(),
  '-C': count.optional(),
  '-n': z.boolean().optional(),
  '-i': z.boolean().optional(),
  multiline: z.boolean().optional(),
  head_limit: count.optional(),
  offset: count.optional(),
});
type GrepInput = z.infer<typeof GrepInput>;

/** Claude Code's glob argument: several patterns split by spaces or commas (outside braces); `!` excludes. */
function globFilter(glob: string | undefined): ((rel: string) => boolean) | undefined {
  if (!glob) return undefined;
  const parts = glob.split(/\s+|,(?![^{]*})/).filter((p) => p.length > 0);
  const include = parts.filter((p) => !p.startsWith('!')).map((p) => compileGlob(p, { matchBase: true }));
  const exclude = parts.filter((p) => p.startsWith('!')).map((p) => compileGlob(p.slice(1), { matchBase: true }));
  return (rel) => (include.length === 0 || include.some((r) => r.test(rel))) && !exclude.some((r) => r.test(rel));
}

function compile(input: GrepInput): RegExp {
  const flags = `${input['-i'] ? 'i' : ''}${input.multiline ? 'gms' : ''}`;
  return new RegExp(input.pattern, flags);
}

export const grepTool = defineTool({
  name: 'Grep',
  kind: 'read',
  description:
    'Searches file contents with a regular expression (JavaScript syntax, close to ripgrep). Honours .gitignore; ' +
    'searches hidden files. Filter with glob (e.g. "*.ts" or "src/**/*.tsx") or type (rg types: js, ts, py, rust, go…). ' +
    'output_mode: "files_with_matches" (default), "content" (matching lines; -A/-B/-C context, -n line numbers) or "count". ' +
    'multiline: patterns may span lines. head_limit/offset page through results.',
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'The regular expression to search for' },
      path: { type: 'string', description: 'File or folder to search in (default: the project root)' },
      glob: { type: 'string', description: 'Glob pattern to filter files, e.g. "*.js" or "*.{ts,tsx}"' },
      type: { type: 'string', description: 'File type to search (rg --type), e.g. js, py, rust, go, java' },
      output_mode: { type: 'string', enum: ['content', 'files_with_matches', 'count'] },
      '-A': { type: 'number', description: 'Lines to show after each match (content mode)' },
      '-B': { type: 'number', description: 'Lines to show before each match (content mode)' },
      '-C': { type: 'number', description: 'Lines to show before and after each match (content mode)' },
      '-n': { type: 'boolean', description: 'Show line numbers (content mode, default true)' },
      '-i': { type: 'boolean', description: 'Case-insensitive search' },
      multiline: { type: 'boolean', description: 'Let . match newlines and patterns span lines (default false)' },
      head_limit: { type: 'number', description: `Show at most this many results (default ${DEFAULT_HEAD_LIMIT}; 0 for all)` },
      offset: { type: 'number', description: 'Skip this many results first (default 0)' },
    },
    required: ['pattern'],
    additionalProperties: false,
  },
  parse: GrepInput,
  ruleTarget: (input, root, reach) => projectRelative(root, input.path, reach),
  summarize: (input, target) => `search /${input.pattern}/ in ${target}`,
  async run(input, ctx) {
    let regex: RegExp;
    try {
      regex = compile(input);
    } catch (error) {
      return failed(`Invalid regular expression: ${(error as Error).message}`);
    }
    const ofType = input.type === undefined ? undefined : typeMatcher(input.type);
    if (input.type !== undefined && !ofType) return failed(`Unknown file type "${input.type}". Known types: ${GREP_TYPE_NAMES.join(', ')}.`);
    const start = await resolveInProject(ctx.root, input.path ?? '.', ctx.reach);
    const info = await stat(start).catch(() => undefined);
    if (!info) return failed(`Path does not exist: ${input.path ?? '.'}`);
    const filter = globFilter(input.glob);
    const files: WalkedFile[] = info.isFile()
      ? [{ abs: start, real: start, rel: relative(ctx.root, start).split(sep).join('/'), mtimeMs: info.mtimeMs, size: info.size }]
      : [];
    let withheld = 0;
    if (info.isDirectory()) {
      // In an added folder, its own ignore files count and links are followed only within it.
      const place = placeOf(ctx.root, ctx.reach ?? PROJECT_ONLY, start) ?? ctx.root;
      const rules = await IgnoreRules.forProject(place);
      await rules.enter(start);
      // A folder named on purpose is searched even when the rules ignore it (as rg does).
      const ignore = start !== place && rules.ignores(start, true) ? undefined : rules;
      for await (const f of walkFiles({ root: place, start, signal: ctx.signal, skipDirs: SKIPPED_DIRS, ...(ignore ? { ignore } : {}) })) {
        if (filter && !filter(f.rel)) continue;
        if (ofType && !ofType(basename(f.abs))) continue;
        if (ctx.readDenied(f.abs) || ctx.readDenied(f.real)) withheld += 1;
        else files.push(f);
      }
    }
    const mode = input.output_mode ?? 'files_with_matches';
    const context = {
      before: input['-B'] ?? input['-C'] ?? 0,
      after: input['-A'] ?? input['-C'] ?? 0,
      lineNumbers: input['-n'] ?? true,
    };
    const results: string[] = [];
    const matched: WalkedFile[] = [];
    for (const file of files) {
      if (ctx.signal.aborted) break;
      if (file.size > MAX_FILE_BYTES) continue;
      const bytes = await readFile(file.abs).catch(() => undefined);
      if (!bytes || bytes.subarray(0, 8192).includes(0)) continue;
      const hits = findHits(bytes.toString('utf8'), regex, input.multiline ?? false);
      if (hits.matched.length === 0) continue;
      matched.push(file);
      if (mode === 'content') results.push(...contentLines(file.abs, hits, context, results.length > 0));
      if (mode === 'count') results.push(`${file.abs}:${hits.matched.length}`);
    }
    const note = withheld > 0 ? `\n(${withheld} file${withheld === 1 ? ' was' : 's were'} not searched: a permission rule denies reading ${withheld === 1 ? 'it' : 'them'}.)` : '';
    if (matched.length === 0) return ok(`No matches found${note}`);
    if (mode === 'files_with_matches') {
      matched.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.abs < b.abs ? -1 : 1));
      results.push(...matched.map((f) => f.abs));
    }
    const skip = input.offset ?? 0;
    const limit = input.head_limit === 0 ? MAX_RESULTS : Math.min(input.head_limit ?? DEFAULT_HEAD_LIMIT, MAX_RESULTS);
    const shown = results.slice(skip, skip + limit);
    const rest = results.length - skip - shown.length;
    const more = rest > 0 ? `\n(${rest} more results not shown; continue with offset ${skip + shown.length}, or narrow the search)` : '';
    const head = mode === 'files_with_matches' ? `Found ${matched.length} file${matched.length === 1 ? '' : 's'}\n` : '';
    if (shown.length === 0) return ok(`${head}(No results at offset ${skip}; there are ${results.length}.)${note}`);
    return ok(`${head}${shown.join('\n')}${more}${note}`);
  },
});
