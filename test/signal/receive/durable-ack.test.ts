// Acknowledged means on disk: at the moment each receive batch is acknowledged to Signal (which
// then deletes it from the server), the database files as they stand hold every message of the
// batch, and the WAL holding the commit was fsync'd after it, so a power cut after the
// acknowledgement finds them. Checked at the receiver's `afterCommit` seam, the last point
// before the acknowledgement. Envelopes of another conversation alone are not worth an fsync.
// A batch that cannot be stored is not acknowledged at all: the server keeps it and delivers it again.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Aci } from '@signalapp/libsignal-client';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, Store } from '../../../src-main/store/database.js';
import { authorize } from '../../../src-main/chat/authorization.js';
import type { StoredEvent } from '../../../src-main/signal/receive/inbound-events.js';
import { encryptContent, sendContent, startMockSignal, type Device, type MockSignal } from '../../helpers/mock-signal.js';
import type { SignalService } from '../../../src-main/signal/service.js';
import { createLogger } from '../../../src-main/shared/logger.js';
import { createSignalService, linkSignalService, openSignalStore, waitForInbound } from '../../helpers/signal-service.js';
import { holdDecryption } from '../../helpers/receiver-hold.js';
import { tempDir } from '../../helpers/temp.js';

interface Snapshot {
  readonly syncs: number;
  readonly bodies: string[];
  readonly live: number;
}

/** Waits until the receiver gave up storing a batch (it stays unacknowledged), and checks it was one message. */
async function firstBatchFailed(service: { linkedSession?: { receiver: { counts: { failed: number }; idle(): Promise<void> } } | undefined }): Promise<void> {
  const receiver = service.linkedSession?.receiver;
  assert.ok(receiver);
  const deadline = Date.now() + 15_000;
  while (receiver.counts.failed === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await receiver.idle();
  assert.equal(receiver.counts.failed, 1);
}

/** The phone sends `body`; `delivered` resolves once some connection acknowledged it. */
function sendTracked(mock: MockSignal, device: Device, body: string): { delivered: Promise<void>; acknowledged: () => boolean } {
  let acknowledged = false;
  const delivered = mock.phone.sendText(device, body).then(() => {
    acknowledged = true;
  });
  return { delivered, acknowledged: () => acknowledged };
}

/**
 * The app restarts on the same store: the message left unacknowledged comes again (`delivered`
 * resolves once the server had it acknowledged), and the next one arrives after it.
 */
async function restartAndSendNext(t: TestContext, mock: MockSignal, store: Store, service: SignalService, device: Device, delivered: Promise<unknown>): Promise<SignalService> {
  await service.stop();
  const restarted = createSignalService(t, mock, { store });
  await restarted.start();
  await delivered;
  await mock.phone.sendText(device, 'and the next one');
  await waitForInbound(restarted, (e) => e.type === 'message' && e.body === 'and the next one');
  return restarted;
}

/** The daemon's filter in Note-to-Self mode: only Note to Self is kept. */
const noteToSelfOnly = (event: StoredEvent, ownAci: string): boolean => authorize(event, { mode: 'note-to-self', ownAci, allowlist: [] }).allowed;

/** A device linked with the Note-to-Self filter, once a first message reached it (its session is set up). */
async function filteredAfterFirst(t: TestContext) {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  const { service, device } = await linkSignalService(t, mock, { store, keepEvent: noteToSelfOnly });
  await mock.phone.sendText(device, 'first');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'first');
  return { mock, store, service, device };
}

function bodies(store: Store): string[] {
  const rows = store.db.prepare("SELECT event FROM signal_inbox WHERE type = 'message' ORDER BY id", { pluck: true }).all() as string[];
  return rows.map((json) => String((JSON.parse(json) as { body?: string }).body));
}

