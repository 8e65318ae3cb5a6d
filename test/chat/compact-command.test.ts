// /compact from the phone, through the whole product (real worker threads, the local Anthropic
// server): the conversation is summarized now, with the owner's instructions in the summary
// request only (never "/compact" as an instruction to Claude); the next instruction sees the
// summary instead of the old turns; the summary's cost counts; nothing new → a clear answer; /stop ends it with nothing changed;
// a busy session runs it after the running instruction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUMMARY_PROMPT } from '../../src-main/agent/worker/compaction.js';
import { reply, text, type RequestBody } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { waitUntil } from '../helpers/computers.js';

const allText = (body: RequestBody): string => JSON.stringify(body.messages);

test('/compact summarizes the conversation now, with the owner\'s instructions; the next instruction sees only the summary', async (t) => {
  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/compact');
  await p.phone.waitFor((m) => m.body.includes('Nothing to compact in web yet'), 'nothing to compact without a conversation');
  assert.equal(p.claude.messageRequests.length, 0, 'no request for an empty conversation');

  p.claude.enqueue(reply([text('Noted: teal.')]));
  await p.phone.say('remember the word teal');
  await p.phone.waitFor((m) => m.body.includes('Noted: teal.'), 'the first answer');
  const costBefore = p.daemon.services.supervisor.costByProject()[0]!.costUsd;

  p.claude.enqueue(reply([text('SUMMARY: the owner picked the colour teal.')], { usage: { output_tokens: 20_000 } }));
  await p.phone.say('/compact focus on the colour words');
  const done = await p.phone.waitFor((m) => m.body.includes('🗜 Compacted'), 'the compaction answer');
  assert.match(done.body, /^web · 🗜 Compacted: 2 steps summarized, about \d+k? → \d+k? tokens\.\n/, 'the owner\'s turn and Claude\'s answer');
  assert.match(done.body, /\$0\.3\d/, 'with what the summary cost');
  const summaryReq = p.claude.messageRequests.at(-1)!.body;
  const sent = allText(summaryReq);
  assert.ok(sent.includes(JSON.stringify(SUMMARY_PROMPT).slice(1, -1)), 'a summary request');
  assert.match(sent, /Additional instructions from the owner for this summary: focus on the colour words/);
  assert.match(sent, /remember the word teal/, 'the summary request saw the conversation');
  assert.doesNotMatch(sent, /\/compact/, 'the command itself never reaches Claude');
  assert.equal(p.claude.messageRequests.length, 2, 'one request for the summary, no model turn');
  const costAfter = p.daemon.services.supervisor.costByProject()[0]!.costUsd;
  assert.ok(costAfter > costBefore + 0.25, `the summary's cost counts (${costBefore} → ${costAfter})`);

  await p.phone.say('/compact');
  await p.phone.waitFor((m) => m.body.includes('Nothing to compact in web yet'), 'nothing new since the summary');
  assert.equal(p.claude.messageRequests.length, 2, 'no second summary request');

  p.claude.enqueue(reply([text('The word was teal.')]));
  await p.phone.say('which word?');
  await p.phone.waitFor((m) => m.body.includes('The word was teal.'), 'the next answer');
  const next = allText(p.claude.messageRequests.at(-1)!.body);
  assert.match(next, /SUMMARY: the owner picked the colour teal\./, 'the next request carries the summary');
  assert.doesNotMatch(next, /remember the word|Noted: teal/, 'instead of the old turn');
  assert.doesNotMatch(next, /\/compact|colour words/, 'and no trace of the command');
});

test('/compact while Claude works waits for the running instruction, then summarizes', async (t) => {
  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  p.claude.enqueue(reply([text('A long answer, slowly written.')], { delayMs: 300, chunkChars: 3 }), reply([text('SUMMARY: a long answer was given.')]));
  await p.phone.say('write slowly');
  await waitUntil(() => p.claude.messageRequests.length === 1, 'the turn is running');
  await p.phone.say('/compact');
  await p.phone.waitFor((m) => m.body.includes('web is busy: the summary runs after the running instruction'), 'queued behind the turn');
  const answer = await p.phone.waitFor((m) => m.body.includes('A long answer, slowly written.'), 'the running turn finishes');
  const done = await p.phone.waitFor((m) => m.body.includes('🗜 Compacted'), 'then the summary');
  assert.ok(p.phone.shown.indexOf(done) > p.phone.shown.indexOf(answer), 'the summary comes after the running answer');
  assert.match(allText(p.claude.messageRequests[1]!.body), /A long answer, slowly written\./, 'and it summarized that answer too');
});

test('/stop during a /compact ends it with nothing changed; the conversation goes on as before', async (t) => {
  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');
  p.claude.enqueue(reply([text('Noted: teal.')]), { kind: 'hang' }, reply([text('Still teal.')]));
  await p.phone.say('remember the word teal');
  await p.phone.waitFor((m) => m.body.includes('Noted: teal.'), 'the first answer');

  await p.phone.say('/compact');
  await waitUntil(() => p.claude.messageRequests.length === 2, 'the summary request is out');
  await p.phone.say('/stop');
  await p.phone.waitFor((m) => m.body.includes('Stopped before the summary was made; nothing changed.'), 'the stop answer');

  await p.phone.say('which word?');
  await p.phone.waitFor((m) => m.body.includes('Still teal.'), 'the next answer');
  const next = allText(p.claude.messageRequests.at(-1)!.body);
  assert.match(next, /remember the word teal/, 'the old turn is still there: nothing was summarized');
  assert.doesNotMatch(next, /summarized to save context/);
});
