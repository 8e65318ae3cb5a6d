// A search Anthropic ran inside a response shows in the progress like a tool this app runs: one
// call with its query, one result with how many pages came back and their titles, or why the
// search failed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webSearchEvents } from '../../../src-main/agent/worker/web-search-events.js';

test('each search becomes a WebSearch call and its result; a failed search says why', () => {
  const events = webSearchEvents('t1', [
    { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'node 24' } },
    { type: 'web_search_tool_result', tool_use_id: 's1', content: [{ type: 'web_search_result', title: 'Node.js 24.0.0', url: 'u' }, { type: 'web_search_result', title: 'Node 24 notes', url: 'v' }] },
    { type: 'server_tool_use', id: 's2', name: 'web_search', input: { query: 'too long' } },
    { type: 'web_search_tool_result', tool_use_id: 's2', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } },
    { type: 'text', text: 'answer' },
  ]);
  assert.deepEqual(events.map((e) => (e.type === 'tool_call' ? `call ${e.name} ${JSON.stringify(e.input)}` : e.type === 'tool_result' ? `result ${e.isError ? 'error' : 'ok'} ${e.preview}` : e.type)), [
    'call WebSearch {"query":"node 24"}',
    'result ok 2 results: Node.js 24.0.0 · Node 24 notes',
    'call WebSearch {"query":"too long"}',
    'result error The search failed (max_uses_exceeded).',
  ]);
});