test('every message is in the database files, its commit fsync\u2019d, before its acknowledgement', async (t) => {
  const mock = await startMockSignal(t);
  const dir = tempDir(t);
  const key = randomBytes(32);
  const store = openSignalStore(t, dir, key);
  const snapshots: Snapshot[] = [];
  const problems: unknown[] = [];
  let copies = 0;
  const afterCommit = () => {
    try {
      // What a reboot would read: the database file and its WAL as they are now, opened fresh.
      const copy = join(tempDir(t), `copy-${copies++}`);
      mkdirSync(copy);
      copyFileSync(join(dir, DATABASE_FILE), join(copy, DATABASE_FILE));
      if (existsSync(join(dir, `${DATABASE_FILE}-wal`))) copyFileSync(join(dir, `${DATABASE_FILE}-wal`), join(copy, `${DATABASE_FILE}-wal`));
      const reopened = Store.open({ path: join(copy, DATABASE_FILE), key });
      try {
        snapshots.push({ syncs: store.walSyncs(), bodies: bodies(reopened), live: bodies(store).length });
      } finally {
        reopened.close();
      }
    } catch (error) {
      problems.push(error);
    }
  };
  const { service, device } = await linkSignalService(t, mock, { store, receiverHooks: { afterCommit } });
  const before = snapshots.length;

  // Each send resolves only once the computer acknowledged the envelope.
  for (const body of ['one', 'two', 'three']) await mock.phone.sendText(device, body);
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'three');

  assert.deepEqual(problems, []);
  const batches = snapshots.slice(before).filter((s) => s.live > 0);
  assert.ok(batches.length >= 1);
  let syncs = snapshots[before - 1]?.syncs ?? 0;
  for (const snapshot of batches) {
    assert.ok(snapshot.syncs > syncs, 'a WAL fsync completed after this batch\u2019s commit');
    syncs = snapshot.syncs;
    assert.equal(snapshot.bodies.length, snapshot.live, 'the files hold everything committed so far');
  }
  // The messages appear one after another, each before the acknowledgement that let the next one come.
  assert.deepEqual(batches.map((s) => s.bodies.at(-1)), ['one', 'two', 'three']);
  assert.equal(store.synchronousLevel(), 1, 'commits stay at NORMAL; the fsync is asked for');
});

test('a transcript of the owner\u2019s chat with someone else is acknowledged without an fsync, and Note to Self still decrypts after it', async (t) => {
  const { mock, store, service, device } = await filteredAfterFirst(t);
  const syncs = store.walSyncs();

  const otherAci = randomUUID();
  const other = Buffer.from(Aci.parseFromServiceIdString(otherAci).getRawUuidBytes());
  for (const body of ['see you at 8', 'bring the cake']) {
    const at = Date.now();
    // Resolves once the computer acknowledged it. That chat has disappearing messages on.
    await sendContent(mock.phone, device, { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: other, timestamp: BigInt(at), message: { body, timestamp: BigInt(at), expireTimer: 3600, expireTimerVersion: 2 } } } } } }, { timestamp: at });
  }
  assert.equal(store.walSyncs(), syncs, 'dropped content waits for no fsync');
  assert.equal(store.db.prepare('SELECT count(*) FROM settings WHERE key LIKE ?', { pluck: true }).get([`%${otherAci}%`]), 0, 'not even that chat\u2019s timer is stored');
  assert.equal(service.status().droppedOtherConversations, 2);

  await mock.phone.sendText(device, 'second');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'second');
  assert.ok(store.walSyncs() > syncs, 'the owner\u2019s message is fsync\u2019d before its acknowledgement');
  assert.deepEqual(bodies(store), ['first', 'second']);

  // The owner changes that chat's timer on the phone: a control message, no event for the filter
  // to judge, and still nothing of that chat is kept.
  const at = Date.now();
  await sendContent(mock.phone, device, { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: other, timestamp: BigInt(at), message: { flags: 2, timestamp: BigInt(at), expireTimer: 600, expireTimerVersion: 3 } } } } } }, { timestamp: at });
  assert.equal(store.db.prepare('SELECT count(*) FROM settings WHERE key LIKE ?', { pluck: true }).get([`%${otherAci}%`]), 0, 'nor its timer update');
});

