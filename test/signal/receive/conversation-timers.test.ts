// The disappearing-messages timers are kept in memory as well as in the database (they are read
// for every message received and sent). What the app sends must follow the database: a timer
// read back after a restart, and never one whose receive transaction was rolled back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppStateRepo } from '../../../src-main/store/app-state-repo.js';
import { ConversationTimers } from '../../../src-main/signal/receive/conversation-timers.js';
import { openSignalStore } from '../../helpers/signal-service.js';

const NOTE_TO_SELF = { kind: 'note-to-self' } as const;

test('a timer the phone set is read back from the database by a new instance (after a restart)', (t) => {
  const store = openSignalStore(t);
  const timers = new ConversationTimers(new AppStateRepo(store));
  assert.equal(timers.get(NOTE_TO_SELF), undefined);
  store.transaction(() => timers.observe({ conversation: NOTE_TO_SELF, seconds: 3600, version: 2 }));
  assert.deepEqual(timers.get(NOTE_TO_SELF), { seconds: 3600, version: 2 });
  assert.deepEqual(new ConversationTimers(new AppStateRepo(store)).get(NOTE_TO_SELF), { seconds: 3600, version: 2 });
});

test('a timer from a receive transaction that was rolled back is forgotten, and the stored one applies again', (t) => {
  const store = openSignalStore(t);
  const timers = new ConversationTimers(new AppStateRepo(store));
  store.transaction(() => timers.observe({ conversation: NOTE_TO_SELF, seconds: 600, version: 3 }));
  assert.throws(() =>
    store.transaction(() => {
      timers.observe({ conversation: NOTE_TO_SELF, seconds: 0, version: 4 });
      throw new Error('disk full');
    }),
  );
  // The receiver calls forget() when storing a batch failed (the envelopes come again).
  timers.forget();
  assert.deepEqual(timers.get(NOTE_TO_SELF), { seconds: 600, version: 3 });
  // Delivered again, the change applies as if it were new.
  assert.equal(store.transaction(() => timers.observe({ conversation: NOTE_TO_SELF, seconds: 0, version: 4 })), true);
  assert.deepEqual(timers.get(NOTE_TO_SELF), { seconds: 0, version: 4 });
});
