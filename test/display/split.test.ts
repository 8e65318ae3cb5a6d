import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { packForSignal, splitPoints, splitRendered } from '../../src-main/display/split.js';
import { TextBuilder } from '../../src-main/display/text-builder.js';
import { LONG_TEXT_CONTENT_TYPE, type RenderedDoc, type RenderedText } from '../../src-main/display/types.js';
import { covered, decode } from './ranges.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const doc = (r: RenderedText): RenderedDoc => ({ ...r, attachments: [] });

function paragraphs(n: number, size: number): RenderedText {
  const b = new TextBuilder();
  for (let i = 0; i < n; i++) {
    if (i > 0) b.append('\n\n');
    b.append(`Paragraph ${i} `);
    b.appendStyled(`key${i}`, 'bold');
    b.append(` ${'lorem ipsum '.repeat(Math.ceil(size / 12))}`.slice(0, size));
    b.append('.');
  }
  return b.build();
}

// Grapheme clusters that are easy to break: ZWJ families, flags, skin tones, keycaps,
// combining accents, astral CJK, and plain ASCII/whitespace between them.
const CLUSTERS = ['👨‍👩‍👧‍👦', '🏳️‍🌈', '🇩🇪', '🇯🇵', '👍🏽', '🧑🏿‍💻', '1️⃣', 'é', 'ñ', '𠜎', '😀', 'a', 'b', ' ', ' ', '\n', '\n\n', '.', 'ab cd ', '한', 'ก์'];
const clusterText = fc.array(fc.constantFrom(...CLUSTERS), { minLength: 0, maxLength: 900 }).map((xs) => xs.join(''));

function boundaries(text: string): Set<number> {
  const set = new Set<number>([0, text.length]);
  for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) set.add(s.index);
  return set;
}

