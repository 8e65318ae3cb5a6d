import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionWord, parseApprovalArgs, parseBareApproval, parseInput, reactionDecision } from '../../src-main/chat/parse-input.js';

test('commands with arguments', () => {
  assert.deepEqual(parseInput('/add ~/code/shop shop'), { kind: 'command', name: 'add', args: ['~/code/shop', 'shop'], rest: '~/code/shop shop', project: undefined });
  assert.deepEqual(parseInput('  /HELP '), { kind: 'command', name: 'help', args: [], rest: '', project: undefined });
  assert.deepEqual(parseInput('/deny 4f2a too risky'), { kind: 'command', name: 'deny', args: ['4f2a', 'too', 'risky'], rest: '4f2a too risky', project: undefined });
});

test('unknown commands are named; paths are instructions', () => {
  assert.deepEqual(parseInput('/frobnicate now'), { kind: 'unknown-command', name: 'frobnicate', rest: 'now', project: undefined });
  // Perhaps a skill of the project: its words and the project it names come along.
  assert.deepEqual(parseInput('@shop /release  1.2.0 final'), { kind: 'unknown-command', name: 'release', rest: '1.2.0 final', project: 'shop' });
  assert.equal(parseInput('/usr/bin/env is missing, fix it').kind, 'instruction');
  assert.equal(parseInput('// not a command').kind, 'instruction');
});

test('approval answers in the words of the hint', () => {
  assert.deepEqual(parseInput('yes 4f2a'), { kind: 'approval', decision: 'once', id: '4f2a', reason: undefined, text: 'yes 4f2a' });
  assert.deepEqual(parseInput('Always 4F2A'), { kind: 'approval', decision: 'always', id: '4f2a', reason: undefined, text: 'Always 4F2A' });
  assert.deepEqual(parseInput('no 4f2a: use pnpm instead'), { kind: 'approval', decision: 'deny', id: '4f2a', reason: 'use pnpm instead', text: 'no 4f2a: use pnpm instead' });
  assert.equal(parseInput('yes please do it').kind, 'instruction');
});

test('@project addresses an instruction or a command to a project', () => {
  assert.deepEqual(parseInput('@shop run the tests'), { kind: 'instruction', text: 'run the tests', project: 'shop' });
  assert.deepEqual(parseInput('@shop /status'), { kind: 'command', name: 'status', args: [], rest: '', project: 'shop' });
  assert.deepEqual(parseInput('email me@example.com'), { kind: 'instruction', text: 'email me@example.com', project: undefined });
});

test('empty input and reactions', () => {
  assert.deepEqual(parseInput('   '), { kind: 'empty' });
  assert.equal(reactionDecision('👍'), 'once');
  assert.equal(reactionDecision('👍🏽'), 'once');
  assert.equal(reactionDecision('♾️'), 'always');
  assert.equal(reactionDecision('👎🏿'), 'deny');
  assert.equal(reactionDecision('❤️'), undefined);
});

test('every approval word of the hint answers an approval by its id, with or without #, in any letter case', () => {
  const cases: [string, string][] = [
    ['yes', 'once'], ['y', 'once'], ['ok', 'once'], ['allow', 'once'], ['always', 'always'],
    ['no', 'deny'], ['n', 'deny'], ['deny', 'deny'], ['N', 'deny'], ['DENY', 'deny'], ['Yes', 'once'],
  ];
  for (const [word, decision] of cases) {
    const parsed = parseInput(`${word} #4f2a`);
    assert.equal(parsed.kind === 'approval' && parsed.decision, decision, word);
  }
});

test('an approval id is 4 to 8 hex digits; anything else is an ordinary instruction', () => {
  assert.equal(parseInput('yes 4f2').kind, 'instruction');
  assert.equal(parseInput('yes 4f2a4f2a9').kind, 'instruction');
  assert.equal(parseInput('yes 4f2g').kind, 'instruction');
  assert.equal(parseInput('yesterday 4f2a').kind, 'instruction');
  assert.equal(parseInput('fix it, yes 4f2a').kind, 'instruction', 'the answer word comes first');
  const long = parseInput('no 4f2a4f2a');
  assert.equal(long.kind === 'approval' && long.id, '4f2a4f2a');
});

test('the reason after an approval id keeps its lines; bare punctuation is no reason', () => {
  const multi = parseInput('no 4f2a - use pnpm\nnot npm');
  assert.equal(multi.kind === 'approval' && multi.reason, 'use pnpm\nnot npm');
  const dot = parseInput('yes 4f2a.');
  assert.equal(dot.kind === 'approval' && dot.reason, undefined);
});

test('@project before an answer makes it an instruction for that project, not an approval', () => {
  assert.deepEqual(parseInput('@shop yes 4f2a'), { kind: 'instruction', text: 'yes 4f2a', project: 'shop' });
  assert.deepEqual(parseInput('@shop'), { kind: 'instruction', text: '', project: 'shop' });
  assert.deepEqual(parseInput('@laptop/shop   run it'), { kind: 'instruction', text: 'run it', project: 'laptop/shop' });
  assert.deepEqual(parseInput('@laptop/app_2.x-y run'), { kind: 'instruction', text: 'run', project: 'laptop/app_2.x-y' });
  assert.deepEqual(parseInput('@shop\n/status'), { kind: 'command', name: 'status', args: [], rest: '', project: 'shop' });
  assert.deepEqual(parseInput('@café fix'), { kind: 'instruction', text: 'fix', project: 'café' });
  assert.deepEqual(parseInput('@shop,fix'), { kind: 'instruction', text: '@shop,fix', project: undefined }, 'a mention ends at a space');
  assert.deepEqual(parseInput('hi @shop fix'), { kind: 'instruction', text: 'hi @shop fix', project: undefined });
});

