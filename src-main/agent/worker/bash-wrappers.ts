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
  | { readonly kind: 'script'; readonly script: Word }
  | { readonly kind: 'unclear'; readonly reason: string };

interface OptionSpec {
  /** Short or long options that take the next word as their value. */
  readonly withValue: readonly string[];
  /** Positional words before the wrapped command (timeout's duration, flock's file). */
  readonly positionals?: number;
  /** Skip NAME=value words (env, sudo). */
  readonly assignments?: boolean;
  /** Numeric options such as nice's `-10`. */
  readonly numericFlags?: boolean;
}

const ARGV_WRAPPERS: Record<string, OptionSpec> = {
  sudo: { withValue: ['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '-r', '-t', '--user', '--group', '--host', '--prompt', '--chdir'], assignments: true },
  doas: { withValue: ['-u', '-C'] },
  env: { withValue: ['-u', '-C', '--unset', '--chdir'], assignments: true },
  nice: { withValue: ['-n', '--adjustment'], numericFlags: true },
  ionice: { withValue: ['-c', '-n', '--class', '--classdata'] },
  timeout: { withValue: ['-s', '-k', '--signal', '--kill-after'], positionals: 1 },
  nohup: { withValue: [] },
  command: { withValue: [] },
  builtin: { withValue: [] },
  exec: { withValue: ['-a'] },
  time: { withValue: [] },
  coproc: { withValue: [] },
  setsid: { withValue: [] },
  stdbuf: { withValue: ['-i', '-o', '-e'] },
  xargs: { withValue: ['-I', '-L', '-n', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars'] },
  caffeinate: { withValue: ['-t', '-w'] },
  flock: { withValue: ['-w', '-E', '--timeout', '--conflict-exit-code'], positionals: 1 },
};

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/**
 * Whether the option word `v` takes the next word as its value: `-u root`, `--user root`, and a
 * cluster of short options whose last letter takes one (`sudo -nu root`, `xargs -0n 1`); not
 * `--user=root` nor `-uroot`, whose value is attached.
 */
function takesNextWord(v: string, withValue: readonly string[]): boolean {
  if (v.startsWith('--')) return !v.includes('=') && withValue.includes(v);
  for (let k = 1; k < v.length; k++) {
    if (withValue.includes(`-${v[k]}`)) return k === v.length - 1;
  }
  return false;
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
    if (v.startsWith('-') && v.length > 1) {
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
    if ((v === '-o' || v === '+o' || v === '-O' || v === '+O') && !sawC) {
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
    const attached = fish ? /^--(?:init-)?command=(.*)$/.exec(v) : null;
    if (attached) {
      out.push({ kind: 'script', script: { ...w, value: attached[1] as string } });
      continue;
    }
    if (fish && v === '--command') sawC = true;
    else if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) sawC = true;
    } else if (!v.startsWith('--')) return sawC ? [...out, { kind: 'script', script: w }] : out;
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
    if (/^(?:--(?:session-)?command|-[A-Za-z]*c)$/.test(w.value)) return { script: args[i + 1] };
    const attached = /^(?:--(?:session-)?command=|-[A-Za-z]*?c)(.+)$/.exec(w.value);
    if (attached) return { script: { ...w, value: attached[1] as string } };
  }
  return undefined;
}

function joined(args: readonly Word[]): Word {
  return { value: args.map((a) => a.value).join(' '), literal: args.every((a) => a.literal), pattern: false };
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
  const head = argv[0];
  if (!head) return [];
  const name = basename(head.value);
  const args = argv.slice(1);
  if (SHELLS.has(name)) return shellScripts(name, args);
  if (name === 'eval') return args.length ? [{ kind: 'script', script: joined(args) }] : [];
  if (name === 'su' || name === 'runuser') {
    const script = commandOption(args)?.script;
    return script ? [{ kind: 'script', script }] : [];
  }
  if (name === 'watch') {
    let i = 0;
    while (i < args.length && (args[i] as Word).value.startsWith('-')) {
      i += ['-n', '--interval', '-q', '--equexit'].includes((args[i] as Word).value) ? 2 : 1;
    }
    const rest = args.slice(i);
    return rest.length ? [{ kind: 'script', script: joined(rest) }] : [];
  }
  if (name === 'find') return findExec(args);
  if (name === 'env') {
    const split = args.findIndex((a) => a.value === '-S' || a.value.startsWith('--split-string'));
    if (split >= 0) {
      const flag = args[split] as Word;
      const rest = args.slice(split + 1);
      const head = flag.value === '-S' ? [] : [{ ...flag, value: flag.value.replace(/^--split-string=?/, '') }];
      return [{ kind: 'script', script: joined([...head, ...rest]) }];
    }
  }
  if (name === 'flock') {
    const c = commandOption(args);
    if (c) return c.script ? [{ kind: 'script', script: c.script }] : [];
  }
  const spec = ARGV_WRAPPERS[name];
  if (!spec) return [];
  const inner = afterOptions(
    spec.numericFlags ? args.filter((a) => !/^-\d+$/.test(a.value)) : args,
    spec,
  );
  if (!Array.isArray(inner)) return [inner as Wrapped];
  return (inner as readonly Word[]).length ? [{ kind: 'argv', argv: inner as readonly Word[] }] : [];
}
