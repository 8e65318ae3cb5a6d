// Acknowledged means on disk: at the moment each receive batch is acknowledged to Signal (which
// then deletes it from the server), the database files as they stand hold every message of the
// batch, and the commit that put them there ran at synchronous = FULL (the WAL fsync'd), so a
// power cut after the acknowledgement finds them. Checked at the receiver's `afterCommit` seam,
// the last point before the acknowledgement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, Store } from '../../../src-main/store/database.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { linkSignalService, openSignalStore, waitForInbound } from '../../helpers/signal-service.js';
import { tempDir } from '../../helpers/temp.js';

interface Snapshot {
  readonly level: number;
  readonly bodies: string[];
  readonly live: number;
}

function bodies(store: Store): string[] {
  const rows = store.db.prepare("SELECT event FROM signal_inbox WHERE type = 'message' ORDER BY id", { pluck: true }).all() as string[];
  return rows.map((json) => String((JSON.parse(json) as { body?: string }).body));
}

test('every message is in the database files, committed at FULL, before its acknowledgement', async (t) => {
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
        snapshots.push({ level: store.synchronousLevel(), bodies: bodies(reopened), live: bodies(store).length });
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
  for (const snapshot of batches) {
    assert.equal(snapshot.level, 2, 'the receive commit ran at synchronous = FULL');
    assert.equal(snapshot.bodies.length, snapshot.live, 'the files hold everything committed so far');
  }
  // The messages appear one after another, each before the acknowledgement that let the next one come.
  assert.deepEqual(batches.map((s) => s.bodies.at(-1)), ['one', 'two', 'three']);
  assert.equal(store.synchronousLevel(), 1, 'other commits stay at NORMAL');
});
