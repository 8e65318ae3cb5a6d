// What a Bash command line will run, read the way bash reads it (tree-sitter-bash): every simple
// command anywhere in it — across `&&` `||` `;` `|` `&` and newlines, inside `$(…)`, backticks,
// `<(…)`, double-quoted strings, here-documents, functions, loops and subshells — plus the
// commands wrappers run (`sudo rm`, `sh -c "rm x"`, `xargs rm`, `find -exec rm`), each a part
// permission rules are matched against. Also: the files it redirects into, and whether anything
// could not be understood (a parse error, a command name that is a variable or a pattern, a
// script given as a variable). The permission layer asks the owner about what is unclear
// instead of guessing.
import { basename, posix } from 'node:path';
import { parseBash, type SyntaxNode } from './bash-grammar.js';
import { wordOf, type Word } from './bash-words.js';
import { unwrap, type Script, type Wrapped } from './bash-wrappers.js';

export interface BashPart {
  /** The simple command as written, whitespace normalized, redirections left out: what allow rules match. */
  readonly text: string;
  /** Other spellings of the same command that deny and ask rules also match (quotes removed, env prefix dropped, `/bin/rm` as `rm`). */
  readonly aliases: readonly string[];
}

export interface BashAnalysis {
  /** Every simple command, outer and inner, in source order. */
  readonly parts: readonly BashPart[];
  /** Why the line cannot be fully understood, or undefined. */
  readonly unclear: string | undefined;
  /** Has a redirection other than fd duplication (`2>&1`), /dev/null and here-documents. */
  readonly redirected: boolean;
  /** Files the command writes by name: redirection targets, `tee` files, `cp`/`mv`/`ln`/`install` destinations. */
  readonly writes: readonly string[];
  /**
   * Folders it changes into (`cd .git && echo > hooks/x` writes under .git/), relative to where
   * it starts, a later cd also taken from each earlier one (`cd src; cd ../.git` is .git too).
   */
  readonly cds: readonly string[];
}

/** Scripts inside scripts (`sh -c "bash -c '…'"`) deeper than this are not followed. */
const MAX_DEPTH = 4;

/** More folders than this reachable by the cds of one line make it unclear (each cd can double them). */
const MAX_FOLDERS = 256;

const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);
const COPY_COMMANDS = new Set(['cp', 'mv', 'ln', 'install']);
/**
 * Parents under which a `NAME=value` is an env prefix or declaration, not a statement of its own.
 * One in `for ((i=0; …))` stays a part: an arithmetic assignment still sets a variable.
 */
const ASSIGNMENT_OWNERS = new Set(['command', 'declaration_command', 'variable_assignments']);

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

class Collector {
  readonly parts: BashPart[] = [];
  readonly writes: string[] = [];
  readonly cds: string[] = [];
  unclear: string | undefined;
  redirected = false;

  constructor(private readonly depth: number) {}

  markUnclear(reason: string): void {
    this.unclear ??= reason;
  }

  walk(node: SyntaxNode): void {
    switch (node.type) {
      case 'command':
        this.command(node);
        break;
      case 'variable_assignment':
        if (!ASSIGNMENT_OWNERS.has(node.parent?.type ?? '')) this.parts.push({ text: normalize(node.text), aliases: [] });
        break;
      case 'declaration_command':
      case 'unset_command':
      case 'test_command':
      case 'variable_assignments':
        this.parts.push({ text: normalize(node.text), aliases: [] });
        break;
      case 'file_redirect':
        this.redirect(node);
        break;
    }
    for (const child of node.namedChildren) if (child) this.walk(child);
  }

