// Keeps the Node bundles ASCII. V8 keeps every loaded script's source in memory for as long as
// the process lives, one byte per character when the text is all Latin-1 and two bytes when a
// single character is not: one "—" in a comment doubled the headless app's 2.3 MB of loaded
// source (bench/idle-footprint.bench.ts). esbuild escapes strings and identifiers; what it leaves
// are the comments it keeps and regular expression literals. In comments each UTF-16 unit
// becomes "?" (columns, and so the source maps, stay right); in a regular expression it becomes
// the \uXXXX escape that means the same in every flag mode (a surrogate pair of escapes is one
// code point under /u and /v, two units otherwise, exactly like the raw character). Anything
// else fails the build and says where.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'acorn';

const NON_ASCII = /[^\x00-\x7f]/g;

/** Rewrites `file` in place; throws (leaving it as it was) for a character it cannot rewrite. */
export function asciiBundle(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  /** [start, end, kind] of every comment and regular expression literal, in order. */
  const spans = [];
  parse(text, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    allowHashBang: true,
    onComment: (_block, _text, start, end) => spans.push([start, end, 'comment']),
    onToken: (token) => {
      if (token.type.label === 'regexp') spans.push([token.start, token.end, 'regexp']);
    },
  });
  spans.sort((a, b) => a[0] - b[0]);
  let i = 0;
  const out = text.replace(NON_ASCII, (unit, offset) => {
    while (i < spans.length && spans[i][1] <= offset) i++;
    const span = spans[i] && spans[i][0] <= offset ? spans[i] : undefined;
    if (span?.[2] === 'comment') return '?';
    // After a backslash the escape would change meaning (`\»` is », `\\u00BB` is not).
    if (span?.[2] === 'regexp' && text[offset - 1] !== '\\') return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
    const line = text.slice(0, offset).split('\n').length;
    throw new Error(`${file}:${line}: U+${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in code that cannot be rewritten; write it as a \\u escape in the source so the bundle stays ASCII`);
  });
  writeFileSync(file, out);
}
