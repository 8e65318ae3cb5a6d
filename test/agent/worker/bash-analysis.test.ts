// The bash reading permission checks rest on: every command a line runs is found, wherever the
// grammar puts it, wrappers are seen through, redirections and writes are noticed, and what
// cannot be known before the command runs is reported as unclear instead of guessed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeBash } from '../../../src-main/agent/worker/bash-analysis.js';
import { protectedReason, protectedWriteReason } from '../../../src-main/agent/worker/protected-paths.js';

/** Every spelling of every part: what a deny rule is matched against. */
const spellings = (line: string): string[] => analyzeBash(line).parts.flatMap((p) => [p.text, ...p.aliases]);
const texts = (line: string): string[] => analyzeBash(line).parts.map((p) => p.text);

describe('commands are found wherever bash would run them', () => {
  const cases: [string, string][] = [
    ['a && rm x', 'rm x'],
    ['a || rm x', 'rm x'],
    ['a;rm x', 'rm x'],
    ['a\nrm x', 'rm x'],
    ['ls|rm x', 'rm x'],
    ['sleep 1 & rm x', 'rm x'],
    ['echo $(rm x)', 'rm x'],
    ['echo `rm x`', 'rm x'],
    ['echo "$(rm x)"', 'rm x'],
    ['diff <(rm x) y', 'rm x'],
    ['echo ${a:-$(rm x)}', 'rm x'],
    ['echo $((1 + $(rm x)))', 'rm x'],
    ['(rm x)', 'rm x'],
    ['{ rm x; }', 'rm x'],
    ['if true; then rm x; fi', 'rm x'],
    ['for f in a; do rm x; done', 'rm x'],
    ['f() { rm x; }; f', 'rm x'],
    ['cat <<EOF\n$(rm x)\nEOF', 'rm x'],
    ['export A=$(rm x)', 'rm x'],
  ];
  for (const [line, inner] of cases) {
    test(JSON.stringify(line), () => assert.ok(spellings(line).includes(inner), `${inner} in ${JSON.stringify(spellings(line))}`));
  }

  test('a quoted here-document runs nothing', () => {
    assert.deepEqual(texts("cat <<'EOF'\n$(rm x)\nEOF"), ['cat']);
  });

  test('operators inside quotes are text', () => {
    assert.deepEqual(texts('npm test "a && b; c | d"'), ['npm test "a && b; c | d"']);
  });
});

describe('spellings of the same command', () => {
  test('env prefixes, quotes, backslashes and paths come off for deny matching', () => {
    assert.ok(spellings('FOO=1 rm -rf x').includes('rm -rf x'));
    assert.ok(spellings("r''m -rf x").includes('rm -rf x'));
    assert.ok(spellings('"rm" -rf x').includes('rm -rf x'));
    assert.ok(spellings('\\rm -rf x').includes('rm -rf x'));
    assert.ok(spellings('/bin/rm -rf x').includes('rm -rf x'));
    assert.ok(spellings('~/bin/rm -rf x').includes('rm -rf x'));
  });

  test('the written form stays what allow rules see: an env prefix is part of it', () => {
    assert.deepEqual(texts('FOO=1 npm test'), ['FOO=1 npm test']);
    assert.deepEqual(texts('PATH=/tmp/evil; npm test'), ['PATH=/tmp/evil', 'npm test']);
  });
});

describe('a backslash-newline is removed as bash removes it', () => {
  test('inside a word it joins the word: r\\⏎m is rm', () => {
    const spelled = (line: string) => analyzeBash(line).parts.flatMap((p) => [p.text, ...p.aliases]);
    assert.ok(spelled('r\\\nm -rf x').includes('rm -rf x'), JSON.stringify(spelled('r\\\nm -rf x')));
    assert.ok(spelled('ls && r\\\nm x').includes('rm x'));
  });

  test('between words it is a space, and a continued line stays clear', () => {
    const a = analyzeBash('docker run \\\n  -v a:b \\\n  img > out.txt');
    assert.equal(a.unclear, undefined);
    assert.deepEqual(a.parts.map((p) => p.text.replace(/\\\n\s*/g, '')), ['docker run -v a:b img']);
    assert.deepEqual(a.writes, ['out.txt']);
  });
});

