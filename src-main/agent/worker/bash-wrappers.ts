// Commands that run another command: `sudo rm`, `timeout 5 rm`, `xargs rm`, `env X=1 rm`,
// `find . -exec rm {} ;`, and the ones that run a script given as text (`sh -c "rm x"`, `eval`,
// `watch`, `su -c`). A deny rule on `rm` must see the `rm` inside each of them, so the
// permission check unwraps them here: options are skipped (those that take a value with it)
// and what remains is the wrapped command, or a script to parse again. Best effort by nature:
// an unknown option that takes a value could shift the result, which is one reason Bash also
// runs in an OS sandbox and deny rules are not the only line of defence.
import { basename } from 'node:path';
import type { Word } from './bash-words.js';

export type Wrapped =
  | { readonly kind: 'argv'; readonly argv: readonly Word[] }
  | { readonly kind: 'script'; readonly script: Script }
  | { readonly kind: 'unclear'; readonly reason: string };

/** A script to read again: its text, and whether that text is known before it runs. */
export type Script = Pick<Word, 'value' | 'literal'>;

interface OptionSpec {
  /** Short or long options that take the next word as their value (none when left out). */
  readonly withValue?: readonly string[];
  /** Positional words before the wrapped command (timeout's duration, flock's file). */
  readonly positionals?: number;
  /** Skip NAME=value words (env, sudo). */
  readonly assignments?: boolean;
}

