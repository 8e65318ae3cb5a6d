// Acknowledged means on disk: at the moment each receive batch is acknowledged to Signal (which
// then deletes it from the server), the database files as they stand hold every message of the
// batch, and the WAL holding the commit was fsync'd after it, so a power cut after the
// acknowledgement finds them. Checked at the receiver's `afterCommit` seam, the last point
// before the acknowledgement. Envelopes of another conversation alone are not worth an fsync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Aci } from '@signalapp/libsignal-client';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, Store } from '../../../src-main/store/database.js';
import { authorize } from '../../../src-main/chat/authorization.js';
import type { StoredEvent } from '../../../src-main/signal/receive/inbound-events.js';
import { sendContent, startMockSignal } from '../../helpers/mock-signal.js';
import { linkSignalService, openSignalStore, waitForInbound } from '../../helpers/signal-service.js';
import { tempDir } from '../../helpers/temp.js';

interface Snapshot {
  readonly syncs: number;
  readonly bodies: string[];
  readonly live: number;
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
  const mock = await startMockSignal(t);
  const store = openSignalStore(t, tempDir(t));
  // The daemon's filter: only Note to Self is kept.
  const keepEvent = (event: StoredEvent, ownAci: string) => authorize(event, { mode: 'note-to-self', ownAci, allowlist: [] }).allowed;
  const { service, device } = await linkSignalService(t, mock, { store, keepEvent });
  await mock.phone.sendText(device, 'first');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'first');
  const syncs = store.walSyncs();

  const other = Buffer.from(Aci.parseFromServiceIdString(randomUUID()).getRawUuidBytes());
  for (const body of ['see you at 8', 'bring the cake']) {
    const at = Date.now();
    // Resolves once the computer acknowledged it.
    await sendContent(mock.phone, device, { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: other, timestamp: BigInt(at), message: { body, timestamp: BigInt(at) } } } } } }, { timestamp: at });
  }
  assert.equal(store.walSyncs(), syncs, 'dropped content waits for no fsync');
  assert.equal(service.status().droppedOtherConversations, 2);

  await mock.phone.sendText(device, 'second');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'second');
  assert.ok(store.walSyncs() > syncs, 'the owner\u2019s message is fsync\u2019d before its acknowledgement');
  assert.deepEqual(bodies(store), ['first', 'second']);
});
