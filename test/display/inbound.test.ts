import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IncomingAttachmentSchema, imageSize, prepareInbound, renderSaveProposal, savedFileNote, sanitizeFileName } from '../../src-main/display/inbound.js';
import { covered } from './ranges.js';

function png(width: number, height: number, extra = 0): Uint8Array {
  const b = new Uint8Array(33 + extra);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}
// SOI, an APP0 segment, then SOF0 with height 480 and width 640.
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 3, 0, 0, 0, 0, 0]);
const ids = (): (() => string) => {
  let n = 0;
  return () => `id${++n}`;
};
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('phone attachments for Claude', () => {
  test('images become base64 image blocks of the type their bytes say', () => {
    const image = png(800, 600);
    const { blocks, proposals } = prepareInbound([
      { fileName: 'shot.png', contentType: 'image/png', data: image },
      { fileName: 'photo', contentType: 'application/octet-stream', data: JPEG },
    ]);
    assert.deepEqual(proposals, []);
    assert.deepEqual(blocks, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from(image).toString('base64') } },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: Buffer.from(JPEG).toString('base64') } },
    ]);
    assert.deepEqual(imageSize(JPEG, 'image/jpeg'), { width: 640, height: 480 });
  });

  test('images Claude cannot take become save proposals with the reason', () => {
    const { blocks, proposals } = prepareInbound(
      [
        { fileName: 'IMG_1.HEIC', contentType: 'image/heic', data: new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]) },
        { fileName: 'huge.png', contentType: 'image/png', data: png(100, 100, 4_000_000) },
        { fileName: 'panorama.png', contentType: 'image/png', data: png(12000, 900) },
      ],
      { newId: ids() },
    );
    assert.equal(blocks.length, 0);
    assert.deepEqual(
      proposals.map((p) => [p.id, p.fileName, p.suggestedPath, p.reason]),
      [
        ['id1', 'IMG_1.HEIC', 'uploads/IMG_1.HEIC', 'Claude reads JPEG, PNG, GIF and WebP images, not image/heic'],
        ['id2', 'huge.png', 'uploads/huge.png', 'the image is 3.8 MB, more than Claude takes (3.8 MB)'],
        ['id3', 'panorama.png', 'uploads/panorama.png', 'the image is 12000×900, larger than Claude takes'],
      ],
    );
  });

  test('text and code files and PDFs become documents; a long message becomes text', () => {
    const pdf = enc('%PDF-1.7\n...');
    const { blocks, proposals } = prepareInbound([
      { fileName: 'notes.md', contentType: 'text/markdown', data: enc('\uFEFF# Notes\n') },
      { fileName: 'main.rs', contentType: 'application/octet-stream', data: enc('fn main() {}\n') },
      { fileName: 'spec.pdf', contentType: 'application/pdf', data: pdf },
      { contentType: 'text/x-signal-plain', data: enc('a very long message from the phone') },
    ]);
    assert.deepEqual(proposals, []);
    assert.deepEqual(blocks, [
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: '# Notes\n' }, title: 'notes.md' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'fn main() {}\n' }, title: 'main.rs' },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(pdf).toString('base64') }, title: 'spec.pdf' },
      { type: 'text', text: 'a very long message from the phone' },
    ]);
  });

  test('other files wait for the owner; the question carries the reply hint', () => {
    const { blocks, proposals } = prepareInbound(
      [
        { fileName: '../../report.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: new Uint8Array(1500) },
        { contentType: 'audio/aac', data: new Uint8Array([1, 2, 3]) },
        { fileName: 'data.bin', contentType: 'application/octet-stream', data: new Uint8Array([0, 159, 146, 150]) },
      ],
      { newId: ids() },
    );
    assert.equal(blocks.length, 0);
    assert.deepEqual(proposals.map((p) => p.suggestedPath), ['uploads/report.xlsx', 'uploads/attachment-id2.aac', 'uploads/data.bin']);
    const q = renderSaveProposal(proposals[0]!);
    assert.equal(
      q.text,
      '📎 report.xlsx (1.5 KB): Claude cannot read application/vnd.openxmlformats-officedocument.spreadsheetml.sheet directly.\nSave it into the project as uploads/report.xlsx? reply save id1 or no id1',
    );
    assert.deepEqual(covered(q), ['bold:report.xlsx', 'monospace:uploads/report.xlsx']);
    assert.deepEqual(savedFileNote('uploads/report.xlsx', proposals[0]!), {
      type: 'text',
      text: 'The owner sent a file from their phone. It is saved in the project at uploads/report.xlsx (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, 1.5 KB).',
    });
  });

  test('file names from the phone are made safe', () => {
    assert.equal(sanitizeFileName('..\\..\\evil:name?.txt', 'text/plain', 'x'), 'evil_name_.txt');
    assert.equal(sanitizeFileName('.bashrc', 'text/plain', 'x'), 'bashrc');
    assert.equal(sanitizeFileName(undefined, 'image/jpeg', 'ab12'), 'attachment-ab12.jpg');
    assert.equal(sanitizeFileName(`${'n'.repeat(300)}.json`, 'application/json', 'x').length, 100);
  });

  test('the boundary schema accepts what the receiver hands over and nothing else', () => {
    assert.ok(IncomingAttachmentSchema.safeParse({ contentType: 'image/png', data: new Uint8Array(1) }).success);
    assert.ok(!IncomingAttachmentSchema.safeParse({ contentType: 'image/png', data: 'base64?' }).success);
  });
});
