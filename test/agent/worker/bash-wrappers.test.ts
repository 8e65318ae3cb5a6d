// Wrappers that run another command (`sudo -u root rm`, `timeout -s KILL 5 rm`, `xargs -n 1 rm`,
// `sh -c "rm x"`, `find -exec rm`): a deny rule on `rm` must see the `rm` inside each, whatever
// options come first, including the ones that take a value. Each line below hides `rm x` (or
// runs it as a script) behind one wrapper option.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeBash } from '../../../src-main/agent/worker/bash-analysis.js';

const spellings = (line: string): string[] => analyzeBash(line).parts.flatMap((p) => [p.text, ...p.aliases]);
const hides = (line: string, inner = 'rm x'): void => assert.ok(spellings(line).includes(inner), `${inner} in ${JSON.stringify(spellings(line))}`);

describe('an option that takes a value does not hide the command after it', () => {
  const lines = [
    ...['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '-r', '-t', '--user', '--group', '--host', '--prompt', '--chdir'].map((o) => `sudo ${o} v rm x`),
    'sudo FOO=1 rm x',
    'sudo --user=root rm x',
    'doas -u root rm x',
    'doas -C conf rm x',
    ...['-u', '-C', '--unset', '--chdir'].map((o) => `env ${o} v rm x`),
    'nice --adjustment 5 rm x',
    ...['-c', '-n', '--class', '--classdata'].map((o) => `ionice ${o} 2 rm x`),
    'timeout -k 1 5 rm x',
    'timeout --signal KILL 5 rm x',
    'timeout --kill-after 1 5 rm x',
    'timeout 5 rm x',
    'exec -a name rm x',
    'coproc rm x',
    'builtin rm x',
    ...['-i', '-o', '-e'].map((o) => `stdbuf ${o} 0 rm x`),
    ...['-I', '-L', '-n', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars'].map((o) => `ls | xargs ${o} v rm x`),
    'caffeinate -t 5 rm x',
    'caffeinate -w 1 rm x',
    ...['-w', '-E', '--timeout', '--conflict-exit-code'].map((o) => `flock ${o} 1 /tmp/lock rm x`),
    'flock /tmp/lock rm x',
    'sudo -- rm x',
    'nohup -- rm x',
    // A cluster of short options whose last one takes a value, as getopt reads it.
    'sudo -nu root rm x',
    'ls | xargs -0n 1 rm x',
    'flock -nw 1 /tmp/lock rm x',
    'watch -dn 1 rm x',
    'nice -n 5 rm x',
    'timeout -s KILL 5 rm x',
    // Options that take no value keep the next word: it is the command.
    'sudo --non-interactive rm x',
    'timeout --foreground 5 rm x',
    'nice -10 rm x',
    'nice -n -5 rm x',
    'env - rm x',
    'time -p rm x',
    'command -p rm x',
    'setsid --fork rm x',
  ];
  for (const line of lines) test(line, () => hides(line));
});

describe('the wrapper’s own positional words are not the command', () => {
  test('timeout’s duration and flock’s lock file are skipped, once', () => {
    assert.ok(!spellings('timeout 5 rm x').includes('5 rm x'));
    hides('timeout 5 5 x', '5 x');
    hides('flock /tmp/lock rm x');
    assert.ok(!spellings('flock /tmp/lock rm x').includes('/tmp/lock rm x'));
  });
  test('-- ends the options, not the positionals: timeout -- 5 rm, flock -- lock rm', () => {
    hides('timeout -- 5 rm x');
    hides('flock -- /tmp/lock rm x');
    hides('timeout -s KILL -- 5 rm x');
    assert.ok(!spellings('timeout -- 5 rm x').includes('5 rm x'));
    hides('sudo -- -rm x', '-rm x');
  });
  test('a value attached to its option is not the next word', () => {
    hides('sudo -uroot rm x');
    hides('nice -n5 rm x');
    hides('timeout -sKILL 5 rm x');
    hides('ls | xargs -n1 rm x');
  });
  test('env and sudo take any word with = as an assignment, as they do', () => {
    for (const line of ['env ./a=b rm x', 'env 1x=2 rm x', 'env =x rm x', 'sudo ./a=b rm x']) hides(line);
    assert.ok(!spellings('env ./a=b rm x').some((s) => s.startsWith('./a=b')));
  });
  test('other wrappers run a command whose name has an =', () => {
    hides('nohup ./run=fast x', './run=fast x');
  });
  test('sudo without a command runs nothing more', () => {
    assert.deepEqual(spellings('sudo -v'), ['sudo -v']);
    assert.deepEqual(spellings('nice'), ['nice']);
  });
});

describe('scripts given to a shell or a wrapper are read as commands', () => {
  const cases: [string, string][] = [
    ['bash +o pipefail -c "rm x"', 'rm x'],
    ['bash -O extglob -c "rm x"', 'rm x'],
    ['bash +O extglob -c "rm x"', 'rm x'],
    ['bash --norc -c "rm x"', 'rm x'],
    ['bash -xc "rm x"', 'rm x'],
    ['zsh -c "rm x"', 'rm x'],
    ['dash -c "rm x"', 'rm x'],
    ['ksh -c "rm x"', 'rm x'],
    ['mksh -c "rm x"', 'rm x'],
    ['ash -c "rm x"', 'rm x'],
    ['fish -c "rm x"', 'rm x'],
    ['bash --rcfile /dev/null -c "rm x"', 'rm x'],
    ['bash --init-file x -c "rm x"', 'rm x'],
    ['bash -C -c "rm x"', 'rm x'],
    ['fish -C "rm x"', 'rm x'],
    ['fish --init-command "rm x"', 'rm x'],
    ['fish --init-command="rm x" -c ls', 'rm x'],
    ['fish --command "rm x"', 'rm x'],
    ['fish --command="rm x"', 'rm x'],
    ['fish --command="ls\nrm x"', 'rm x'],
    ['/bin/sh -c "rm x"', 'rm x'],
    ['su root --command "rm x"', 'rm x'],
    ['su root --command="rm x"', 'rm x'],
    ['su -lc "rm x"', 'rm x'],
    ['su -c"rm x"', 'rm x'],
    ['su -c"crontab -r"', 'crontab -r'],
    ['su -c"rm x\nls"', 'rm x'],
    ['bash -c -o pipefail "rm x"', 'rm x'],
    ['env -S"rm x"', 'rm x'],
    ['env -iS"rm x"', 'rm x'],
    ['env -S "rm x"', 'rm x'],
    ['su --session-command "rm x"', 'rm x'],
    ['runuser -l me -c "rm x"', 'rm x'],
    ['flock -n /tmp/lock -c "rm x"', 'rm x'],
    ['runuser -u me -c "rm x"', 'rm x'],
    ['watch --interval 1 rm x', 'rm x'],
    ['watch -q 1 rm x', 'rm x'],
    ['watch --equexit 1 rm x', 'rm x'],
    ['watch -d rm x', 'rm x'],
    ['env --split-string="rm x"', 'rm x'],
    ['env --split-string "rm x"', 'rm x'],
    ['flock /tmp/lock -c "rm x"', 'rm x'],
    ['flock /tmp/lock --command "rm x"', 'rm x'],
    ['find . -ok rm {} \\;', 'rm {}'],
    ['find . -okdir rm {} +', 'rm {}'],
    ['find . -exec echo {} \\; -exec rm x \\;', 'rm x'],
    ['find . -exec rm x', 'rm x'],
    ['find . -execdir rm {} +', 'rm {}'],
    ['bash -c my-script', 'my-script'],
    ['bash +e -c "rm x"', 'rm x'],
    // A script of two words read again, not taken for one command named "sudo rm x".
    ['flock /tmp/lock -c "sudo rm x"', 'rm x'],
    ['su -c "sudo rm x"', 'rm x'],
    ['env -S "sudo rm x"', 'rm x'],
    ['env --split-string "sudo rm x"', 'rm x'],
  ];
  for (const [line, inner] of cases) test(line, () => hides(line, inner));

  test('-c given after the script name is the script, -o’s value is not', () => {
    assert.equal(analyzeBash('bash -o -c').unclear, undefined, '-c as the value of -o is an option name');
    assert.deepEqual(spellings('bash -c'), ['bash -c']);
    assert.match(analyzeBash('bash -c').unclear ?? '', /-c without a command/);
  });

  test('a shell given a script file runs that file, whatever its flags', () => {
    for (const line of ['sh -e build.sh', 'bash --norc build.sh', 'bash +x build.sh']) assert.deepEqual(spellings(line), [line]);
  });
  test('-S is env’s own option only: another program’s -S is its argument', () => {
    assert.deepEqual(spellings('sort -S 1G f'), ['sort -S 1G f']);
    assert.deepEqual(spellings('env ls a-S b'), ['env ls a-S b', 'ls a-S b']);
  });
  test('a wrapper given nothing to run adds nothing', () => {
    for (const line of ['eval', 'su', 'su -c', 'su svc-cache', 'watch', 'watch -n 1', 'flock /tmp/lock -c', 'find . -name x', 'fish -C', 'fish --init-command']) {
      assert.deepEqual(analyzeBash(line).parts.length, 1, line);
      assert.equal(analyzeBash(line).unclear, undefined, line);
    }
  });
});

describe('what the wrapper runs is unclear when it is only known at run time', () => {
  for (const line of ['sudo $CMD x', 'bash $SCRIPT', 'bash -c $SCRIPT', 'xargs -I {} $T', 'timeout $T rm x', 'eval rm $F', 'watch rm $F']) {
    test(line, () => assert.ok(analyzeBash(line).unclear, JSON.stringify(analyzeBash(line))));
  }
  test('the owner is told it is the script that is only known at run time', () => {
    assert.match(analyzeBash('bash -c $SCRIPT').unclear ?? '', /runs a script that is only known/);
  });
  test('a shell running a script file named by a variable is unclear; a plain file name is not', () => {
    assert.match(analyzeBash('sh "$F"').unclear ?? '', /only known when the command runs/);
    assert.equal(analyzeBash('sh -e build.sh').unclear, undefined);
  });
});