describe('wrappers are seen through', () => {
  const cases: [string, string][] = [
    ['bash -c "rm -rf x"', 'rm -rf x'],
    ['sh -ec \'rm -rf x\'', 'rm -rf x'],
    ['bash -o pipefail -c "rm x"', 'rm x'],
    ['eval "rm x"', 'rm x'],
    ['eval rm x', 'rm x'],
    ['sudo -u root rm x', 'rm x'],
    ['env -i FOO=1 rm x', 'rm x'],
    ['env -S "rm x"', 'rm x'],
    ['nice -n 5 rm x', 'rm x'],
    ['nice -10 rm x', 'rm x'],
    ['timeout -s KILL 5 rm x', 'rm x'],
    ['nohup rm x', 'rm x'],
    ['command rm x', 'rm x'],
    ['exec rm x', 'rm x'],
    ['time rm x', 'rm x'],
    ['setsid rm x', 'rm x'],
    ['stdbuf -o L rm x', 'rm x'],
    ['ls | xargs -I {} rm {}', 'rm {}'],
    ['ls | xargs -0 rm', 'rm'],
    ['find . -name "*.o" -exec rm {} \\;', 'rm {}'],
    ['find . -execdir rm {} +', 'rm {}'],
    ['watch -n 1 rm x', 'rm x'],
    ['su -c "rm x"', 'rm x'],
    ['sudo env timeout 5 bash -c "nice rm x"', 'rm x'],
  ];
  for (const [line, inner] of cases) {
    test(JSON.stringify(line), () => assert.ok(spellings(line).includes(inner), `${inner} in ${JSON.stringify(spellings(line))}`));
  }

  test('a shell without -c runs a file, not a hidden command', () => {
    assert.deepEqual(texts('bash scripts/test.sh'), ['bash scripts/test.sh']);
    assert.equal(analyzeBash('bash scripts/test.sh').unclear, undefined);
  });
});

describe('what cannot be known is unclear', () => {
  for (const line of ['$X foo', '"$(echo rm)" x', "$'\\x72m' x", '/???/r? x', '{rm,-rf,x}', "echo 'unclosed", 'sh -c "$CMD"', 'eval "$CMD"', 'echo hi > "$OUT"', 'xargs $TOOL', 'echo x | tee $F']) {
    test(JSON.stringify(line), () => assert.ok(analyzeBash(line).unclear, JSON.stringify(analyzeBash(line))));
  }
  test('plain commands are clear', () => {
    for (const line of ['npm test', 'git diff && npm test 2>&1', 'ls *.ts', 'echo "$HOME"', 'grep -r "a|b" src']) {
      assert.equal(analyzeBash(line).unclear, undefined, line);
    }
  });
});

