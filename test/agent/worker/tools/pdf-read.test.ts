// Read of a PDF through a real session against the local server, as Claude Code reads one: a
// short PDF whole as a document block, a long one refused with how to ask for pages, a page
// range cut out as its own PDF, a bad range explained; the shipped bundle loads pdf-lib.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { AnthropicTestServer, reply, text, toolUse } from '../../../helpers/anthropic-server.js';
import { openSession, runShippedTurn, tempProject } from '../../harness.js';

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]).drawText(`page ${i + 1}`, { x: 20, y: 100 });
  return doc.save();
}

type Block = { type: string; text?: string; source?: { data: string; media_type: string } };
const resultBlocks = (body: { messages: { content: unknown }[] }): { content: string | Block[]; is_error?: boolean } => {
  const last = body.messages.at(-1)!.content as { type: string; content: string | Block[]; is_error?: boolean }[];
  return last.find((b) => b.type === 'tool_result')!;
};
const pagesIn = async (b64: string) => (await PDFDocument.load(Buffer.from(b64, 'base64'))).getPageCount();

test('PDFs: short ones whole, long ones by pages, as document blocks', async (t) => {
  const s = await openSession(t);
  await writeFile(join(s.root, 'short.pdf'), await pdfOf(3));
  await writeFile(join(s.root, 'long.pdf'), await pdfOf(25));
  s.server.enqueue(
    reply([toolUse('Read', { file_path: 'short.pdf' })]),
    reply([toolUse('Read', { file_path: 'long.pdf' })]),
    reply([toolUse('Read', { file_path: 'long.pdf', pages: '21-30' })]),
    reply([toolUse('Read', { file_path: 'long.pdf', pages: 'first' })]),
    reply([text('read them')]),
  );
  await s.turn('read the PDFs');
  const [, short, long, range, bad] = s.server.messageRequests.map((r) => resultBlocks(r.body));

  const [note, doc] = short!.content as Block[];
  assert.equal(note?.text, 'short.pdf: a PDF of 3 pages, all of them below.');
  assert.equal(doc?.type, 'document');
  assert.equal(doc?.source?.media_type, 'application/pdf');
  assert.equal(await pagesIn(doc!.source!.data), 3);

  assert.equal(long!.is_error, true);
  assert.match(String(long!.content), /long\.pdf has 25 pages, too many to read at once\. Read it in parts with pages, e\.g\. pages: "1-20"/);

  const [rangeNote, rangeDoc] = range!.content as Block[];
  assert.equal(rangeNote?.text, 'long.pdf: pages 21-25 of 25 below.', 'a range past the end stops at the last page');
  assert.equal(await pagesIn(rangeDoc!.source!.data), 5);

  assert.equal(bad!.is_error, true);
  assert.match(String(bad!.content), /pages must be one page \("3"\) or a range \("1-5"\), not "first"/);
});

test('the shipped worker bundle loads pdf-lib for the first page range', async (t) => {
  const root = await tempProject();
  t.after(() => rm(root, { recursive: true, force: true }));
  await writeFile(join(root, 'long.pdf'), await pdfOf(12));
  const claude = await AnthropicTestServer.start();
  t.after(() => claude.close());
  claude.enqueue(reply([toolUse('Read', { file_path: 'long.pdf', pages: '2-3' })]), reply([text('ok')]));
  await runShippedTurn(t, root, claude.url, 'read pages 2-3');
  const [note, doc] = resultBlocks(claude.messageRequests[1]!.body).content as Block[];
  assert.equal(note?.text, 'long.pdf: pages 2-3 of 12 below.');
  assert.equal(await pagesIn(doc!.source!.data), 2);
});
