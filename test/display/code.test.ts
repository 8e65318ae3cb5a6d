import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codeFileName, contentTypeForFileName, DEFAULT_CODE_POLICY, displayLines, LANGUAGE_TABLE, languageInfo, renderCodeBlock } from '../../src-main/display/code.js';
import { graphemeWidth, graphemes } from '../../src-main/display/unicode.js';
import { covered, decode } from './ranges.js';

const lines = (n: number, make = (i: number) => `line_${i + 1} = ${i + 1}`): string => Array.from({ length: n }, (_, i) => make(i)).join('\n');

function columns(line: string): number {
  return graphemes(line).reduce((w, g) => w + graphemeWidth(g), 0);
}

describe('code blocks by size', () => {
  test('under 10 lines: shown whole in monospace, no file', () => {
    const code = lines(9);
    const r = renderCodeBlock({ language: 'python', info: 'python', code, index: 1 });
    assert.equal(r.text, code);
    assert.deepEqual(covered(r), [`monospace:${code}`]);
    assert.equal(r.attachments.length, 0);
  });

  test('10 to 50 lines: first lines, "… N lines …", last lines, language and count', () => {
    const r = renderCodeBlock({ language: 'py', info: 'py', code: lines(20), index: 1 });
    assert.equal(
      r.text,
      ['Python · 20 lines', 'line_1 = 1', 'line_2 = 2', 'line_3 = 3', 'line_4 = 4', 'line_5 = 5', '… 12 lines …', 'line_18 = 18', 'line_19 = 19', 'line_20 = 20'].join('\n'),
    );
    assert.deepEqual(covered(r), [
      'italic:Python · 20 lines',
      'monospace:line_1 = 1\nline_2 = 2\nline_3 = 3\nline_4 = 4\nline_5 = 5',
      'italic:… 12 lines …',
      'monospace:line_18 = 18\nline_19 = 19\nline_20 = 20',
    ]);
    assert.equal(r.attachments.length, 0);
    // 50 lines is still a summary.
    assert.equal(renderCodeBlock({ language: 'py', info: '', code: lines(50), index: 1 }).attachments.length, 0);
  });

  test('over 50 lines: a file with the right name and type holding the exact code', () => {
    const code = lines(120, (i) => (i === 7 ? `\tvery_long = "${'x'.repeat(200)}"  ` : `line ${i}`));
    const r = renderCodeBlock({ language: 'python', info: 'python', code, index: 3 });
    assert.equal(r.attachments.length, 1);
    const file = r.attachments[0]?.attachment;
    assert.equal(file?.fileName, 'snippet-3.py');
    assert.equal(file?.contentType, 'text/x-python');
    assert.equal(decode(file?.data ?? new Uint8Array()), `${code}\n`);
    assert.ok(r.text.startsWith('📎 snippet-3.py — Python · 120 lines\n'), r.text);
    assert.deepEqual(covered(r).slice(0, 2), ['bold:snippet-3.py', 'italic: — Python · 120 lines']);
  });

  test('a file name in the info string names the attachment', () => {
    const code = lines(60);
    const cases: [string, string, string, string][] = [
      ['ts', 'ts title="src/app.ts"', 'app.ts', 'text/x-typescript'],
      ['ts', 'ts:src/server/index.ts', 'index.ts', 'text/x-typescript'],
      ['python', 'python tools/run.py', 'run.py', 'text/x-python'],
      ['', 'filename=Makefile.mk', 'Makefile.mk', 'text/x-makefile'],
      ['json', 'json', 'snippet-1.json', 'application/json'],
      ['', '', 'snippet-1.txt', 'text/plain'],
      ['weird', 'weird', 'snippet-1.txt', 'text/plain'],
    ];
    for (const [language, info, name, type] of cases) {
      const r = renderCodeBlock({ language, info, code, index: 1 });
      assert.equal(r.attachments[0]?.attachment.fileName, name, info);
      assert.equal(r.attachments[0]?.attachment.contentType, type, info);
    }
    assert.equal(codeFileName({ language: 'sh', info: 'sh title="../../etc/passwd"', index: 2 }), 'passwd');
    assert.equal(contentTypeForFileName('main.go'), 'text/x-go');
  });

  test('the displayed copy is wrapped to about 60 columns; short blocks with huge lines move up a tier', () => {
    const long = `const message = "${'word '.repeat(30)}"; // and a trailing comment`;
    const r = renderCodeBlock({ language: 'js', info: 'js', code: `a();\n${long}\nb();`, index: 1 });
    const shown = r.text.split('\n');
    assert.ok(shown.length > 3);
    for (const row of shown) assert.ok(columns(row) <= 60, row);
    assert.ok(shown.slice(2, -1).every((row) => row.startsWith('↪ ')), r.text);
    // Nine lines of minified code are too much to show inline: summary or file instead.
    const minified = lines(9, () => `x=${'ab;'.repeat(400)}`);
    const m = renderCodeBlock({ language: 'js', info: 'js', code: minified, index: 1 });
    assert.equal(m.attachments[0]?.attachment.fileName, 'snippet-1.js');
    assert.equal(decode(m.attachments[0]?.attachment.data ?? new Uint8Array()), `${minified}\n`);
  });

  test('wide characters count double when wrapping', () => {
    const rows = displayLines(['漢字'.repeat(40)]);
    for (const row of rows) assert.ok(columns(row) <= 60, row);
    assert.equal(rows.length, 3);
  });
});

