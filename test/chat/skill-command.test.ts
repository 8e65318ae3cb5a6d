// A skill started by name from the phone (`/release 1.2.0`, as in Claude Code), through the whole
// product: the project's skill (or the owner's in ~/.claude/skills) becomes the turn's text with
// its arguments filled in, skills Claude may not start itself included; a name that is neither
// a command nor a skill is still answered as unknown, and nothing reaches Claude.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { tempHome } from '../helpers/temp.js';

test('/release 1.2.0 starts the project\'s release skill; /nosuch is unknown', async (t) => {
  const home = tempHome(t);
  const p = await startProduct(t);
  const web = realpathSync(p.folder('web'));
  mkdirSync(join(web, '.claude', 'skills', 'release'), { recursive: true });
  writeFileSync(join(web, '.claude', 'skills', 'release', 'SKILL.md'), '---\ndescription: Cut a release\ndisable-model-invocation: true\n---\nBump the version to $ARGUMENTS and tag it.\n');
  mkdirSync(join(home, '.claude', 'skills', 'standup'), { recursive: true });
  writeFileSync(join(home, '.claude', 'skills', 'standup', 'SKILL.md'), 'Summarize yesterday\'s commits.\n');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/nosuch thing');
  await p.phone.waitFor((m) => /Unknown command.*nosuch/i.test(m.body), 'unknown');
  assert.equal(p.claude.messageRequests.length, 0, 'nothing reached Claude');

  p.claude.enqueue(reply([text('Tagged v1.2.0.')]), reply([text('Standup written.')]));
  await p.phone.say('/release 1.2.0');
  await p.phone.waitFor((m) => m.body.includes('Tagged v1.2.0.'), 'the skill ran as a turn');
  const sent = JSON.stringify(p.claude.messageRequests[0]!.body.messages.at(-1));
  assert.match(sent, /The owner started the \/release skill with \\"1\.2\.0\\"/);
  assert.match(sent, /Bump the version to 1\.2\.0 and tag it\./, 'its instructions, arguments filled in');
  assert.doesNotMatch(sent, /disable-model-invocation/, 'without its front matter');

  await p.phone.say('/standup');
  await p.phone.waitFor((m) => m.body.includes('Standup written.'), "the owner's own skill too");
  assert.match(JSON.stringify(p.claude.messageRequests[1]!.body.messages.at(-1)), /~\/\.claude\/skills\/standup[\s\S]*Summarize yesterday's commits\./);
});