describe('redirections and writes', () => {
  test('descriptor copies, /dev/null and here-documents are not file redirections', () => {
    for (const line of ['npm test 2>&1', 'npm test >/dev/null 2>&1', 'npm test &>/dev/null', 'echo hi >&2', 'cat <<EOF\nx\nEOF', 'cat <<< hi']) {
      assert.equal(analyzeBash(line).redirected, false, line);
    }
  });
  test('writing or reading a file is', () => {
    for (const line of ['npm test > out.txt', 'npm test >> log', 'npm test &> log', 'npm test >| f', 'npm test >&f', 'sort < in.txt', 'cat <<EOF > f\nx\nEOF']) {
      assert.equal(analyzeBash(line).redirected, true, line);
    }
  });
  test('a copy into a folder writes the file inside it, by the name it copies', () => {
    assert.deepEqual(analyzeBash('cp victim.txt locked').writes, ['locked', 'locked/victim.txt']);
    assert.deepEqual(analyzeBash('mv src/a.env b.env locked/').writes, ['locked/', 'locked/a.env', 'locked/b.env']);
    assert.deepEqual(analyzeBash('cp *.env locked').writes, ['locked', 'locked/*.env'], 'a pattern stands for its names');
    assert.equal(analyzeBash('cp *.env locked').unclear, undefined);
    assert.match(analyzeBash('cp "$F" locked').unclear ?? '', /copies "\$F"/);
  });
  test('a copy names its folder by any start of --target-directory, as GNU tools accept it', () => {
    assert.deepEqual(analyzeBash('cp evil --target=.git/hooks').writes, ['.git/hooks', '.git/hooks/evil']);
    assert.deepEqual(analyzeBash('mv evil --t .husky').writes, ['.husky', '.husky/evil']);
    assert.match(analyzeBash('ln -s x --targ="$D"').unclear ?? '', /writes to "\$D"/);
    assert.deepEqual(analyzeBash('cp a --no-target-directory b').writes, ['b', 'b/a'], 'another long option is not it');
    assert.deepEqual(analyzeBash('cp --t .husky a b').writes, ['.husky', '.husky/a', '.husky/b'], 'the folder, not the last name');
    assert.deepEqual(analyzeBash('cp a - b dest').writes, ['dest', 'dest/a', 'dest/b'], 'a lone dash is no option');
  });
  test('after -- every word is a file, even one starting with a dash', () => {
    assert.deepEqual(analyzeBash('cp -r a -- -x dest').writes, ['dest', 'dest/a', 'dest/-x'], 'options before it are still options');
    assert.deepEqual(analyzeBash('cp -- -x .git/hooks/pre-commit').writes, ['.git/hooks/pre-commit', '.git/hooks/pre-commit/-x']);
    assert.deepEqual(analyzeBash('cp -- -t x y').writes, ['y', 'y/-t', 'y/x'], 'a -t after -- names a file, not the folder');
    assert.deepEqual(analyzeBash('echo x | tee -a -- -out').writes, ['-out']);
    assert.deepEqual(analyzeBash('cd -- .git && echo x > y').cds, ['.git']);
  });
  test('write targets: redirections, tee, cp/mv/ln/install, dd of=', () => {
    assert.deepEqual(analyzeBash('npm test > ~/.bashrc').writes, ['~/.bashrc']);
    assert.deepEqual(analyzeBash('echo x | tee -a a b').writes, ['a', 'b']);
    assert.deepEqual(analyzeBash('cp -r evil .git/hooks/pre-commit').writes, ['.git/hooks/pre-commit', '.git/hooks/pre-commit/evil']);
    assert.deepEqual(analyzeBash('mv -t .husky x').writes, ['.husky', '.husky/x']);
    const longForm = analyzeBash('cp a.txt b.txt --target-directory=.husky');
    assert.deepEqual(longForm.writes, ['.husky', '.husky/a.txt', '.husky/b.txt'], 'the folder after = is a target too');
    assert.equal(longForm.unclear, undefined, 'and a known one');
    assert.deepEqual(analyzeBash('dd if=x of=.envrc').writes, ['.envrc']);
    assert.deepEqual(analyzeBash('cp -t.git/hooks evil').writes, ['.git/hooks', '.git/hooks/evil'], 'the folder attached to -t');
    assert.deepEqual(analyzeBash('cp -rt .git/hooks evil').writes, ['.git/hooks', '.git/hooks/evil'], '-t after another flag');
    assert.deepEqual(analyzeBash('install -Dt.github/workflows ci.yml').writes, ['.github/workflows', '.github/workflows/ci.yml']);
    assert.deepEqual(analyzeBash('cp --target-directory .husky x').writes, ['.husky', '.husky/x']);
    assert.deepEqual(analyzeBash('cp').writes, []);
    for (const line of ['cp -t"$D" x', 'cp --target-directory="$D" x']) assert.match(analyzeBash(line).unclear ?? '', /writes to "\$D"/, line);
    assert.deepEqual(analyzeBash('sudo tee .npmrc').writes, ['.npmrc']);
    assert.deepEqual(analyzeBash('sort < in.txt').writes, []);
    assert.deepEqual(analyzeBash('cd .git && echo x > hooks/pre-commit').cds, ['.git']);
    assert.ok(analyzeBash('cd "$D" && echo x > y').unclear);
  });
});

