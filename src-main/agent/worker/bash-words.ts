// What one word of a parsed command line stands for, when that is known before it runs: quotes
// removed, backslashes applied (`r''m`, `"rm"` and `\rm` are all `rm`). A word holding an
// expansion (`$X`, `$(…)`, `$'\x72m'`) has no value until it runs; a word holding an unquoted
// glob or brace (`/???/r?`, `{rm,-rf}`) becomes other words when it runs. Permission checks
// treat both as unknown rather than guess.
import type { SyntaxNode } from './bash-grammar.js';

export interface Word {
  /** The value after quote removal; the source text when it is not literal. */
  readonly value: string;
  /** Known before the command runs. */
  readonly literal: boolean;
  /**
   * Holds an unquoted glob or brace pattern, so the shell may turn it into other words. Only
   * said of a literal word: one that is not is unknown whatever it holds.
   */
  readonly pattern?: boolean;
}

/**
 * An unquoted word: backslash escapes applied, pattern characters (`*`, `?`, `[`, `{`) noticed.
 * No backslash-newline is ever inside one: tree-sitter-bash ends the word there (and
 * bash-analysis.ts reads the line joined as well).
 */
function bareWord(text: string): { value: string; pattern: boolean } {
  let pattern = false;
  const value = text.replace(/\\(.)|[*?[{]/g, (match, escaped: string | undefined) => {
    if (escaped !== undefined) return escaped;
    pattern = true;
    return match;
  });
  return { value, pattern };
}

/** Inside double quotes only \ before $ ` " \ and newline escapes anything. */
function doubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
}

function literalOf(node: SyntaxNode): { value: string; pattern: boolean } | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return bareWord(node.text);
    case 'raw_string':
      return { value: node.text.slice(1, -1), pattern: false };
    case 'string': {
      if (node.namedChildren.some((c) => c?.type !== 'string_content')) return undefined;
      return { value: doubleQuoted(node.text.slice(1, -1)), pattern: false };
    }
    case 'concatenation': {
      let value = '';
      let pattern = false;
      for (const child of node.children) {
        if (!child) continue;
        const part = literalOf(child);
        if (!part) return undefined;
        value += part.value;
        pattern ||= part.pattern;
      }
      return { value, pattern };
    }
    case 'command_name': {
      const inner = node.namedChildren[0];
      return inner ? literalOf(inner) : undefined;
    }
  }
  return undefined; // expansions, substitutions, anything else: known only when it runs
}

export function wordOf(node: SyntaxNode): Word {
  const lit = literalOf(node);
  if (!lit) return { value: node.text, literal: false };
  return { value: lit.value, literal: true, pattern: lit.pattern };
}