test('a message that cannot be stored is not acknowledged: the server delivers it again and it is stored once', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  const logged: Array<{ msg: string; mod?: string; count?: number }> = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } });
  const { service, device } = await linkSignalService(t, mock, { store, logger });
  // The disk refuses the write, as a full one does.
  store.db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.signal_inbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  const { delivered, acknowledged } = sendTracked(mock, device, 'do not lose me');
  await firstBatchFailed(service);
  assert.deepEqual(
    logged.filter((l) => l.mod === 'signal.receiver').map((l) => ({ msg: l.msg, count: l.count })),
    [
      { msg: 'could not store messages; they will be delivered again', count: 1 },
      { msg: 'reconnecting later for the messages that could not be stored', count: undefined },
    ],
  );
  assert.deepEqual(service.pendingInbound(), []);
  assert.equal(acknowledged(), false, 'not acknowledged, so the server keeps it');

  // The disk has room again; after a restart the server delivers the message again.
  store.db.exec('DROP TRIGGER refuse');
  const restarted = await restartAndSendNext(t, mock, store, service, device, delivered);
  assert.deepEqual(bodies(store), ['do not lose me', 'and the next one']);
  assert.equal(restarted.linkedSession?.receiver.counts.stored, 2);
});

test('one batch of the owner\u2019s message and other conversations\u2019: the owner\u2019s is fsync\u2019d before the acknowledgement, the others counted once', async (t) => {
  const { mock, store, service, device } = await filteredAfterFirst(t);
  await service.stop();

  // While the computer is off: transcripts of the owner's chat with someone else around two
  // messages to Note to Self. Delivered at once when it connects: the first transcript is a
  // batch of its own, the rest queue up behind it as the next one.
  const other = Buffer.from(Aci.parseFromServiceIdString(randomUUID()).getRawUuidBytes());
  const at = Date.now();
  const transcript = (body: string, ts: number) =>
    encryptContent(mock.phone, device, { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: other, timestamp: BigInt(ts), message: { body, timestamp: BigInt(ts) } } } } } }, { timestamp: ts });
  const envelopes = [
    await transcript('see you at 8', at + 1),
    await mock.phone.encryptText(device, 'one', { timestamp: at + 2 }),
    await transcript('bring the cake', at + 3),
    await mock.phone.encryptText(device, 'two', { timestamp: at + 4 }),
  ];
  const delivered = envelopes.map((envelope) => mock.server.send(device, envelope));

  const commits: Array<{ syncs: number; live: number }> = [];
  // The first decryption waits until the rest have queued up behind it.
  const hold = holdDecryption(1, () => (restarted.linkedSession?.receiver.waiting ?? 0) >= envelopes.length - 1);
  const receiverHooks = {
    afterDecrypt: hold.afterDecrypt,
    afterCommit: () => void commits.push({ syncs: store.walSyncs(), live: bodies(store).length }),
  };
  const restarted = createSignalService(t, mock, { store, keepEvent: noteToSelfOnly, receiverHooks });
  const syncsBefore = store.walSyncs();
  await restarted.start();
  await Promise.all(delivered);
  await restarted.linkedSession?.receiver.idle();

  assert.deepEqual(bodies(store), ['first', 'one', 'two']);
  assert.ok(commits.length < hold.decrypts, 'several of the envelopes were decrypted in one batch');
  let syncs = syncsBefore;
  let live = 1;
  for (const commit of commits) {
    if (commit.live > live) assert.ok(commit.syncs > syncs, 'a WAL fsync completed after the commit of the owner\u2019s message');
    syncs = commit.syncs;
    live = commit.live;
  }
  assert.equal(restarted.status().droppedOtherConversations, 2);
});

test('when the fsync fails the message is not acknowledged: delivered again, it is recognised as stored and kept once', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  const { service, device } = await linkSignalService(t, mock, { store });
  // The disk reports an I/O error for the next fsync (no real disk can be made to do that here).
  const syncWal = store.syncWal.bind(store);
  store.syncWal = () => {
    store.syncWal = syncWal;
    return Promise.reject(new Error('EIO: i/o error, fsync'));
  };
  const { delivered, acknowledged } = sendTracked(mock, device, 'committed but not on disk');
  await firstBatchFailed(service);
  assert.equal(acknowledged(), false, 'not acknowledged, so the server keeps it');

  const restarted = await restartAndSendNext(t, mock, store, service, device, delivered);
  assert.deepEqual(bodies(store), ['committed but not on disk', 'and the next one']);
  assert.equal(restarted.linkedSession?.receiver.counts.duplicate, 1);
});

