// Read of a Jupyter notebook: cells with their sources and outputs (text, errors, pictures),
// not raw JSON; a broken notebook is a clear error.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { tempProject } from '../../harness.js';
import { call, textOf, toolContext, type Ctx } from './tool-context.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const notebook = {
  nbformat: 4,
  metadata: { language_info: { name: 'python' } },
  cells: [
    { cell_type: 'markdown', id: 'intro', source: ['# Sales\n', 'Monthly totals.'] },
    {
      cell_type: 'code',
      id: 'load',
      execution_count: 1,
      source: 'import pandas as pd\nprint(len(df))',
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['120\n'] }],
    },
    { cell_type: 'code', id: 'plot', execution_count: 2, source: 'df.plot()', outputs: [{ output_type: 'display_data', data: { 'image/png': PNG, 'text/plain': ['<Figure>'] } }] },
    { cell_type: 'code', id: 'oops', execution_count: 3, source: 'df.nope', outputs: [{ output_type: 'error', ename: 'AttributeError', evalue: "'DataFrame' object has no attribute 'nope'", traceback: [] }] },
  ],
};

describe('Read of notebooks', () => {
  let root: string;
  let ctx: Ctx;
  before(async () => {
    root = await tempProject({ 'sales.ipynb': JSON.stringify(notebook), 'broken.ipynb': '{"cells": 3}' });
    ctx = await toolContext(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('cells, outputs and pictures come back readable', async () => {
    const r = await call(ctx, 'Read', { file_path: 'sales.ipynb' });
    assert.equal(r.isError, false);
    assert.ok(Array.isArray(r.output));
    assert.deepEqual(r.output.map((b) => b.type), ['text', 'image', 'text']);
    const all = textOf(r);
    assert.match(all, /^Notebook sales\.ipynb \(python, 4 cells\)/);
    assert.match(all, /<cell id="intro" type="markdown">\n# Sales\nMonthly totals\.\n<\/cell>/);
    assert.match(all, /<cell id="load" type="code" execution="1">\nimport pandas as pd\nprint\(len\(df\)\)\n<\/cell>\n\[stdout\]\n120/);
    assert.match(all, /\[error\] AttributeError: 'DataFrame' object has no attribute 'nope'/);
    assert.doesNotMatch(all, /"cell_type"/, 'not the raw JSON');
  });

  test('a file that is not a notebook says so; Claude may then edit a notebook it read', async () => {
    const bad = await call(ctx, 'Read', { file_path: 'broken.ipynb' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /does not look like a Jupyter notebook/);
    const edit = await call(ctx, 'Edit', { file_path: 'sales.ipynb', old_string: '"df.nope"', new_string: '"df.head()"' });
    assert.equal(edit.isError, false, textOf(edit));
  });
});
