import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolLine } from '../../../src-renderer/state/tool-line.js';

test('a tool call reads as one line, as on the phone; Edit and Write carry their change', () => {
  const edit = toolLine('Edit', JSON.stringify({ file_path: 'README.md', old_string: 'Old.\n', new_string: 'New.\nMore.\n' }));
  assert.equal(edit.label, '🔧 Edit README.md +2 −1');
  assert.equal(edit.patch, '@@ -1,1 +1,2 @@\n-Old.\n+New.\n+More.\n');
  assert.equal(toolLine('Write', JSON.stringify({ file_path: 'a.txt', content: 'x\ny\n' })).label, '🔧 Write a.txt +2');
  assert.equal(toolLine('Bash', JSON.stringify({ command: 'npm test\necho done' })).label, '🔧 Bash npm test');
  assert.equal(toolLine('Grep', JSON.stringify({ pattern: 'TODO' })).label, '🔧 Grep TODO');
  assert.equal(toolLine('Edit', 'not json').label, '🔧 Edit', 'bad input falls back to the name');
  assert.equal(toolLine('Edit', 'not json').patch, undefined);
});