describe('protected paths', () => {
  test('folders, nested folders and files, at any depth, in any letter case', () => {
    for (const p of ['.git/hooks/pre-commit', '.git', '.claude/settings.local.json', 'sub/.git/config', '.GIT/hooks/x', '.git./hooks/x', '.github/workflows/ci.yml', '.vscode/tasks.json', '.envrc', 'a/.bashrc', '.mcp.json', '.gitmodules', '.husky/pre-commit']) {
      assert.ok(protectedReason(p), p);
    }
    for (const p of ['src/git.ts', '.github/CODEOWNERS', '.gitignore', 'docs/.bashrc.md', 'claude/x', '.env']) {
      assert.equal(protectedReason(p), undefined, p);
    }
  });
  test('shell write targets count from the project root, ~ is home', () => {
    const root = '/home/me/.vscode/work/project';
    assert.ok(protectedWriteReason('~/.bashrc', root));
    assert.ok(protectedWriteReason('/home/me/.zshrc', root));
    assert.ok(protectedWriteReason('hooks/../.git/hooks/x', root));
    assert.ok(protectedWriteReason(`${root}/.git/config`, root));
    assert.equal(protectedWriteReason('out.txt', root), undefined, 'a project inside .vscode/ is not itself protected');
    assert.equal(protectedWriteReason('/tmp/x', root), undefined);
  });
});

describe('what allow rules must cover, exactly', () => {
  test('statements that are not simple commands are parts of their own', () => {
    assert.deepEqual(texts('unset X; [[ -f x ]]; export A=1; local b=2; A=1 B=2; C=3'), ['unset X', '[[ -f x ]]', 'export A=1', 'local b=2', 'A=1 B=2', 'C=3']);
    assert.deepEqual(texts('for ((i=0;i<3;i++)); do npm test; done'), ['i=0', 'npm test'], 'an arithmetic assignment too');
  });
  test('whitespace is one space, so a rule need not match the spacing', () => {
    assert.deepEqual(texts('npm   test\t--  x'), ['npm test -- x']);
    assert.deepEqual(texts('export   A=1'), ['export A=1']);
  });
  test('other spellings are only the ones that differ from the written form', () => {
    assert.deepEqual(analyzeBash('FOO=1 rm x').parts, [{ text: 'FOO=1 rm x', aliases: ['rm x'] }]);
    assert.deepEqual(analyzeBash('/bin/rm x').parts, [{ text: '/bin/rm x', aliases: ['rm x'] }]);
    assert.deepEqual(analyzeBash('rm x').parts, [{ text: 'rm x', aliases: [] }]);
    assert.deepEqual(analyzeBash('"" rm x').parts, [{ text: '"" rm x', aliases: ['rm x'] }], 'an empty word leaves no space');
    assert.deepEqual(analyzeBash('export A=1; C=3').parts, [{ text: 'export A=1', aliases: [] }, { text: 'C=3', aliases: [] }]);
  });
  test('a wrapper with nothing to run is just itself', () => {
    for (const line of ['sudo', 'env', 'nohup']) assert.deepEqual(texts(line), [line]);
    assert.deepEqual(texts('ls | xargs'), ['ls', 'xargs']);
  });
});

describe('scripts inside scripts', () => {
  test('what a script run by a shell writes, redirects and changes into counts', () => {
    const a = analyzeBash('sh -c "cd .git; npm test > out.txt"');
    assert.deepEqual(a.writes, ['out.txt']);
    assert.deepEqual(a.cds, ['.git']);
    assert.equal(a.redirected, true);
    assert.match(analyzeBash('bash -c "ls; \\$X"').unclear ?? '', /command name \$X/);
  });
  test('four levels are read, a fifth is unclear', () => {
    assert.ok(spellings('eval eval eval eval rm x').includes('rm x'));
    assert.equal(analyzeBash('eval eval eval eval rm x').unclear, undefined);
    assert.match(analyzeBash('eval eval eval eval eval rm x').unclear ?? '', /nested too deeply/);
  });
  test('the owner is told the first thing that could not be understood', () => {
    assert.match(analyzeBash('$X; sh -c "$Y"').unclear ?? '', /command name \$X/);
    assert.match(analyzeBash('sh -c "$Y"; $X').unclear ?? '', /script that is only known when it runs \("\$Y"\)/);
    assert.match(analyzeBash('$X; sh -c "ls"').unclear ?? '', /command name \$X/, 'a clear script after it changes nothing');
  });
});

