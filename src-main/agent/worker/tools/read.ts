// Read {file_path, offset, limit}: numbered lines like `cat -n` (offset is the 1-based first
// line), long lines cut, pictures returned as image blocks so the model can look at them,
// notebooks as their cells and outputs (notebook.ts).
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import { IMAGE_MEDIA_TYPES } from '../../content.js';
import { defineTool } from './define.js';
import { projectRelative } from './file-target.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { failed, ok, type ToolContext, type ToolResult } from './types.js';
import { renderNotebook } from './notebook.js';
import { PDF_PAGES_PER_READ, readPdf, WHOLE_PDF_MAX_PAGES } from './pdf-pages.js';

const DEFAULT_LIMIT = 2000;
const MAX_LINE_CHARS = 2000;
const MAX_TEXT_BYTES = 20 * 1024 * 1024;
const MAX_IMAGE_BYTES = 3_750_000; // 5 MB once base64-encoded, the API's limit per image

const IMAGE_TYPES: Record<string, (typeof IMAGE_MEDIA_TYPES)[number]> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

const ReadInput = z.object({
  file_path: z.string().min(1),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).optional(),
  pages: z.string().min(1).optional(),
});

export const readTool = defineTool({
  name: 'Read',
  kind: 'read',
  description:
    'Reads a file from the project. file_path is absolute or relative to the project root. Returns numbered lines ' +
    `(up to ${DEFAULT_LIMIT} by default; use offset (1-based first line) and limit for long files). ` +
    'Images (png, jpg, gif, webp) are returned so you can see them; PDFs as documents (a range of pages with pages); notebooks (.ipynb) as cells with their outputs.',
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'The path of the file to read' },
      offset: { type: 'integer', description: 'The line number to start reading from (1-based)' },
      limit: { type: 'integer', description: 'The number of lines to read' },
      pages: { type: 'string', description: `For a PDF: the pages to read, e.g. "1-5" (at most ${PDF_PAGES_PER_READ}; needed past ${WHOLE_PDF_MAX_PAGES} pages)` },
    },
    required: ['file_path'],
    additionalProperties: false,
  },
  parse: ReadInput,
  ruleTarget: (input, root, reach) => projectRelative(root, input.file_path, reach),
  summarize: (_input, target) => `read ${target}`,
  async run(input, ctx) {
    const abs = await resolveInProject(ctx.root, input.file_path, ctx.reach);
    const result = await readFileTool(abs, input, ctx);
    // A folder's own CLAUDE.md comes along the first time Claude reads a file in it (Claude Code's nested memory).
    const memory = result.isError ? undefined : await ctx.nestedMemory?.(abs);
    if (!memory) return result;
    return { ...result, output: typeof result.output === 'string' ? `${result.output}\n\n${memory}` : [...result.output, { type: 'text', text: memory }] };
  },
});

async function readFileTool(abs: string, input: z.infer<typeof ReadInput>, ctx: ToolContext): Promise<ToolResult> {
  const rel = displayPath(ctx.root, abs);
  const info = await stat(abs).catch(() => undefined);
  if (!info) return failed(`File does not exist: ${rel}`);
  if (info.isDirectory()) return failed(`${rel} is a directory; use LS to list it.`);
  const imageType = IMAGE_TYPES[extname(abs).toLowerCase()];
  if (imageType) {
    if (info.size > MAX_IMAGE_BYTES) return failed(`${rel} is too large to view (${info.size} bytes).`);
    const bytes = await readFile(abs);
    ctx.files.saw(abs, info.mtimeMs, bytes);
    const data = bytes.toString('base64');
    return ok([{ type: 'image', source: { type: 'base64', media_type: imageType, data } }]);
  }
  if (extname(abs).toLowerCase() === '.pdf') {
    const bytes = await readFile(abs);
    ctx.files.saw(abs, info.mtimeMs, bytes);
    return readPdf(bytes, rel, input.pages);
  }
  if (info.size > MAX_TEXT_BYTES) return failed(`${rel} is too large to read (${info.size} bytes); use Grep to search it.`);
  const bytes = await readFile(abs);
  if (bytes.subarray(0, 8192).includes(0)) {
    ctx.files.saw(abs, info.mtimeMs, bytes);
    return ok(`${rel} is a binary file (${bytes.length} bytes); not shown.`);
  }
  const text = bytes.toString('utf8');
  if (extname(abs).toLowerCase() === '.ipynb' && text.trim().length > 0) {
    const notebook = renderNotebook(text, rel);
    if ('error' in notebook) return failed(notebook.error);
    ctx.files.saw(abs, info.mtimeMs, bytes);
    return ok(notebook.output);
  }
  if (text.length === 0) {
    ctx.files.saw(abs, info.mtimeMs, bytes);
    return ok(`${rel} exists but is empty.`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, input.offset ?? 1);
  const limit = input.limit ?? DEFAULT_LIMIT;
  if (first > lines.length) return failed(`${rel} has only ${lines.length} lines; offset ${first} is past the end.`);
  const shown = lines.slice(first - 1, first - 1 + limit);
  const numbered = shown.map((line, i) => {
    const cut = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut]` : line;
    return `${String(first + i).padStart(6)}\t${cut}`;
  });
  const last = first + shown.length - 1;
  // Edits after a partial read are allowed (as in Claude Code); only a full read remembers the content.
  ctx.files.saw(abs, info.mtimeMs, first === 1 && last === lines.length ? bytes : undefined);
  if (last < lines.length) numbered.push(`[Lines ${first}-${last} of ${lines.length}; read on with offset ${last + 1}.]`);
  return ok(numbered.join('\n'));
}
