import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderMarkdown } from '../../src-main/display/markdown.js';
import { covered, rangesInBounds } from './ranges.js';

describe('inline styles land on exactly the text they style', () => {
  test('bold, italic, code, strikethrough, spoiler', () => {
    const r = renderMarkdown('Some **bold**, *italic*, `code`, ~~gone~~ and ||hidden|| words.');
    assert.equal(r.text, 'Some bold, italic, code, gone and hidden words.');
    assert.deepEqual(covered(r), ['bold:bold', 'italic:italic', 'monospace:code', 'strikethrough:gone', 'spoiler:hidden']);
  });

  test('positions count UTF-16 code units after emoji and accents', () => {
    const r = renderMarkdown('👍🏽 café 🇩🇪 **ok** then `x`');
    assert.equal(r.text, '👍🏽 café 🇩🇪 ok then x');
    assert.deepEqual(covered(r), ['bold:ok', 'monospace:x']);
    assert.equal(r.ranges[0]?.start, r.text.indexOf('ok'));
  });

  test('nested and combined emphasis', () => {
    const r = renderMarkdown('***both*** and **bold with *italic* inside**');
    assert.equal(r.text, 'both and bold with italic inside');
    assert.deepEqual(covered(r).sort(), ['bold:bold with italic inside', 'bold:both', 'italic:both', 'italic:italic'].sort());
  });

  test('code-like text is not mistaken for emphasis', () => {
    const cases: [string, string][] = [
      ['call my_var_name and snake__double__name here', 'call my_var_name and snake__double__name here'],
      ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
      ['about ~5 minutes, a | b', 'about ~5 minutes, a | b'],
      ['escaped \\*stars\\* stay', 'escaped *stars* stay'],
      ['a ** b ** c', 'a ** b ** c'],
    ];
    for (const [md, text] of cases) {
      const r = renderMarkdown(md);
      assert.equal(r.text, text, md);
      assert.deepEqual(r.ranges, [], md);
    }
  });

  test('code spans keep their content literally', () => {
    const r = renderMarkdown('Run `` a `b` **c** `` now');
    assert.equal(r.text, 'Run a `b` **c** now');
    assert.deepEqual(covered(r), ['monospace:a `b` **c**']);
  });

  test('links show their address, autolinks stay bare', () => {
    const r = renderMarkdown('See [the **docs**](https://example.com/a_(b)) or <https://x.dev/y> or [https://z.io](https://z.io). ![chart](img.png)');
    assert.equal(r.text, 'See the docs (https://example.com/a_(b)) or https://x.dev/y or https://z.io. 🖼 chart (img.png)');
    assert.deepEqual(covered(r), ['bold:docs']);
  });

  test('HTML entities and <br> are turned into text', () => {
    assert.equal(renderMarkdown('a &lt;b&gt; &amp; c<br>d').text, 'a <b> & c\nd');
  });
});