describe('a backslash-newline, read both ways', () => {
  test('a folder only known when it runs in the joined reading is unclear', () => {
    assert.match(analyzeBash('c\\\nd "$D" && echo x > y').unclear ?? '', /changes into "\$D"/);
  });
  test('a folder, a redirection or a command of the joined reading counts, each once', () => {
    assert.deepEqual(analyzeBash('c\\\nd .git && echo x > hooks/y').cds, ['.git']);
    const a = analyzeBash('echo x > /dev/null\\\ny');
    assert.equal(a.redirected, true, 'bash writes /dev/nully');
    assert.deepEqual(a.writes, ['/dev/nully']);
    assert.equal(analyzeBash('ls \\\n -l').redirected, false);
    assert.deepEqual(texts('ls; echo \\\n x'), ['ls', 'echo x']);
  });
  test('writes named in either reading count once', () => {
    assert.deepEqual(analyzeBash('echo a > f; echo b > f\\\n').writes, ['f']);
    assert.deepEqual(analyzeBash('echo a > f; echo b > f').writes, ['f']);
  });
});

describe('every redirection that writes names its file', () => {
  test('each write operator', () => {
    for (const op of ['>', '>>', '>|', '&>', '&>>', '>&', '1>', '2>>']) {
      const a = analyzeBash(`npm test ${op} .git/hooks/x`);
      assert.deepEqual(a.writes, ['.git/hooks/x'], op);
      assert.equal(a.redirected, true, op);
    }
    assert.deepEqual(analyzeBash('cat <> .git/hooks/x').writes, ['.git/hooks/x'], 'read-write opens for writing too');
    assert.deepEqual(analyzeBash('npm test &>1').writes, ['1'], 'a number after &> is a file name');
  });
  test('reading a file is a redirection but not a write', () => {
    const a = analyzeBash('sort < in.txt');
    assert.equal(a.redirected, true);
    assert.deepEqual(a.writes, []);
  });
  test('the terminal and the standard streams are not files', () => {
    for (const target of ['/dev/stdout', '/dev/stderr', '/dev/tty', '"/dev/null"']) assert.equal(analyzeBash(`npm test > ${target}`).redirected, false, target);
  });
  test('closing or copying a descriptor writes nothing', () => {
    for (const line of ['echo x >&-', 'cat <&-', 'cat <&3', 'echo x >&3', 'echo x >&"-"', 'echo x >& 2', 'echo x 10>&1', 'echo x 2>& -']) {
      const a = analyzeBash(line);
      assert.equal(a.redirected, false, line);
      assert.deepEqual(a.writes, [], line);
    }
  });
  test('a target that is a pattern is unclear', () => {
    assert.match(analyzeBash('echo x > .g*/hooks/x').unclear ?? '', /writes to \.g\*\/hooks\/x/);
    assert.match(analyzeBash('echo x | tee a "$F"').unclear ?? '', /writes to "\$F"/);
  });
});

