// NotebookEdit as Claude Code's: a cell's source replaced (a code cell's stale outputs cleared),
// a cell inserted after another or at the top (with a new id where the format has ids), a cell
// deleted; every other field written back as it was, in the file's indentation; only after a
// Read this session, through a real session against the local server.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { editNotebook } from '../../../../src-main/agent/worker/tools/notebook-edit.js';
import { reply, text, toolUse } from '../../../helpers/anthropic-server.js';
import { openSession } from '../../harness.js';

const NOTEBOOK = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Sales\n', 'by month'] },
      { cell_type: 'code', id: 'load', metadata: { tags: ['keep'] }, execution_count: 3, outputs: [{ output_type: 'stream', name: 'stdout', text: ['old\n'] }], source: ['df = load()\n', 'df.head()'] },
    ],
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

const cells = (t: string) => (JSON.parse(t) as { cells: Record<string, unknown>[] }).cells;

test('replace, insert and delete keep everything else as it was', () => {
  const replaced = editNotebook(NOTEBOOK, { notebook_path: 'n.ipynb', cell_id: 'load', new_source: 'df = load(2026)\ndf.tail()' });
  assert.ok(!('error' in replaced));
  const [, load] = cells(replaced.text);
  assert.deepEqual(load, { id: 'load', metadata: { tags: ['keep'] }, cell_type: 'code', execution_count: null, outputs: [], source: ['df = load(2026)\n', 'df.tail()'] });
  assert.match(replaced.text, /^\{\n "cells"/, 'the file\'s one-space indentation');
  assert.deepEqual(JSON.parse(replaced.text).metadata, { kernelspec: { name: 'python3' } });

  const inserted = editNotebook(NOTEBOOK, { notebook_path: 'n.ipynb', cell_id: 'intro', new_source: 'print(1)', cell_type: 'code', edit_mode: 'insert' });
  assert.ok(!('error' in inserted));
  assert.deepEqual(cells(inserted.text).map((c) => c.cell_type), ['markdown', 'code', 'code']);
  assert.match(String(cells(inserted.text)[1]!.id), /^[0-9a-f]{8}$/, 'nbformat 4.5 cells have ids');
  const top = editNotebook(NOTEBOOK, { notebook_path: 'n.ipynb', new_source: 'Top', cell_type: 'markdown', edit_mode: 'insert' });
  assert.ok(!('error' in top) && cells(top.text)[0]!.source!.toString() === 'Top');

  const deleted = editNotebook(NOTEBOOK, { notebook_path: 'n.ipynb', cell_id: 'cell-0', new_source: '', edit_mode: 'delete' });
  assert.ok(!('error' in deleted));
  assert.deepEqual(cells(deleted.text).map((c) => c.id), ['load'], 'cells without an id are named cell-N, as Read shows them');

  assert.deepEqual(editNotebook(NOTEBOOK, { notebook_path: 'n.ipynb', cell_id: 'nope', new_source: 'x' }), { error: 'No cell with id "nope"; Read the notebook to see its cell ids.' });
  assert.deepEqual(editNotebook(NOTEBOOK, { notebook_path: 'n.ipynb', new_source: 'x', edit_mode: 'insert' }), { error: 'cell_type (code or markdown) is required to insert a cell.' });
  assert.deepEqual(editNotebook('{"no": "cells"}', { notebook_path: 'n.ipynb', cell_id: 'a', new_source: 'x' }), { error: 'This does not look like a Jupyter notebook (no cells list).' });
});

test('through a session: refused before a Read, then the cell is changed on disk and kept for undo', async (t) => {
  const s = await openSession(t);
  await writeFile(join(s.root, 'sales.ipynb'), NOTEBOOK);
  s.server.enqueue(
    reply([toolUse('NotebookEdit', { notebook_path: 'sales.ipynb', cell_id: 'load', new_source: 'df = load(2027)' })]),
    reply([toolUse('Read', { file_path: 'sales.ipynb' })]),
    reply([toolUse('NotebookEdit', { notebook_path: 'sales.ipynb', cell_id: 'load', new_source: 'df = load(2027)' })]),
    reply([text('done')]),
  );
  await s.turn('use 2027');
  const results = s.log.events.flatMap((e) => (e.type === 'step' && e.step.kind === 'tool_result' && e.step.name === 'NotebookEdit' ? [e.step] : []));
  assert.equal(results[0]?.isError, true, 'not read yet');
  assert.equal(results[1]?.isError, false);
  assert.equal(results[1]?.output, 'Replaced the source of cell load in sales.ipynb.');
  assert.equal(results[1]?.fileChanges[0]?.path, 'sales.ipynb');
  assert.deepEqual(cells(await readFile(join(s.root, 'sales.ipynb'), 'utf8'))[1]!.source, ['df = load(2027)']);
});