test('@computer#N picks one of two computers that share a name, by its device number (up to three digits)', () => {
  assert.deepEqual(parseInput('@desktop#3 run it'), { kind: 'instruction', text: 'run it', project: 'desktop#3' });
  assert.deepEqual(parseInput('@desktop#12/shop run it'), { kind: 'instruction', text: 'run it', project: 'desktop#12/shop' });
  assert.deepEqual(parseInput('@desktop#1234 run'), { kind: 'instruction', text: '@desktop#1234 run', project: undefined }, 'no device has a number that long');
  assert.deepEqual(parseInput('@desktop#x run'), { kind: 'instruction', text: '@desktop#x run', project: undefined });
});

test('every command name the help lists is read as that command', () => {
  for (const name of ['help', 'projects', 'add', 'use', 'new', 'status', 'stop', 'restart', 'mode', 'allow', 'deny', 'diff', 'undo', 'cost', 'history', 'net']) {
    const parsed = parseInput(`/${name} x`);
    assert.equal(parsed.kind === 'command' && parsed.name, name, name);
  }
  assert.deepEqual(parseInput('/'), { kind: 'instruction', text: '/', project: undefined });
  assert.deepEqual(parseInput('/2fa broke'), { kind: 'instruction', text: '/2fa broke', project: undefined });
  assert.deepEqual(parseInput('/Dark-Mode on'), { kind: 'unknown-command', name: 'Dark-Mode', rest: 'on', project: undefined });
  assert.deepEqual(parseInput('/deny 4f2a   too\trisky'), { kind: 'command', name: 'deny', args: ['4f2a', 'too', 'risky'], rest: '4f2a   too\trisky', project: undefined });
  assert.deepEqual(parseInput('//help'), { kind: 'instruction', text: '//help', project: undefined });
  assert.equal(parseInput('/dark_mode').kind, 'instruction');
});

test('a reply quoting the approval answers with a bare word, and only with a whole word', () => {
  assert.deepEqual(parseBareApproval('yes'), { decision: 'once', reason: undefined });
  assert.deepEqual(parseBareApproval('Always'), { decision: 'always', reason: undefined });
  assert.deepEqual(parseBareApproval('no, use pnpm\nplease'), { decision: 'deny', reason: 'use pnpm\nplease' });
  assert.deepEqual(parseBareApproval('n'), { decision: 'deny', reason: undefined });
  assert.deepEqual(parseBareApproval('no - not now  '), { decision: 'deny', reason: 'not now' });
  assert.equal(parseBareApproval('yesterday it broke'), undefined);
  assert.equal(parseBareApproval('nope'), undefined);
  assert.equal(parseBareApproval('why no tests?'), undefined);
});

test('/allow and /deny: always, the id and the reason', () => {
  assert.deepEqual(parseApprovalArgs('allow', []), { decision: 'once', id: undefined, reason: undefined });
  assert.deepEqual(parseApprovalArgs('allow', ['4F2A']), { decision: 'once', id: '4f2a', reason: undefined });
  assert.deepEqual(parseApprovalArgs('allow', ['ALWAYS', '4f2a']), { decision: 'always', id: '4f2a', reason: undefined });
  assert.deepEqual(parseApprovalArgs('allow', ['always']), { decision: 'always', id: undefined, reason: undefined });
  assert.deepEqual(parseApprovalArgs('allow', ['4f2a', 'because']), { decision: 'once', id: '4f2a', reason: undefined }, '/allow takes no reason');
  assert.deepEqual(parseApprovalArgs('allow', ['x4f2a']), { decision: 'once', id: undefined, reason: undefined });
  assert.deepEqual(parseApprovalArgs('allow', ['4f2a4f2a4']), { decision: 'once', id: undefined, reason: undefined });
  assert.deepEqual(parseApprovalArgs('deny', ['4f2a', 'too', 'risky']), { decision: 'deny', id: '4f2a', reason: 'too risky' });
  assert.deepEqual(parseApprovalArgs('deny', ['too', 'risky']), { decision: 'deny', id: undefined, reason: 'too risky' });
  assert.deepEqual(parseApprovalArgs('deny', ['always', '4f2a']), { decision: 'deny', id: undefined, reason: 'always 4f2a' }, '/deny always is no allow');
  assert.deepEqual(parseApprovalArgs('deny', []), { decision: 'deny', id: undefined, reason: undefined });
});

test('reactions: the infinity sign without its emoji variant, and every skin tone', () => {
  assert.equal(reactionDecision('♾'), 'always');
  assert.equal(reactionDecision('👍🏻'), 'once');
  assert.equal(reactionDecision('👍🏿'), 'once');
  assert.equal(reactionDecision('👎🏻'), 'deny');
  assert.equal(decisionWord('ALWAYS'), 'always');
});