describe('the languages a reader fences code with', () => {
  const fileFor = (language: string) => renderCodeBlock({ language, info: language, code: lines(60), index: 1 }).attachments[0]?.attachment;

  test('common fences give the file a phone opens as text, named as a developer expects', () => {
    const cases: [string, string, string][] = [
      ['rust', 'snippet-1.rs', 'text/x-rust'],
      ['TypeScript', 'snippet-1.ts', 'text/x-typescript'], // not video/mp2t, what .ts means elsewhere
      ['c#', 'snippet-1.cs', 'text/x-csharp'],
      ['yml', 'snippet-1.yaml', 'application/yaml'],
      ['console', 'snippet-1.sh', 'text/x-shellscript'],
      ['makefile', 'snippet-1.mk', 'text/x-makefile'],
      ['dotenv', 'snippet-1.conf', 'text/plain'],
      ['constructor', 'snippet-1.txt', 'text/plain'], // a word that is also a JavaScript object member
    ];
    for (const [language, fileName, contentType] of cases) {
      assert.deepEqual({ fileName: fileFor(language)?.fileName, contentType: fileFor(language)?.contentType }, { fileName, contentType }, language);
    }
    assert.equal(languageInfo('toString').label, 'toString');
  });

  test('every listed fence name, in any case, gives its language: file name and type for a long block, the name over a summary', () => {
    for (const row of LANGUAGE_TABLE) {
      for (const name of [...row.names, ...row.names.map((n) => n.toUpperCase())]) {
        const file = fileFor(name);
        assert.equal(file?.fileName, `snippet-1${row.extension}`, name);
        assert.equal(file?.contentType, row.contentType, name);
        const summary = renderCodeBlock({ language: name, info: name, code: lines(20), index: 1 });
        assert.ok(summary.text.startsWith(`${row.label} · 20 lines\n`), name);
      }
    }
  });

  test('every language has fence names, a label to show, a file extension and a type a phone opens', () => {
    const seen = new Set<string>();
    for (const row of LANGUAGE_TABLE) {
      assert.ok(row.names.length > 0, row.label);
      for (const name of row.names) {
        assert.match(name, /^[a-z0-9+#]+$/, row.label);
        assert.ok(!seen.has(name), `${name} is listed once`);
        seen.add(name);
      }
      assert.match(row.label, /^[A-Z][\w +#]*$/);
      assert.match(row.extension, /^\.[a-z0-9]+$/, row.label);
      assert.match(row.contentType, /^(text\/[a-z0-9.+-]+|application\/(json|yaml|toml|sql|xml))$/, row.label);
    }
  });

  test('a block fenced with a file extension finds its language, and a file with that extension gets its type', () => {
    for (const row of LANGUAGE_TABLE) {
      assert.equal(languageInfo(row.extension.slice(1)).label, row.label, row.extension);
      assert.equal(contentTypeForFileName(`src/file${row.extension}`), row.contentType, row.extension);
      assert.equal(contentTypeForFileName(`FILE${row.extension.toUpperCase()}`), row.contentType, row.extension);
    }
    assert.equal(contentTypeForFileName('README'), 'text/plain');
    assert.equal(contentTypeForFileName('photo.jpeg'), 'text/plain');
  });
});

describe('what the phone shows at the edges of each tier', () => {
  test('a block without a language is plain text: "Text" over a summary, a .txt file', () => {
    assert.deepEqual(languageInfo(''), { label: 'Text', extension: '.txt', contentType: 'text/plain' });
    assert.ok(renderCodeBlock({ language: '', info: '', code: lines(20), index: 1 }).text.startsWith('Text · 20 lines\n'));
    assert.deepEqual(renderCodeBlock({ language: '', info: '', code: '', index: 1 }), { text: '', ranges: [{ start: 0, length: 0, style: 'monospace' }], attachments: [] });
  });

  test('a real file name gets the type of its last extension, also where the extension is a fence name', () => {
    assert.equal(contentTypeForFileName('dist/app.min.js'), 'text/javascript');
    assert.equal(contentTypeForFileName('deploy.bash'), 'text/x-shellscript');
    assert.equal(contentTypeForFileName('notes.js.txt'), 'text/plain');
  });

  test('a named file keeps a name a phone can save: odd characters become _, and a name that is only a folder or dots is not used', () => {
    assert.equal(codeFileName({ language: 'ts', info: 'ts title="src/my:app@2.ts"', index: 2 }), 'my_app_2.ts');
    assert.equal(codeFileName({ language: 'python3.12', info: 'python3.12', index: 3 }), 'snippet-3.txt', 'a versioned language is not a file name');
    for (const title of ['.', '..', 'src/']) {
      assert.equal(codeFileName({ language: 'sh', info: `sh title="${title}"`, index: 2 }), 'snippet-2.sh', title);
    }
  });

  test('tabs become two spaces, indentation stays, trailing spaces go', () => {
    assert.deepEqual(displayLines(['\tif (x) {   ', '    y();\t']), ['  if (x) {', '    y();']);
  });

  test('a very long line shows at most four rows, the fourth ending in "…"; one that wraps to exactly four is shown whole', () => {
    const whole = (line: string) => displayLines([line], { ...DEFAULT_CODE_POLICY, maxRowsPerLine: 99 });
    const four = 'a'.repeat(234);
    assert.equal(whole(four).length, 4);
    assert.deepEqual(displayLines([four]), whole(four));
    const five = 'b'.repeat(235);
    const rows = whole(five);
    assert.equal(rows.length, 5);
    assert.deepEqual(displayLines([five]), [...rows.slice(0, 3), `${rows[3]} …`]);
  });

  test('ten lines are a summary, not inline', () => {
    const r = renderCodeBlock({ language: 'py', info: 'py', code: lines(10), index: 1 });
    assert.ok(r.text.startsWith('Python · 10 lines\n'), r.text);
    assert.ok(r.text.includes('… 2 lines …'));
  });

  test('a block exactly as large as the display limit is still shown; one byte over moves up a tier', () => {
    const small = lines(3);
    const size = Buffer.byteLength(small);
    assert.equal(renderCodeBlock({ language: 'py', info: 'py', code: small, index: 1 }, { maxDisplayBytes: size }).text, small);
    assert.equal(renderCodeBlock({ language: 'py', info: 'py', code: small, index: 1 }, { maxDisplayBytes: size - 1 }).attachments.length, 1, 'its summary is larger still');
    const summary = renderCodeBlock({ language: 'py', info: 'py', code: lines(20), index: 1 });
    const limit = Buffer.byteLength(summary.text);
    assert.deepEqual(renderCodeBlock({ language: 'py', info: 'py', code: lines(20), index: 1 }, { maxDisplayBytes: limit }), summary);
    assert.equal(renderCodeBlock({ language: 'py', info: 'py', code: lines(20), index: 1 }, { maxDisplayBytes: limit - 1 }).attachments.length, 1);
  });

  test('a summary with nothing to hide (a smaller inline limit) shows every line once, without a "… 0 lines …" marker', () => {
    const policy = { inlineBelowLines: 3 };
    const five = renderCodeBlock({ language: 'py', info: 'py', code: lines(5), index: 1 }, policy);
    assert.equal(five.text, ['Python · 5 lines', 'line_1 = 1', 'line_2 = 2', 'line_3 = 3', 'line_4 = 4', 'line_5 = 5'].join('\n'));
    const eight = renderCodeBlock({ language: 'py', info: 'py', code: lines(8), index: 1 }, policy);
    assert.equal(eight.text, ['Python · 8 lines', ...Array.from({ length: 8 }, (_, i) => `line_${i + 1} = ${i + 1}`)].join('\n'));
  });

  test('a file: the fence language gives the type even for a name without extension; the code ends in exactly one newline', () => {
    const code = `${lines(60)}\n`;
    const r = renderCodeBlock({ language: 'sh', info: 'sh title="deploy"', code, index: 1 });
    const file = r.attachments[0]?.attachment;
    assert.equal(file?.fileName, 'deploy');
    assert.equal(file?.contentType, 'text/x-shellscript');
    assert.equal(decode(file?.data ?? new Uint8Array()), code);
  });

  test('a file is announced with its name, language and size, then its first three rows and "…"', () => {
    const code = lines(60, (i) => (i === 0 ? `first = "${'x'.repeat(100)}"` : `line_${i + 1} = ${i + 1}`));
    const r = renderCodeBlock({ language: 'py', info: 'py', code, index: 4 });
    const firstRows = displayLines([`first = "${'x'.repeat(100)}"`]);
    assert.equal(firstRows.length, 2);
    assert.equal(r.text, ['📎 snippet-4.py — Python · 60 lines', ...firstRows, 'line_2 = 2', '…'].join('\n'));
    assert.deepEqual(covered(r), ['bold:snippet-4.py', 'italic: — Python · 60 lines', `monospace:${[...firstRows, 'line_2 = 2'].join('\n')}`, 'italic:…']);
  });
});