  private command(node: SyntaxNode): void {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const env = node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'variable_assignment');
    const args = node.childrenForFieldName('argument').filter((c): c is SyntaxNode => c !== null);
    const text = normalize([...env, nameNode, ...args].map((n) => n.text).join(' '));
    this.argv([wordOf(nameNode), ...args.map(wordOf)], text);
  }

  /** One simple command given as words (from the tree, or unwrapped from a wrapper). */
  argv(words: readonly Word[], text: string): void {
    const name = words[0] as Word;
    if (!name.literal || name.pattern) {
      this.markUnclear(`the command name ${name.value} is only known when it runs`);
    }
    const plain = words.map((w) => w.value).join(' ');
    // `/bin/rm` is also `rm` (a name without a slash is its own basename, and a Set keeps one).
    const aliases = new Set<string>([normalize(plain), normalize([basename(name.value), ...words.slice(1).map((w) => w.value)].join(' '))]);
    aliases.delete(text);
    this.parts.push({ text, aliases: [...aliases] });
    this.namedWrites(words);
    for (const inner of unwrap(words)) this.wrapped(inner);
  }

  private wrapped(inner: Wrapped): void {
    // Each kind by name: a kind spelled wrong anywhere is then a script nobody reads, which a
    // test notices, not a silent fallthrough.
    if (inner.kind === 'unclear') this.markUnclear(inner.reason);
    else if (inner.kind === 'argv') {
      if (inner.argv.length > 0) this.argv(inner.argv, normalize(inner.argv.map((w) => w.value).join(' ')));
    } else if (inner.kind === 'script') this.script(inner.script);
  }

  private script(script: Script): void {
    if (!script.literal) {
      this.markUnclear(`it runs a script that is only known when it runs (${script.value})`);
      return;
    }
    if (this.depth >= MAX_DEPTH) {
      this.markUnclear('scripts are nested too deeply');
      return;
    }
    const nested = analyze(script.value, this.depth + 1);
    this.parts.push(...nested.parts);
    this.writes.push(...nested.writes);
    for (const dir of nested.cds) this.changeInto(dir);
    this.redirected ||= nested.redirected;
    this.unclear ??= nested.unclear;
  }

  /**
   * A folder the line may be in from here on: `dir` from where it started and, unless `dir` is
   * absolute, from every folder an earlier cd may have left it in (the order of cds is not
   * followed through `||` and `if`, so every combination counts).
   */
  private changeInto(dir: string): void {
    const absolute = dir.startsWith('/') || dir === '~' || dir.startsWith('~/');
    const from = absolute ? [] : this.cds.map((earlier) => posix.join(earlier, dir));
    for (const folder of [dir, ...from]) {
      if (this.cds.includes(folder)) continue;
      // Each cd can double the folders: stop before a long line of them costs memory.
      if (this.cds.length >= MAX_FOLDERS) {
        this.markUnclear('it changes folders too many times to follow');
        return;
      }
      this.cds.push(folder);
    }
  }

  /** Files named as the destination of tee, cp, mv, ln, install. */
  private namedWrites(words: readonly Word[]): void {
    const name = basename((words[0] as Word).value);
    const operands = operandsOf(words);
    if (name === 'cd' || name === 'pushd') {
      const dir = operands[0];
      // `cd -` and `pushd +1` go back to a folder only the shell remembers (OLDPWD, its stack).
      const back = words.slice(1).find((w) => w.value === '-' || /^[+-]\d+$/.test(w.value));
      if (back) this.markUnclear(`it changes back into an earlier folder (${name} ${back.value}), which only the shell knows`);
      else if (dir && (!dir.literal || dir.pattern)) this.markUnclear(`it changes into ${dir.value}, a folder only known when it runs`);
      else if (dir) this.changeInto(dir.value);
      else if (name === 'cd') this.changeInto('~'); // the home folder
      else this.markUnclear('pushd alone swaps to an earlier folder, which only the shell knows');
    } else if (name === 'tee') {
      for (const w of operands) this.writeTarget(w);
    } else if (COPY_COMMANDS.has(name)) {
      this.copyWrites(operands, targetDirectory(words));
    } else if (name === 'dd') {
      for (const w of operands) if (w.value.startsWith('of=')) this.writeTarget({ ...w, value: w.value.slice(3) });
    }
  }

  /**
   * cp, mv, ln, install: the destination, and what lands in it if it is a folder (`cp x locked`
   * writes locked/x, which an `Edit(locked/**)` deny must see). With -t the folder is given.
   */
  private copyWrites(operands: readonly Word[], folder: Word | undefined): void {
    const dest = folder ?? (operands.length >= 2 ? operands[operands.length - 1] : undefined);
    if (!dest) return;
    this.writeTarget(dest);
    for (const source of operands) {
      if (source === dest) continue;
      if (!source.literal) this.markUnclear(`it copies ${source.value}, a name only known when it runs`);
      // A pattern's own text stands for the names it matches: rules are patterns too.
      else this.writeTarget({ ...dest, value: `${dest.value.replace(/\/+$/, '')}/${basename(source.value)}` });
    }
  }

  private writeTarget(word: Word): void {
    if (!word.literal || word.pattern) {
      this.markUnclear(`it writes to ${word.value}, a name only known when it runs`);
      return;
    }
    this.writes.push(word.value);
  }

  private redirect(node: SyntaxNode): void {
    // `>&-` and `<&-` (closing a descriptor) have no destination.
    const dest = node.childrenForFieldName('destination')[0];
    if (!dest) return;
    // The operator as written, between the descriptor number and the destination: read from the
    // text, as tree-sitter-bash does not know `<>` and splits it around an ERROR node.
    const start = node.childForFieldName('descriptor')?.endIndex ?? node.startIndex;
    const op = node.text.slice(start - node.startIndex, dest.startIndex - node.startIndex).trim();
    const word = wordOf(dest);
    // `2>&1`, `>&2`, `<&0`, `>& -`: another descriptor, not a file.
    if ((op === '>&' || op === '<&') && (dest.type === 'number' || word.value === '-')) return;
    if (word.literal && HARMLESS_TARGETS.has(word.value)) return;
    this.redirected = true;
    // Every operator with `>` opens the file for writing: > >> >| &> &>> >& <>.
    if (op.includes('>')) this.writeTarget(word);
  }
}

