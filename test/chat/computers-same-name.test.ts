// Two computers of one account with a project of the same name (issue 16): a bare name is
// ambiguous, so one computer asks which is meant and nothing runs; `computer/project` picks one,
// for an instruction and for /use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { by, chatTiming, claudeSays, exchange, knowEachOther, onlyFrom, startComputers, type Computer } from '../helpers/computers.js';

test('two computers with a project of the same name: @name and /use name ask which one; computer/project picks it', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop'], { chatTiming });
  const [laptop, desktop] = c.computers as [Computer, Computer];
  await knowEachOther(c, {});
  laptop.folder('web');
  desktop.folder('web');
  // Addressed, so only that computer registers its folder.
  await exchange(c, () => c.phone.say('@laptop /add web'), (m) => by('laptop')(m) && m.body.includes('Added web'), 'web added on the laptop');
  const second = await exchange(c, () => c.phone.say('@desktop /add web'), (m) => by('desktop')(m) && m.body.includes('Added web'), 'web added on the desktop');
  onlyFrom(second, 'desktop', '@desktop /add web');
  await knowEachOther(c, { laptop: ['web'], desktop: ['web'] });

  const which = await exchange(c, () => c.phone.say('@web what is this?'), (m) => m.body.includes('Several computers have a project called'), 'the question which web');
  assert.equal(which.length, 1, '@web: one question for the account');
  assert.match(which[0]!.body, /@laptop\/web/);
  assert.match(which[0]!.body, /@desktop\/web/);
  const useWhich = await exchange(c, () => c.phone.say('/use web'), (m) => m.body.includes('Several computers have a project called'), 'the question which web (/use)');
  assert.equal(useWhich.length, 1, '/use web: one question');
  assert.equal(c.claude.messageRequests.length, 0, 'nothing ran while the name was ambiguous');

  claudeSays(c, 'Desktop web.');
  onlyFrom(await exchange(c, () => c.phone.say('@desktop/web what is this?'), (m) => m.body.includes('Desktop web.'), "the desktop's web"), 'desktop', '@desktop/web');
  const use = await exchange(c, () => c.phone.say('/use laptop/web'), (m) => m.body.includes('Now talking to web'), '/use laptop/web');
  onlyFrom(use, 'laptop', '/use laptop/web');
  assert.equal(use.length, 1);
  claudeSays(c, 'Laptop web.');
  onlyFrom(await exchange(c, () => c.phone.say('and now?'), (m) => m.body.includes('Laptop web.'), "the laptop's web"), 'laptop', 'unaddressed after /use laptop/web');
  assert.equal(c.claude.messageRequests.length, 2);
});
