// Splits a shell command line into the simple commands a permission rule is checked against,
// so `Bash(npm test:*)` allows `npm test -- --watch` but not `npm test && rm -rf ~`. Quotes
// and backslashes are respected; `$(…)`, backticks and `<(…)` mark the line as opaque (its
// inner commands cannot be seen here), which only an exact rule or a bare `Bash` rule allows.

export interface SplitCommand {
  /** The simple commands, trimmed, in order. */
  readonly parts: readonly string[];
  /** Contains command or process substitution. */
  readonly opaque: boolean;
}

export function splitCommand(line: string): SplitCommand {
  const parts: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let opaque = false;
  const push = (): void => {
    const trimmed = current.trim();
    if (trimmed) parts.push(trimmed);
    current = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    const next = line[i + 1];
    if (quote === "'") {
      current += ch;
      if (ch === "'") quote = undefined;
      continue;
    }
    if (ch === '\\' && next !== undefined) {
      current += ch + next;
      i += 1;
      continue;
    }
    if (ch === '`' || (ch === '$' && next === '(') || ((ch === '<' || ch === '>') && next === '(')) opaque = true;
    if (quote === '"') {
      current += ch;
      if (ch === '"') quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
      continue;
    }
    if (ch === ';' || ch === '\n' || ch === '|' || ch === '&') {
      // `2>&1` and `&>` are redirections, not separators.
      const prev = line[i - 1];
      if (ch === '&' && (prev === '>' || next === '>')) {
        current += ch;
        continue;
      }
      push();
      if ((ch === '&' || ch === '|') && next === ch) i += 1;
      continue;
    }
    current += ch;
  }
  push();
  return { parts, opaque };
}
