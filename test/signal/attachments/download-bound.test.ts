// The bound on waiting downloads: files join until 20 wait, the rest of a message's files are
// turned away, and the full text of a long message is always fetched (it is the message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitDownloads, MAX_WAITING_DOWNLOADS } from '../../../src-main/signal/attachments/download-bound.js';
import { LONG_TEXT_CONTENT_TYPE } from '../../../src-main/signal/receive/content-parser.js';

const png = { contentType: 'image/png' };

test('files join the waiting downloads up to the bound, and no further', () => {
  assert.deepEqual(admitDownloads([png, png], 0), [true, true]);
  assert.deepEqual(admitDownloads([png, png, png], MAX_WAITING_DOWNLOADS - 2), [true, true, false]);
  assert.deepEqual(admitDownloads([png], MAX_WAITING_DOWNLOADS), [false]);
  assert.deepEqual(admitDownloads([png], MAX_WAITING_DOWNLOADS + 5), [false], 'more waiting than the bound (a bound lowered since)');
});

test('the full text of a long message is fetched even when the bound is reached', () => {
  assert.deepEqual(admitDownloads([{ contentType: LONG_TEXT_CONTENT_TYPE }, png], MAX_WAITING_DOWNLOADS), [true, false]);
});