/**
 * The words after the command name that are not options: before `--` those not starting with
 * `-`, after it every one (`cp -- -x dest` copies a file named -x).
 */
function operandsOf(words: readonly Word[]): Word[] {
  const rest = words.slice(1);
  const end = rest.findIndex((w) => w.value === '--');
  const before = end < 0 ? rest : rest.slice(0, end);
  const after = end < 0 ? [] : rest.slice(end + 1);
  return [...before.filter((w) => !w.value.startsWith('-')), ...after];
}

const TARGET_OPTION = '--target-directory';

/**
 * The folder cp, mv, ln or install copy into when it is given by option: `-t dir`, `-tdir`,
 * `-rt dir` (after other flags), `--target-directory dir`, `--target-directory=dir`, and any
 * start of that long option GNU tools accept as it (`--target=dir`, `--t dir`). Not after `--`.
 */
function targetDirectory(words: readonly Word[]): Word | undefined {
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as Word;
    const v = word.value;
    if (v === '--') return undefined;
    const long = v.split('=')[0] as string;
    if (long.startsWith('--t') && TARGET_OPTION.startsWith(long)) {
      // An attached folder keeps its word's kind: `-t"$D"` is only known when it runs.
      return v.includes('=') ? { ...word, value: v.slice(long.length + 1) } : words[i + 1];
    }
    const short = /^-[A-Za-z]*?t/.exec(v);
    if (short) return v.length > short[0].length ? { ...word, value: v.slice(short[0].length) } : words[i + 1];
  }
  return undefined;
}

function analyze(line: string, depth: number): BashAnalysis {
  const read = analyzeText(line, depth);
  if (!line.includes('\\\n')) return read;
  // Bash drops a backslash-newline before it splits words, so `r\⏎m -rf x` runs rm; tree-sitter-bash
  // splits the word there instead (`r`, `m`). Read the line joined as well and keep both
  // readings: a rule that denies or asks sees either, one that allows must cover both. Inside
  // single quotes bash keeps the pair, so the joined reading may differ in a quoted word: that
  // only adds spellings.
  return both(read, analyzeText(line.replace(/\\\n/g, ''), depth));
}

function both(a: BashAnalysis, b: BashAnalysis): BashAnalysis {
  return {
    parts: [...a.parts, ...b.parts.filter((p) => !a.parts.some((q) => q.text === p.text))],
    unclear: a.unclear ?? b.unclear,
    redirected: a.redirected || b.redirected,
    writes: [...new Set([...a.writes, ...b.writes])],
    cds: [...new Set([...a.cds, ...b.cds])],
  };
}

function analyzeText(line: string, depth: number): BashAnalysis {
  const collector = new Collector(depth);
  const tree = parseBash(line);
  if (!tree) return { parts: [], unclear: 'it could not be parsed', redirected: false, writes: [], cds: [] };
  try {
    if (tree.rootNode.hasError) collector.markUnclear('it is not valid bash');
    collector.walk(tree.rootNode);
  } finally {
    tree.delete();
  }
  // Where a cd lands is read from its folder's name, unless the line itself redirects it: CDPATH
  // sends `cd name` into a folder of its list (commands never start with one, see
  // shell-state.ts), and a HOME it sets moves `cd` and `cd ~/x`. Read by name anywhere in the
  // line, as export, env, declare or an assignment can each set them.
  if (collector.cds.length > 0 && line.includes('CDPATH')) collector.markUnclear('it sets CDPATH, which changes where cd goes');
  if (collector.cds.some((d) => d === '~' || d.startsWith('~/')) && /\bHOME\b/.test(line)) collector.markUnclear('it changes into its home folder, which it sets itself');
  // Each file and folder once: a list the owner may be shown.
  return { parts: collector.parts, unclear: collector.unclear, redirected: collector.redirected, writes: [...new Set(collector.writes)], cds: [...new Set(collector.cds)] };
}

export function analyzeBash(line: string): BashAnalysis {
  return analyze(line, 0);
}
