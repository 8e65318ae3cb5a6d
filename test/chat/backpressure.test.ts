// Backpressure with words, as the owner meets it: while Claude works on one instruction, 20 more
// wait in the project's queue; the next is not queued but answered ("already has 20 waiting"),
// every message gets exactly one answer (none lost, none twice), and after /stop the project
// takes instructions again. Files likewise: past 20 waiting downloads, a file is not fetched and
// the owner reads which one and why.
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import assert from 'node:assert/strict';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { MAX_QUEUED_TURNS } from '../../src-main/sessions/supervisor.js';
import { MAX_WAITING_DOWNLOADS } from '../../src-main/signal/attachments/download-bound.js';

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a full queue refuses the next instruction with words; nothing is lost or answered twice; /stop makes room', { timeout: 180_000 }, async (t) => {
  const p = await startProduct(t);
  p.folder('hello-app');
  await p.phone.say('/add hello-app');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('hello-app'), 'the /add confirmation');

  // Claude takes its time over the first instruction (the stream stays open until /stop).
  p.claude.enqueue({ kind: 'hang', message: reply([text('Looking…')]), afterEvents: 2 });
  await p.phone.say('instruction 0');
  await until(() => p.claude.messageRequests.length === 1, 'the first turn is running');

  for (let i = 1; i <= MAX_QUEUED_TURNS; i++) await p.phone.say(`instruction ${i}`);
  await p.phone.say('one too many');
  const refusal = await p.phone.waitFor((m) => m.body.includes('was not queued'), 'the refusal');
  assert.equal(refusal.body, `✋ hello-app already has ${MAX_QUEUED_TURNS} instructions waiting, so this one was not queued. Send it again when some are done (/status shows how many wait), or /stop to drop them.`);

  // Each queued instruction was answered once, with its place; the refused one once.
  const queued = () => p.phone.shown.filter((m) => m.body.startsWith('⏳ Queued for hello-app'));
  await until(() => queued().length === MAX_QUEUED_TURNS, 'every queued instruction answered');
  const places = queued().map((m) => Number(/behind (\d+)/.exec(m.body)?.[1])).sort((a, b) => a - b);
  assert.deepEqual(places, Array.from({ length: MAX_QUEUED_TURNS }, (_, i) => i + 1));
  assert.equal(p.phone.shown.filter((m) => m.body.includes('was not queued')).length, 1);
  assert.equal(p.daemon.services.supervisor.queuedTurnCount(p.daemon.services.supervisor.existingSessionFor(p.daemon.services.projects.find('hello-app')!.id)!.id), MAX_QUEUED_TURNS, 'the refused one did not join the queue');
  assert.equal(p.claude.messageRequests.length, 1, 'Claude still works on the first only');

  await p.phone.say('/status');
  await p.phone.waitFor((m) => m.body.includes(`${MAX_QUEUED_TURNS} instructions queued`), '/status with the queue');

  // /stop drops the queue; the same instruction sent again is taken and answered.
  await p.phone.say('/stop');
  await p.phone.waitFor((m) => /stop/i.test(m.body) && /20/.test(m.body), 'the /stop answer');
  p.claude.enqueue(reply([text('Done with the one that did not fit.')]));
  await p.phone.say('one too many');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Done with the one that did not fit.'), 'the answer');
  assert.equal(p.phone.shown.filter((m) => m.body.includes('was not queued')).length, 1, 'not refused again');
});

test('files past 20 waiting downloads are not fetched: the owner reads which and why, the message goes on at once', { timeout: 180_000 }, async (t) => {
  // A CDN that accepts connections and never answers: every download from it waits.
  const held = new Set<Socket>();
  const cdn = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of held) socket.destroy();
    cdn.close();
  });
  const port = (cdn.address() as AddressInfo).port;
  const p = await startProduct(t, {
    editSignalConfig: (config) => ({ ...config, cdnUrls: { ...(config.cdnUrls as object), 2: `https://127.0.0.1:${port}` } }),
  });
  p.folder('hello-app');
  await p.phone.say('/add hello-app');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('hello-app'), 'the /add confirmation');

  const file = (name: string) => ({
    attachmentIdentifier: { cdnKey: randomBytes(8).toString('hex') },
    cdnNumber: 2,
    key: randomBytes(64),
    digest: randomBytes(32),
    size: 1000,
    contentType: 'image/png',
    fileName: name,
  });
  for (let i = 1; i <= MAX_WAITING_DOWNLOADS; i++) await p.phone.say('', { attachments: [file(`shot-${i}.png`)] });
  p.claude.enqueue(reply([text('No screenshot came, but the layout bug is in header.css.')]));
  await p.phone.say('look at this screenshot', { attachments: [file('one-too-many.png')] });

  const told = await p.phone.waitFor((m) => m.body.includes('one-too-many.png'), 'why the file was not taken');
  assert.equal(told.body, `📎 one-too-many.png could not be downloaded (${MAX_WAITING_DOWNLOADS} files were already waiting to download; send it again once they are in); Claude did not get it.`);
  // The words of the message still reach Claude, without the file, ahead of the stuck downloads.
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('layout bug is in header.css'), 'the answer');
  const sent = p.claude.messageRequests[0]?.body.messages.at(-1)?.content;
  assert.ok(Array.isArray(sent) && sent.some((b) => b.type === 'text' && b.text === 'look at this screenshot'));
  assert.ok(Array.isArray(sent) && !sent.some((b) => b.type === 'image'), 'no image went to Claude');
  assert.equal(p.phone.shown.filter((m) => m.body.includes('one-too-many.png')).length, 1, 'told once');
});