const ARGV_WRAPPERS: Record<string, OptionSpec> = {
  sudo: { withValue: ['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '-r', '-t', '--user', '--group', '--host', '--prompt', '--chdir'], assignments: true },
  doas: { withValue: ['-u', '-C'] },
  env: { withValue: ['-u', '-C', '--unset', '--chdir'], assignments: true },
  // nice's `-10` is an option without a value, like any other.
  nice: { withValue: ['-n', '--adjustment'] },
  ionice: { withValue: ['-c', '-n', '--class', '--classdata'] },
  timeout: { withValue: ['-s', '-k', '--signal', '--kill-after'], positionals: 1 },
  nohup: {},
  command: {},
  builtin: {},
  exec: { withValue: ['-a'] },
  time: {},
  coproc: {},
  setsid: {},
  stdbuf: { withValue: ['-i', '-o', '-e'] },
  xargs: { withValue: ['-I', '-L', '-n', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars'] },
  caffeinate: { withValue: ['-t', '-w'] },
  flock: { withValue: ['-w', '-E', '--timeout', '--conflict-exit-code'], positionals: 1 },
};

/** env's -S (after its flags -i, -0, -v) or --split-string, with whatever is attached after it. */
const SPLIT_STRING = /^(?:-[iv0]*S|--split-string=?)/;

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/**
 * Whether the option word `v` takes the next word as its value: `-u root`, `--user root`, and a
 * cluster of short options whose last letter takes one (`sudo -nu root`, `xargs -0n 1`); not
 * `--user=root` nor `-uroot`, whose value is attached.
 */
function takesNextWord(v: string, withValue: readonly string[] | undefined): boolean {
  if (v.startsWith('--')) return !v.includes('=') && withValue?.includes(v) === true;
  // The first letter that takes a value takes the rest of the word, or the next word if it is last.
  const first = [...v.slice(1)].findIndex((letter) => withValue?.includes(`-${letter}`));
  return first >= 0 && first === v.length - 2;
}

/** Words after the wrapper's own options (and positionals): the wrapped command. */
function afterOptions(args: readonly Word[], spec: OptionSpec): readonly Word[] | Wrapped {
  let i = 0;
  let positionals = spec.positionals ?? 0;
  while (i < args.length) {
    const w = args[i] as Word;
    if (!w.literal) {
      // An option or the command itself is only known when it runs.
      return { kind: 'unclear', reason: `${w.value} is only known when the command runs` };
    }
    const v = w.value;
    if (v === '--') {
      // `timeout -- 5 rm x`: the end of the options, not of the positionals.
      return args.slice(i + 1 + positionals);
    }
    // env and sudo take every word with an `=` as an assignment (`env ./a=b rm x` runs rm).
    if (spec.assignments && v.includes('=')) {
      i += 1;
      continue;
    }
    // A lone `-` is an option too (env's `-` is `-i`).
    if (v.startsWith('-')) {
      i += takesNextWord(v, spec.withValue) ? 2 : 1;
      continue;
    }
    if (positionals > 0) {
      positionals -= 1;
      i += 1;
      continue;
    }
    break;
  }
  return args.slice(i);
}

/** bash's long options that take the next word as their value (`bash --rcfile x -c "rm x"`). */
const SHELL_OPTIONS_WITH_VALUE = new Set(['--rcfile', '--init-file']);

/**
 * The scripts a shell is given: `-c`'s (after any flags: `-ec`, `-o pipefail -c`), and fish's
 * `-C`/`--init-command` and `--command`. None for a shell that runs a script file.
 */
function shellScripts(shell: string, args: readonly Word[]): Wrapped[] {
  const out: Wrapped[] = [];
  const fish = shell === 'fish';
  let sawC = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as Word;
    if (!w.literal) return [...out, sawC ? { kind: 'script', script: w } : { kind: 'unclear', reason: `${w.value} is only known when the command runs` }];
    const v = w.value;
    // `bash -c -o pipefail "rm x"`: options still come before the script after -c.
    if (v === '-o' || v === '+o' || v === '-O' || v === '+O') {
      i += 1;
      continue;
    }
    if (SHELL_OPTIONS_WITH_VALUE.has(v)) {
      i += 1;
      continue;
    }
    if (fish && (v === '-C' || v === '--init-command')) {
      const script = args[i + 1];
      if (script) out.push({ kind: 'script', script });
      i += 1;
      continue;
    }
    const attached = fish ? ['--command=', '--init-command='].find((p) => v.startsWith(p)) : undefined;
    if (attached) {
      out.push({ kind: 'script', script: { ...w, value: v.slice(attached.length) } });
      continue;
    }
    if (fish && v === '--command') sawC = true;
    else if (v.startsWith('-') || v.startsWith('+')) {
      // Long options (--norc) are skipped whole; a cluster of short ones may hold c (-ec, +xc).
      if (!v.startsWith('--') && v.includes('c')) sawC = true;
    } else return sawC ? [...out, { kind: 'script', script: w }] : out;
  }
  return sawC ? [...out, { kind: 'unclear', reason: 'the shell is given -c without a command' }] : out;
}

/**
 * The script su, runuser and flock are given with -c, spelled any way getopt takes it: `-c "rm x"`,
 * `-lc "rm x"` (after other flags), `-c"rm x"` (attached), `--command "rm x"`, `--command="rm x"`.
 * Undefined when there is no -c; `{ script: undefined }` when -c is the last word.
 */
function commandOption(args: readonly Word[]): { script: Word | undefined } | undefined {
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as Word;
    const v = w.value;
    for (const long of ['--command', '--session-command']) {
      if (v === long) return { script: args[i + 1] };
      if (v.startsWith(`${long}=`)) return { script: { ...w, value: v.slice(long.length + 1) } };
    }
    const short = /^-[A-Za-z]*?c/.exec(v);
    if (short) {
      const rest = v.slice(short[0].length);
      return { script: rest ? { ...w, value: rest } : args[i + 1] };
    }
  }
  return undefined;
}

function joined(args: readonly Word[]): Script {
  return { value: args.map((a) => a.value).join(' '), literal: args.every((a) => a.literal) };
}

function findExec(args: readonly Word[]): Wrapped[] {
  const out: Wrapped[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') continue;
    const start = i + 1;
    let end = start;
    while (end < args.length && (args[end] as Word).value !== ';' && (args[end] as Word).value !== '+') end += 1;
    out.push({ kind: 'argv', argv: args.slice(start, end) });
    i = end;
  }
  return out;
}

/** The commands and scripts `argv` runs besides itself (none for an ordinary command). */
export function unwrap(argv: readonly Word[]): Wrapped[] {
  // Never empty: a command has a name, and bash-analysis drops an empty `find -exec ;`.
  const head = argv[0] as Word;
  const name = basename(head.value);
  const args = argv.slice(1);
  if (SHELLS.has(name)) return shellScripts(name, args);
  // `eval` and `watch` with nothing to run get an empty script, which runs nothing.
  if (name === 'eval') return [{ kind: 'script', script: joined(args) }];
  if (name === 'su' || name === 'runuser') {
    const script = commandOption(args)?.script;
    return script ? [{ kind: 'script', script }] : [];
  }
  if (name === 'watch') {
    let i = 0;
    while (i < args.length && (args[i] as Word).value.startsWith('-')) {
      i += takesNextWord((args[i] as Word).value, ['-n', '--interval', '-q', '--equexit']) ? 2 : 1;
    }
    return [{ kind: 'script', script: joined(args.slice(i)) }];
  }
  if (name === 'find') return findExec(args);
  if (name === 'env') {
    // -S "rm x", -S"rm x", -iS"rm x" (after flags), --split-string="rm x": one script to split.
    const split = args.findIndex((a) => SPLIT_STRING.test(a.value));
    if (split >= 0) {
      const flag = args[split] as Word;
      return [{ kind: 'script', script: joined([{ ...flag, value: flag.value.replace(SPLIT_STRING, '') }, ...args.slice(split + 1)]) }];
    }
  }
  if (name === 'flock') {
    const c = commandOption(args);
    if (c) return c.script ? [{ kind: 'script', script: c.script }] : [];
  }
  const spec = ARGV_WRAPPERS[name];
  if (!spec) return [];
  const inner = afterOptions(args, spec);
  // An empty argv (`sudo -v`) is dropped by bash-analysis, like an empty `find -exec ;`.
  return Array.isArray(inner) ? [{ kind: 'argv', argv: inner as readonly Word[] }] : [inner as Wrapped];
}
