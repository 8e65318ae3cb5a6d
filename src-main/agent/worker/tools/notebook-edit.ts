// NotebookEdit {notebook_path, cell_id, new_source, cell_type, edit_mode}: changes one cell of a
// Jupyter notebook, as Claude Code's NotebookEdit does: replace a cell's source (a code cell's
// stale outputs are cleared), insert a new cell after one (or first), or delete one. Cells are
// named by the ids Read shows (`cell-N` for a notebook without ids). Like Edit, only a notebook
// Claude read this session and that did not change since; the before-image is kept for /undo.
// Every field Claude does not touch is written back as it was, in the file's own indentation.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { captureBefore } from '../../file-changes.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { defineTool } from './define.js';
import { currentText, projectRelative } from './file-target.js';
import { failed, ok } from './types.js';

const Input = z.object({
  notebook_path: z.string().min(1),
  cell_id: z.string().min(1).optional(),
  new_source: z.string(),
  cell_type: z.enum(['code', 'markdown']).optional(),
  edit_mode: z.enum(['replace', 'insert', 'delete']).optional(),
});
type Input = z.infer<typeof Input>;

type Cell = Record<string, unknown> & { cell_type?: unknown; id?: unknown };
const NotebookShape = z.looseObject({ cells: z.array(z.looseObject({ cell_type: z.string() })), nbformat: z.number().optional(), nbformat_minor: z.number().optional() });

/** nbformat keeps source as lines, each with its newline but the last. */
function sourceLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function cellOf(type: 'code' | 'markdown', source: string, withId: boolean): Cell {
  const id = withId ? { id: randomBytes(4).toString('hex') } : {};
  return type === 'code' ? { cell_type: 'code', ...id, metadata: {}, execution_count: null, outputs: [], source: sourceLines(source) } : { cell_type: 'markdown', ...id, metadata: {}, source: sourceLines(source) };
}

/** The notebook with the edit made, or why it cannot be made. */
export function editNotebook(text: string, input: Input): { readonly text: string; readonly what: string } | { readonly error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'The notebook is not valid JSON.' };
  }
  const shape = NotebookShape.safeParse(json);
  if (!shape.success) return { error: 'This does not look like a Jupyter notebook (no cells list).' };
  const notebook = json as { cells: Cell[]; nbformat?: number; nbformat_minor?: number };
  const cells = notebook.cells;
  const index = input.cell_id === undefined ? -1 : cells.findIndex((c, i) => c.id === input.cell_id || `cell-${i}` === input.cell_id);
  if (input.cell_id !== undefined && index === -1) return { error: `No cell with id "${input.cell_id}"; Read the notebook to see its cell ids.` };
  const mode = input.edit_mode ?? 'replace';
  let what: string;
  if (mode === 'insert') {
    if (!input.cell_type) return { error: 'cell_type (code or markdown) is required to insert a cell.' };
    const withIds = (notebook.nbformat ?? 4) > 4 || ((notebook.nbformat ?? 4) === 4 && (notebook.nbformat_minor ?? 0) >= 5);
    const cell = cellOf(input.cell_type, input.new_source, withIds);
    cells.splice(index + 1, 0, cell);
    what = `Inserted a ${input.cell_type} cell${typeof cell.id === 'string' ? ` (id ${cell.id})` : ''} ${index === -1 ? 'at the top' : `after ${input.cell_id}`}`;
  } else {
    if (index === -1) return { error: `cell_id is required to ${mode} a cell.` };
    if (mode === 'delete') {
      cells.splice(index, 1);
      what = `Deleted cell ${input.cell_id}`;
    } else {
      const old = cells[index] as Cell;
      const type = input.cell_type ?? (old.cell_type === 'markdown' ? 'markdown' : 'code');
      const kept = Object.fromEntries(Object.entries(old).filter(([k]) => !['source', 'outputs', 'execution_count', 'cell_type'].includes(k)));
      // The source changed, so a code cell's outputs no longer belong to it.
      cells[index] = type === 'code' ? { ...kept, cell_type: 'code', execution_count: null, outputs: [], source: sourceLines(input.new_source) } : { ...kept, cell_type: 'markdown', source: sourceLines(input.new_source) };
      what = `Replaced the source of cell ${input.cell_id}`;
    }
  }
  const indent = /^\{\r?\n( +)"/.exec(text)?.[1]?.length ?? 1;
  return { text: `${JSON.stringify(notebook, null, indent)}\n`, what };
}

export const notebookEditTool = defineTool({
  name: 'NotebookEdit',
  kind: 'edit',
  description:
    'Edits one cell of a Jupyter notebook (.ipynb) in the project: replace its source, insert a new cell after it ' +
    '(or at the top without cell_id), or delete it. Cell ids are those Read shows. Read the notebook first.',
  inputSchema: {
    type: 'object',
    properties: {
      notebook_path: { type: 'string', description: 'The path of the notebook (absolute or relative to the project root)' },
      cell_id: { type: 'string', description: 'The id of the cell to edit (to insert after, for insert)' },
      new_source: { type: 'string', description: 'The new source of the cell' },
      cell_type: { type: 'string', enum: ['code', 'markdown'], description: 'The type of the cell (required for insert)' },
      edit_mode: { type: 'string', enum: ['replace', 'insert', 'delete'], description: 'replace (default), insert or delete' },
    },
    required: ['notebook_path', 'new_source'],
    additionalProperties: false,
  },
  parse: Input,
  ruleTarget: (input, root, reach) => projectRelative(root, input.notebook_path, reach),
  summarize: (input, target) => `${input.edit_mode ?? 'replace'} a cell of ${target}`,
  subject: async (input, ctx) => {
    const file = await currentText(ctx.root, input.notebook_path, ctx.reach);
    if (!file?.text) return undefined;
    const edited = editNotebook(file.text, input);
    return 'error' in edited ? undefined : { kind: 'change', path: file.rel, before: file.text, after: edited.text };
  },
  async run(input, ctx) {
    const abs = await resolveInProject(ctx.root, input.notebook_path, ctx.reach);
    const rel = displayPath(ctx.root, abs);
    if (!rel.endsWith('.ipynb')) return failed(`${rel} is not a notebook (.ipynb); use Edit for other files.`);
    const change = await captureBefore(rel, abs);
    if (change.before === null) return failed(`Notebook does not exist: ${rel}`);
    const refusal = await ctx.files.refusal(abs);
    if (refusal) return failed(refusal);
    const edited = editNotebook(await readFile(abs, 'utf8'), input);
    if ('error' in edited) return failed(`${rel}: ${edited.error}`);
    await writeFile(abs, edited.text);
    await ctx.files.wrote(abs, edited.text);
    return ok(`${edited.what} in ${rel}.`, [change]);
  },
});