describe('splitting long text', () => {
  test('a short text is one message, untouched', () => {
    const r = paragraphs(2, 100);
    const msgs = packForSignal(doc(r));
    assert.equal(msgs.length, 1);
    assert.equal(msgs[0]?.body, r.text);
    assert.deepEqual(msgs[0]?.bodyRanges, r.ranges);
  });

  test('parts break between paragraphs, fit the body limit and keep their ranges', () => {
    const r = paragraphs(5, 900);
    const parts = splitRendered(r);
    assert.ok(parts.length >= 3);
    for (const p of parts) {
      assert.ok(bytes(p.text) <= 2048, `${bytes(p.text)} bytes`);
      assert.ok(/^Paragraph \d/.test(p.text) && p.text.endsWith('.'), 'cut at a paragraph boundary');
      for (const c of covered(p)) assert.match(c, /^bold:key\d$/);
    }
    assert.deepEqual(parts.flatMap((p) => covered(p)), covered(r));
    assert.equal(parts.map((p) => p.text).join('\n\n'), r.text);
  });

  test('inside a long code block the cut falls at a line end, not at its blank line', () => {
    const b = new TextBuilder();
    b.append('Intro paragraph.\n\n');
    b.appendStyled(Array.from({ length: 70 }, (_, i) => (i === 20 ? '' : `code line ${i} ${'x'.repeat(30)}`)).join('\n'), 'monospace');
    b.append('\n\nOutro.');
    const parts = splitRendered(b.build());
    assert.equal(parts.length, 2);
    assert.match(parts[0]?.text ?? '', /code line 4\d x{30}$/);
    assert.match(parts[1]?.text ?? '', /^code line 4\d /);
    for (const p of parts) for (const c of covered(p)) assert.ok(c.startsWith('monospace:code line') && !c.includes('Intro') && !c.includes('Outro'), c);
  });

  test('a heading is not left at the end of a part', () => {
    const b = new TextBuilder();
    b.append('x'.repeat(1200));
    b.append('\n\n');
    b.appendStyled('Next section', 'bold');
    b.append('\n\n');
    b.append('y '.repeat(600));
    const parts = splitRendered(b.build());
    assert.equal(parts[0]?.text, 'x'.repeat(1200));
    assert.ok(parts[1]?.text.startsWith('Next section\n\ny y'));
    assert.deepEqual(covered(parts[1] ?? { text: '', ranges: [] }), ['bold:Next section']);
  });

  test('a single grapheme larger than a part is cut between code points, never inside a pair', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes
    const pts = splitPoints({ text: family.repeat(3), ranges: [] }, { maxBytes: 16 });
    for (const p of pts) {
      const piece = family.repeat(3).slice(p.start, p.end);
      assert.ok(Buffer.byteLength(piece) <= 16);
      assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(piece));
    }
  });

  test('property: parts never break a grapheme cluster or a surrogate pair, and fit', () => {
    fc.assert(
      fc.property(clusterText, fc.integer({ min: 32, max: 300 }), (text, maxBytes) => {
        const pts = splitPoints({ text, ranges: [] }, { maxBytes });
        const ok = boundaries(text);
        for (const p of pts) {
          assert.ok(ok.has(p.start) && ok.has(p.end), `cut inside a cluster at ${p.start}/${p.end}`);
          assert.ok(bytes(text.slice(p.start, p.end)) <= maxBytes);
          assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(text.slice(p.start, p.end)));
        }
        // Nothing but whitespace is lost, and order is kept.
        assert.equal(pts.map((p) => text.slice(p.start, p.end)).join('').replace(/\s/g, ''), text.replace(/\s/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  test('property: re-based ranges cover the same text as before', () => {
    const styled = fc.array(fc.tuple(fc.constantFrom(...CLUSTERS), fc.constantFrom(undefined, 'bold' as const, 'monospace' as const)), { maxLength: 600 });
    fc.assert(
      fc.property(styled, fc.integer({ min: 24, max: 200 }), (pieces, maxBytes) => {
        const b = new TextBuilder();
        for (const [t, style] of pieces) {
          if (style) b.appendStyled(t, style);
          else b.append(t);
        }
        const r = b.build();
        const pts = splitPoints(r, { maxBytes });
        const parts = splitRendered(r, { maxBytes });
        parts.forEach((part, i) => {
          const at = pts[i]?.start ?? 0;
          for (const x of part.ranges) {
            assert.ok(x.start >= 0 && x.start + x.length <= part.text.length);
            const original = r.ranges.some((o) => o.style === x.style && o.start <= x.start + at && o.start + o.length >= x.start + at + x.length);
            assert.ok(original, 'each part range lies inside an original range of the same style');
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('packing into Signal messages', () => {
  test('a few parts go as separate messages, attachments with the part that names them', () => {
    const b = new TextBuilder();
    b.append(`${'a '.repeat(900)}\n\n`);
    b.attach({ fileName: 'one.py', contentType: 'text/x-python', data: new Uint8Array([1]) });
    b.append(`📎 one.py\n\n${'b '.repeat(900)}\n\n`);
    b.attach({ fileName: 'two.py', contentType: 'text/x-python', data: new Uint8Array([2]) });
    b.append('📎 two.py');
    const msgs = packForSignal(b.buildDoc(), { maxParts: 3 });
    assert.equal(msgs.length, 2);
    const names = msgs.map((m) => m.attachments.map((a) => a.fileName));
    const holder = (name: string): number => names.findIndex((n) => n.includes(name));
    assert.ok(msgs[holder('one.py')]?.body.includes('📎 one.py'));
    assert.ok(msgs[holder('two.py')]?.body.includes('📎 two.py'));
  });

  test('beyond maxParts: one message, a preview body and the full text as text/x-signal-plain', () => {
    const r = paragraphs(12, 900);
    const msgs = packForSignal(doc(r), { maxParts: 2, now: () => new Date(1700000000000) });
    assert.equal(msgs.length, 1);
    const m = msgs[0];
    const long = m?.attachments[0];
    assert.equal(long?.contentType, LONG_TEXT_CONTENT_TYPE);
    assert.equal(long?.fileName, 'long-message-1700000000000.txt');
    assert.equal(decode(long?.data ?? new Uint8Array()), r.text);
    assert.ok(r.text.startsWith(m?.body ?? 'x'), 'the body is a prefix of the full text');
    assert.ok(bytes(m?.body ?? '') <= 2048);
    assert.deepEqual(m?.bodyRanges, r.ranges, 'ranges refer to the full text, as Signal Desktop sends them');
  });

  test('over 64 KiB the long text is cut and the whole text goes as a plain file', () => {
    const r = paragraphs(90, 900);
    assert.ok(bytes(r.text) > 64 * 1024);
    const [m] = packForSignal(doc(r), { maxParts: 1, now: () => new Date(5) });
    const [long, full] = m?.attachments ?? [];
    assert.ok((long?.data.byteLength ?? Infinity) <= 64 * 1024);
    assert.ok(decode(long?.data ?? new Uint8Array()).endsWith('the whole text is in reply-5.txt'));
    assert.equal(full?.fileName, 'reply-5.txt');
    assert.equal(decode(full?.data ?? new Uint8Array()), r.text);
    const longText = decode(long?.data ?? new Uint8Array());
    assert.ok((m?.bodyRanges ?? []).every((x) => x.start + x.length <= longText.length));
  });
});
