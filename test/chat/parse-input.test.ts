import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput, reactionDecision } from '../../src-main/chat/parse-input.js';

test('commands with arguments', () => {
  assert.deepEqual(parseInput('/add ~/code/shop shop'), { kind: 'command', name: 'add', args: ['~/code/shop', 'shop'], rest: '~/code/shop shop', project: undefined });
  assert.deepEqual(parseInput('  /HELP '), { kind: 'command', name: 'help', args: [], rest: '', project: undefined });
  assert.deepEqual(parseInput('/deny 4f2a too risky'), { kind: 'command', name: 'deny', args: ['4f2a', 'too', 'risky'], rest: '4f2a too risky', project: undefined });
});

test('unknown commands are named; paths are instructions', () => {
  assert.deepEqual(parseInput('/frobnicate now'), { kind: 'unknown-command', name: 'frobnicate' });
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