/**
 * Makes the database unable to read `table`, as a damaged or unreadable disk would (a real SQLite
 * error); the returned function heals it. A temporary table of the same name hides the real one
 * from every statement on this connection.
 */
function hideTable(store: Store, table: 'signal_sessions' | 'signal_inbox'): () => void {
  store.db.exec(`CREATE TEMP TABLE ${table} (unreadable)`);
  return () => store.db.exec(`DROP TABLE temp.${table}`);
}

test('a database read that fails inside decryption leaves the message unacknowledged, never dropped as undecryptable: it comes again by itself and is stored once', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  const { service, device } = await linkSignalService(t, mock, { store });
  await mock.phone.sendText(device, 'first');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'first');
  await service.stop();

  // Started again, the session is not in memory: decrypting the next message reads it from disk.
  const logged: Array<{ msg: string; mod?: string }> = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } });
  const restarted = createSignalService(t, mock, { store, logger, timing: { redeliver: { initialMs: 6000, maxMs: 6000 } }, random: () => 0 });
  const heal = hideTable(store, 'signal_sessions');
  await restarted.start();
  const { delivered, acknowledged } = sendTracked(mock, device, 'read me when you can');
  await firstBatchFailed(restarted);
  heal();
  const receiver = restarted.linkedSession?.receiver;
  assert.equal(receiver?.counts.undecryptable, 0, 'not taken for a message that cannot be decrypted');
  assert.equal(acknowledged(), false, 'not acknowledged, so the server keeps it');
  assert.ok(!logged.some((l) => l.msg === 'could not decrypt a message; dropped'));

  // No restart: the app reconnects by itself after a while, and the server delivers it again.
  await delivered;
  await waitForInbound(restarted, (e) => e.type === 'message' && e.body === 'read me when you can');
  assert.deepEqual(bodies(store), ['first', 'read me when you can']);
  assert.equal(receiver?.counts.stored, 1);
});

test('a database that cannot even check for repeats leaves the batch unacknowledged (no crash): it comes again and is stored once', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  const { service, device } = await linkSignalService(t, mock, { store, timing: { redeliver: { initialMs: 6000, maxMs: 6000 } }, random: () => 0 });
  const heal = hideTable(store, 'signal_inbox');
  const { delivered, acknowledged } = sendTracked(mock, device, 'check me later');
  await firstBatchFailed(service); // its idle() resolves: the failure did not reject the receiver's queue
  heal();
  assert.equal(acknowledged(), false, 'not acknowledged, so the server keeps it');

  await delivered;
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'check me later');
  assert.deepEqual(bodies(store), ['check me later']);
});

test('while the database keeps failing, the app reconnects less and less often; a message stored again makes the next wait the first one', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  const logged: Array<{ msg: string; inMs?: number }> = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } });
  // No jitter: random 0 makes each wait half of the policy's delay for that attempt (200, 400, ...).
  const { service, device } = await linkSignalService(t, mock, { store, logger, timing: { redeliver: { initialMs: 400, maxMs: 60_000 } }, random: () => 0 });
  const waits = () => logged.filter((l) => l.msg === 'reconnecting later for the messages that could not be stored').map((l) => l.inMs);
  const waitForWaits = async (count: number) => {
    const deadline = Date.now() + 20_000;
    while (waits().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(waits().length >= count, `${count} reconnections planned, not ${JSON.stringify(waits())}`);
  };

  let heal = hideTable(store, 'signal_inbox');
  const first = sendTracked(mock, device, 'once the disk works');
  // Each reconnection has the server deliver it again, and it fails again.
  await waitForWaits(3);
  heal();
  assert.deepEqual(waits().slice(0, 3), [200, 400, 800]);
  await first.delivered;
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'once the disk works');

  // Stored again: the next failure waits the first delay again.
  const before = waits().length;
  heal = hideTable(store, 'signal_inbox');
  const second = sendTracked(mock, device, 'and this one too');
  await waitForWaits(before + 1);
  heal();
  assert.equal(waits()[before], 200);
  await second.delivered;
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'and this one too');
  assert.deepEqual(bodies(store), ['once the disk works', 'and this one too']);
});
