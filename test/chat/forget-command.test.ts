// /forget <project> from the phone, through the whole product (Signal's mock server, the local
// Claude, the real encrypted store): it asks first and names both answers; "delete" ends the
// session mid-approval (the approval is cancelled and said so), deletes every row of the
// project's history and leaves the folder alone; "keep" keeps the history, which comes back
// when the folder is added again. `/forget` alone points to /clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct, type Product } from '../helpers/product.js';

function rowsOf(p: Product, projectId: string): Record<string, number> {
  const db = p.daemon.store.db;
  const count = (sql: string): number => db.prepare(sql).get<{ n: number }>([projectId])?.n ?? 0;
  const ofProject = 'session_id IN (SELECT id FROM sessions WHERE project_id = ?)';
  return {
    projects: count('SELECT COUNT(*) AS n FROM projects WHERE id = ?'),
    sessions: count('SELECT COUNT(*) AS n FROM sessions WHERE project_id = ?'),
    steps: count(`SELECT COUNT(*) AS n FROM steps WHERE ${ofProject}`),
    turns: count(`SELECT COUNT(*) AS n FROM turns WHERE ${ofProject}`),
    approvals: count(`SELECT COUNT(*) AS n FROM approvals WHERE ${ofProject}`),
    refs: count('SELECT COUNT(*) AS n FROM message_refs WHERE project_id = ?'),
  };
}

test('/forget <project> delete, mid-approval: the session ends, the approval is cancelled, every row of its history goes, the folder stays', async (t) => {
  const p = await startProduct(t);
  const web = p.folder('web');
  writeFileSync(join(web, 'README.md'), '# web\n');
  p.folder('api');
  await p.phone.say('/add api');
  await p.phone.waitFor((m) => m.body.includes('Added api'), 'api added');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'web added');
  const id = p.daemon.services.projects.find('web')!.id;

  await p.phone.say('/forget');
  await p.phone.waitFor((m) => m.body.includes('/forget <project> removes a project from this computer') && m.body.includes('send /clear'), 'the usage line');
  await p.phone.say('/forget we');
  await p.phone.waitFor((m) => m.body.includes('No project "we".'), 'a prefix is not enough to remove a project');

  p.claude.enqueue(reply([text('Writing the notes.'), toolUse('Write', { file_path: 'NOTES.md', content: 'notes\n' })]));
  await p.phone.say('write the notes');
  const ask = await p.phone.waitFor((m) => m.kind === 'notify' && /wants to use Write/.test(m.body), 'the approval request');
  const approvalId = /reply yes ([0-9a-f]{4,8})/.exec(ask.body)![1]!;

  await p.phone.say('/forget web');
  const question = await p.phone.waitFor((m) => m.body.startsWith('🗑 Forget project web?'), 'the question');
  assert.match(question.body, /It stops the running turn, cancels 1 waiting approval and ends the session\./);
  assert.match(question.body, /\/forget web keep — keep its history on this computer/);
  assert.match(question.body, /\/forget web delete — delete its history/);
  assert.match(question.body, /Anything else leaves web as it is; this question holds for 5 minutes\./);
  assert.equal(rowsOf(p, id).sessions, 1, 'asking removes nothing');

  await p.phone.say('/forget web maybe');
  await p.phone.waitFor((m) => m.body.includes('Send /forget web keep or /forget web delete.'), 'only keep or delete answer');

  await p.phone.say('/forget web delete');
  const done = await p.phone.waitFor((m) => m.body.startsWith('🗑 Forgot project web'), 'the removal');
  assert.match(done.body, /its session ended and the running turn was stopped/);
  assert.match(done.body, new RegExp(`Cancelled 1 waiting approval: ${approvalId} \\(Write`));
  assert.match(done.body, /Its history is deleted from this computer\./);

  // Nothing of it is left in the encrypted store, and nothing of it in the app.
  assert.deepEqual(rowsOf(p, id), { projects: 0, sessions: 0, steps: 0, turns: 0, approvals: 0, refs: 0 });
  assert.equal(p.daemon.services.supervisor.summaries().filter((s) => s.projectId === id).length, 0);
  // The folder is the owner's: untouched, and the cancelled Write never ran.
  assert.equal(readFileSync(join(web, 'README.md'), 'utf8'), '# web\n');
  assert.equal(existsSync(join(web, 'NOTES.md')), false);

  await p.phone.say('/projects');
  const list = await p.phone.waitFor((m) => m.timestamp > done.timestamp && m.body.includes('api'), 'the project list');
  assert.doesNotMatch(list.body, /\bweb\b/);
});

test('/forget <project> keep: asked first even when the choice comes at once; the history stays and returns with the folder', async (t) => {
  const p = await startProduct(t);
  p.folder('docs');
  await p.phone.say('/add docs');
  await p.phone.waitFor((m) => m.body.includes('Added docs'), 'added');
  const id = p.daemon.services.projects.find('docs')!.id;
  p.claude.enqueue(reply([text('The docs are short.')]));
  await p.phone.say('how long are the docs?');
  await p.phone.waitFor((m) => m.body.includes('The docs are short.'), 'the answer');
  const { refs: _replies, ...before } = rowsOf(p, id);

  await p.phone.say('/forget docs keep');
  await p.phone.waitFor((m) => m.body.startsWith('🗑 Forget project docs?') && m.body.includes('Its session ends.'), 'asked first');
  await p.phone.say('/forget docs keep');
  const done = await p.phone.waitFor((m) => m.body.startsWith('🗑 Forgot project docs'), 'removed');
  assert.match(done.body, /Its history stays on this computer and comes back with the project if you add the folder again/);
  const { refs: _more, ...after } = rowsOf(p, id);
  assert.deepEqual(after, before, 'every row kept');
  assert.equal(p.daemon.services.projects.find('docs'), undefined);

  await p.phone.say('hello?');
  await p.phone.waitFor((m) => m.timestamp > done.timestamp && m.body.startsWith('No project is selected.'), 'no project to talk to');

  await p.phone.say('/add docs');
  await p.phone.waitFor((m) => m.timestamp > done.timestamp && m.body.includes('Added docs'), 'added again');
  assert.equal(p.daemon.services.projects.find('docs')?.id, id, 'the same project, with its history');
});
