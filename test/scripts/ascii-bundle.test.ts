// The build's ASCII pass (scripts/ascii-bundle.mjs) on small bundles written the way esbuild
// leaves them: comments lose their non-ASCII characters without moving any code, regular
// expressions keep matching exactly what they matched, and anything else stops the build with
// the file and line, leaving the file as it was.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/temp.js';

const { asciiBundle } = (await import(pathToFileURL(join(import.meta.dirname, '../../scripts/ascii-bundle.mjs')).href)) as {
  asciiBundle: (file: string) => void;
};

function bundle(t: Parameters<typeof tempDir>[0], text: string): string {
  const file = join(tempDir(t), 'bundle.js');
  writeFileSync(file, text);
  return file;
}

test('comments become ASCII in place and regular expressions match the same text', async (t) => {
  const source = [
    '// one — dash',
    'export const ellipsis = /[.!?:…)]$/; /* 👋 */ export const after = 1;',
    'export const emoji = /^[👋]$/u;',
    'export const info = /^(?:ℹ|#) tests (\\d+)$/m;',
    '',
  ].join('\n');
  const file = bundle(t, source);
  asciiBundle(file);
  const out = readFileSync(file, 'utf8');
  assert.match(out, /^[\x00-\x7f]*$/);
  // A comment keeps its length, so what follows it on the line keeps its column (source maps).
  assert.equal(out.split('\n')[0], '// one ? dash');
  assert.equal(out.indexOf('export const after'), source.indexOf('export const after') + '\\u2026'.length - 1);
  const m = (await import(pathToFileURL(file).href)) as Record<string, RegExp>;
  assert.equal(m.ellipsis!.test('Wait…'), true);
  assert.equal(m.ellipsis!.test('Wait'), false);
  assert.equal(m.emoji!.test('👋'), true, 'one code point under /u, as before');
  assert.equal(m.info!.exec('ℹ tests 42')?.[1], '42');
});

test('a non-ASCII character outside comments and regular expressions stops the build and names the line', (t) => {
  const source = 'const a = 1;\nconst s = `x…`;\n';
  const file = bundle(t, source);
  assert.throws(() => asciiBundle(file), /bundle\.js:2: U\+2026 in code that cannot be rewritten/);
  assert.equal(readFileSync(file, 'utf8'), source, 'left as it was');
});

test('an escaped character in a regular expression is refused rather than changed in meaning', (t) => {
  const file = bundle(t, 'export const r = /a\\»/;\n');
  assert.throws(() => asciiBundle(file), /U\+00BB/);
});