describe('files and folders named by commands', () => {
  test('ln, like cp and mv, writes its destination', () => {
    assert.deepEqual(analyzeBash('ln -s x .git/hooks/a').writes, ['.git/hooks/a', '.git/hooks/a/x']);
  });
  test('pushd changes into a folder as cd does; a pattern folder is unclear', () => {
    assert.deepEqual(analyzeBash('pushd .git').cds, ['.git']);
    assert.match(analyzeBash('cd .g*').unclear ?? '', /changes into \.g\*/);
    assert.deepEqual(analyzeBash('cd').cds, ['~'], 'cd alone goes to the home folder');
    assert.match(analyzeBash('pushd').unclear ?? '', /pushd alone swaps/);
  });
  test("a cd the shell's own variables send elsewhere than its folder's name says is unclear", () => {
    for (const line of ['cd - && echo x > a', 'OLDPWD=locked cd -', 'pushd +1', 'pushd -2', 'pushd +12', 'cd -- - ']) assert.match(analyzeBash(line).unclear ?? '', /changes back into an earlier folder/, line);
    // A folder whose name only looks like one: read as any other.
    for (const dir of ['release-2', '+1notes', 'v+3']) assert.deepEqual(analyzeBash(`cd ${dir} && echo x > a`), { ...analyzeBash(`cd ${dir} && echo x > a`), unclear: undefined, cds: [dir] }, dir);
    for (const line of ['CDPATH=locked cd sub && echo x > a', 'export CDPATH=locked; cd sub', 'env CDPATH=locked bash -c "cd sub; echo x > a"', 'declare -x CDPATH=.git; pushd hooks']) {
      assert.match(analyzeBash(line).unclear ?? '', /sets CDPATH/, line);
    }
    for (const line of ['HOME=locked; cd && echo x > a', 'HOME=$PWD/locked; cd ~ && echo x > a', 'export HOME=/x; cd ~/y']) assert.match(analyzeBash(line).unclear ?? '', /home folder, which it sets itself/, line);
    // Without a cd, or without setting them, nothing changes.
    assert.equal(analyzeBash('echo $CDPATH; export CDPATH=x').unclear, undefined);
    assert.equal(analyzeBash('cd ~/src && echo $HOMEBREW_PREFIX').unclear, undefined);
    assert.equal(analyzeBash('HOME=/x ls; cd src').unclear, undefined, 'a HOME of another command, and no cd to the home folder');
  });
  test('a later cd counts from each earlier one, an absolute one from nowhere else', () => {
    assert.deepEqual(analyzeBash('cd src; cd ../.git; echo x > hooks/y').cds, ['src', '../.git', '.git']);
    assert.deepEqual(analyzeBash('cd src && cd /tmp && cd ~/x').cds, ['src', '/tmp', '~/x']);
    assert.deepEqual(analyzeBash('cd src; sh -c "cd ../locked"').cds, ['src', '../locked', 'locked'], 'a script run by a shell too');
    assert.deepEqual(analyzeBash('cd a; cd ..; cd a').cds, ['a', '..', '.', 'a/a', '../a'], 'each folder once');
  });
  test('more folders than can be followed is unclear, however many cds follow', () => {
    const eight = 'cd a; cd b; cd c; cd d; cd e; cd f; cd g; cd h'; // 255 folders
    assert.equal(analyzeBash(`${eight}; cd /x`).unclear, undefined);
    assert.match(analyzeBash(`${eight}; cd /x; cd /y`).unclear ?? '', /changes folders too many times/);
    const many = Array.from({ length: 60 }, (_, i) => `cd d${i}`).join('; ');
    assert.match(analyzeBash(many).unclear ?? '', /changes folders too many times/);
    const up = analyzeBash(Array.from({ length: 20 }, () => 'cd ..').join('; '));
    assert.equal(up.cds.length, 20, 'the same folder reached again is not another one');
    assert.equal(up.unclear, undefined);
  });
  test('home is a start of its own, like an absolute path', () => {
    assert.deepEqual(analyzeBash('cd src; cd ~; cd ~/x').cds, ['src', '~', '~/x']);
  });
  test('dd writes only what of= names, and only dd', () => {
    assert.deepEqual(analyzeBash('dd if=a of=b bs=1').writes, ['b']);
    assert.deepEqual(analyzeBash('echo of=b').writes, []);
  });
  test('a copy into a folder written with slashes lands as one file name', () => {
    assert.deepEqual(analyzeBash('cp x .git//').writes, ['.git//', '.git/x']);
  });
  test('one operand is no copy; each copied name only known when it runs is reported', () => {
    assert.deepEqual(analyzeBash('cp a').writes, []);
    assert.match(analyzeBash('cp a "$G" dir').unclear ?? '', /copies "\$G"/);
  });
  test('-t is an option only at the start of a word, its folder attached or next', () => {
    assert.deepEqual(analyzeBash('cp -tout x').writes, ['out', 'out/x']);
    assert.deepEqual(analyzeBash('cp my-tests dest').writes, ['dest', 'dest/my-tests']);
    assert.deepEqual(analyzeBash('cp -Rt out x').writes, ['out', 'out/x']);
  });
});