describe('blocks stay readable on a phone', () => {
  test('headings become bold lines sitting on their paragraph', () => {
    const r = renderMarkdown('# Title\n\nIntro.\n\n## Next *step*\nBody');
    assert.equal(r.text, 'Title\nIntro.\n\nNext step\nBody');
    assert.deepEqual(covered(r), ['bold:Title', 'bold:Next step', 'italic:step']);
  });

  test('lists keep bullets, nesting, numbers and task boxes', () => {
    const md = ['- one', '- **two**', '  - nested a', '    - deeper', '- [ ] todo', '- [x] done', '', '3. third', '4. fourth', '   continued'].join('\n');
    const r = renderMarkdown(md);
    assert.equal(r.text, ['• one', '• two', '  ◦ nested a', '    ▪ deeper', '☐ todo', '☑ done', '', '3. third', '4. fourth', '   continued'].join('\n'));
    assert.deepEqual(covered(r), ['bold:two']);
    // An empty item (once an endless loop) is just its marker.
    assert.equal(renderMarkdown('1. \n2. b').text, '1. \n2. b');
  });

  test('a code block inside a list item is indented without styling the indent', () => {
    const r = renderMarkdown('1. Install:\n   ```sh\n   npm i\n   npm test\n   ```\n2. Done');
    assert.equal(r.text, '1. Install:\n   npm i\n   npm test\n2. Done');
    assert.deepEqual(covered(r), ['monospace:npm i', 'monospace:npm test']);
  });

  test('quotes get a bar on every line', () => {
    const r = renderMarkdown('> quoted *text*\n> more');
    assert.equal(r.text, '▍ quoted text\n▍ more');
    assert.deepEqual(covered(r), ['italic:text']);
  });

  test('fenced code keeps its exact text in monospace; an unclosed fence runs to the end', () => {
    const r = renderMarkdown('Before\n\n```ts\nconst a = 1;\n\n  return a;\n```\n\nAfter\n\n~~~\nopen');
    assert.equal(r.text, 'Before\n\nconst a = 1;\n\n  return a;\n\nAfter\n\nopen');
    assert.deepEqual(covered(r), ['monospace:const a = 1;\n\n  return a;', 'monospace:open']);
  });

  test('a narrow table becomes an aligned monospace grid with a bold header', () => {
    const r = renderMarkdown('| File | Lines |\n|---|--:|\n| a.ts | 12 |\n| bb.ts | 3 |');
    assert.equal(r.text, 'File  │ Lines\n──────┼──────\na.ts  │ 12\nbb.ts │ 3');
    assert.ok(covered(r).includes('bold:File  │ Lines'));
    assert.ok(covered(r).includes('monospace:bb.ts │ 3'));
  });

  test('a wide table becomes one block per row', () => {
    const md = '| Package | Current version | Latest version |\n|---|---|---|\n| typescript | 5.4.5 | 6.0.3 |\n| eslint | 9.1.0 | 10.15.0 |';
    const r = renderMarkdown(md);
    assert.equal(r.text, 'typescript\nCurrent version: 5.4.5\nLatest version: 6.0.3\n\neslint\nCurrent version: 9.1.0\nLatest version: 10.15.0');
    assert.deepEqual(covered(r), ['bold:typescript', 'bold:eslint']);
  });

  test('a horizontal rule is a line; CRLF input behaves like LF', () => {
    const r = renderMarkdown('a\r\n\r\n---\r\n\r\nb');
    assert.equal(r.text, 'a\n\n──────────\n\nb');
  });

  test('the code-block hook sees language, info and exact code', () => {
    const seen: unknown[] = [];
    renderMarkdown('```python title="x.py"\nprint(1)\n```\n\n```\nplain\n```', {
      codeBlock: (b) => {
        seen.push(b);
        return { text: '', ranges: [], attachments: [] };
      },
    });
    assert.deepEqual(seen, [
      { language: 'python', info: 'python title="x.py"', code: 'print(1)', index: 1 },
      { language: '', info: '', code: 'plain', index: 2 },
    ]);
  });

  test('ranges always stay inside the text', () => {
    const md = '# *Head*\n\n- **a** `b`\n  > *q*\n\n| x | y |\n|-|-|\n| **1** | `2` |\n\n```\nc\n```';
    assert.ok(rangesInBounds(renderMarkdown(md)));
  });
});

test('property: any Markdown-ish input renders, with every range inside the text', () => {
  const token = fc.constantFrom('*', '**', '_', '__', '~~', '||', '`', '```', '\n', '\n\n', '# ', '- ', '1. ', '> ', '|', '---', '[', ']', '(', ')', '\\', 'a', 'word ', '  ', '\t', '👍🏽', '&amp;', '<x>');
  fc.assert(
    fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
      const r = renderMarkdown(tokens.join(''));
      assert.ok(rangesInBounds(r));
    }),
    { numRuns: 1000 },
  );
});
