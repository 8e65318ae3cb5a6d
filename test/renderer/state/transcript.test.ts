// The session view's transcript as it streams: Claude's words appear as they arrive, are
// replaced by the stored message once it is complete, and nothing shows twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_TRANSCRIPT, parseDiff, transcriptReducer } from '../../../src-renderer/state/transcript.js';
import type { TranscriptEntry } from '../../../src-main/shared/api.js';

const entry = (seq: number, kind: TranscriptEntry['kind'], text: string): TranscriptEntry => ({ seq, at: new Date(seq * 1000).toISOString(), kind, text });

test('text deltas build up the reply, and the stored reply replaces them', () => {
  const reduce = transcriptReducer('s1');
  let state = reduce(EMPTY_TRANSCRIPT, { type: 'loaded', entries: [entry(1, 'user', 'fix the test')] });
  state = reduce(state, { type: 'text-delta', sessionId: 's1', text: 'Looking ' });
  state = reduce(state, { type: 'text-delta', sessionId: 's2', text: 'other session' });
  state = reduce(state, { type: 'text-delta', sessionId: 's1', text: 'at it…' });
  assert.equal(state.streaming, 'Looking at it…');
  state = reduce(state, { type: 'transcript', sessionId: 's1', entry: entry(2, 'assistant', 'Looking at it… Fixed.') });
  assert.equal(state.streaming, '');
  assert.deepEqual(state.entries.map((e) => e.text), ['fix the test', 'Looking at it… Fixed.']);
});

test('an entry from both the first load and an event is shown once, in order', () => {
  const reduce = transcriptReducer('s1');
  let state = reduce(EMPTY_TRANSCRIPT, { type: 'transcript', sessionId: 's1', entry: entry(3, 'tool-call', 'Bash npm test') });
  state = reduce(state, { type: 'loaded', entries: [entry(1, 'user', 'go'), entry(2, 'assistant', 'ok'), entry(3, 'tool-call', 'Bash npm test')] });
  assert.deepEqual(state.entries.map((e) => e.seq), [1, 2, 3]);
});

test('a unified diff is recognised line by line; other text is not', () => {
  const diff = parseDiff('--- a/x.ts\n+++ b/x.ts\n@@ -1,2 +1,2 @@\n-old\n+new\n same');
  assert.deepEqual(diff?.map((l) => l.kind), ['file', 'file', 'hunk', 'del', 'add', 'ctx']);
  assert.equal(parseDiff('- a list item\n+ not a diff'), undefined);
  assert.equal(parseDiff('exit code 0'), undefined);
});
