// Glob patterns (`src/**/*.ts`, `*.{js,mjs}`, `file?.txt`, `[abc].md`) compiled to regular
// expressions over '/'-separated relative paths. Small on purpose: the file tools, the Grep
// glob filter and the permission rules (`Edit(src/**)`) all use this one matcher.
// Not picomatch (checked, 4.0.7): it reads `(`…`)` as a regular-expression group even with
// `noextglob`, so a rule or glob naming `app/(auth)/**` (Next.js route groups) never matches the
// folder literally, `[!abc]` is not negated, and an unclosed `{a` matches nothing. Here every
// character outside `* ? [ ] { } ,` and `\` is literal.

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Compiles a glob into a RegExp source (without anchors). */
function globSource(pattern: string): string {
  let out = '';
  let i = 0;
  let braceDepth = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      // A backslash makes the next character literal (file names with brackets: `\[id\].tsx`).
      out += escapeRegex(pattern[i + 1] as string);
      i += 2;
    } else if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        const atSegmentEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more whole directories; a trailing `**` matches everything below.
          if (pattern[i + 2] === '/') {
            out += '(?:[^/]*(?:/[^/]*)*/)?';
            i += 3;
          } else {
            out += '.*';
            i += 2;
          }
          continue;
        }
      }
      out += '[^/]*';
      i += 1;
    } else if (ch === '?') {
      out += '[^/]';
      i += 1;
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        i += 1;
      } else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close + 1;
      }
    } else if (ch === '{') {
      braceDepth += 1;
      out += '(?:';
      i += 1;
    } else if (ch === '}' && braceDepth > 0) {
      braceDepth -= 1;
      out += ')';
      i += 1;
    } else if (ch === ',' && braceDepth > 0) {
      out += '|';
      i += 1;
    } else {
      out += escapeRegex(ch);
      i += 1;
    }
  }
  while (braceDepth-- > 0) out += ')';
  return out;
}

export interface GlobOptions {
  /**
   * Gitignore style: a pattern without '/' matches the file name at any depth (`*.env`
   * matches `a/b/.env`). Used by Grep's glob filter and permission rules; the Glob tool
   * matches whole relative paths.
   */
  readonly matchBase?: boolean;
}

export function compileGlob(pattern: string, options: GlobOptions = {}): RegExp {
  let p = pattern;
  if (p.startsWith('./')) p = p.slice(2);
  if (options.matchBase && !p.includes('/')) p = `**/${p}`;
  if (p.startsWith('/')) p = p.slice(1);
  // A pattern naming a directory also covers what is inside it.
  if (p.endsWith('/')) p = `${p}**`;
  return new RegExp(`^${globSource(p)}$`);
}

export function matchGlob(pattern: string, relPath: string, options: GlobOptions = {}): boolean {
  return compileGlob(pattern, options).test(relPath);
}

/** Escapes glob syntax so a literal file name can be used as a pattern. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[\\*?[\]{}]/g, (ch) => `\\${ch}`);
}
