// The computer is kept awake exactly while a session works and the owner wants it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWorking, KeepAwake, type PowerBlocker } from '../../src-main/electron/keep-awake.js';

class RecordingBlocker implements PowerBlocker {
  readonly active = new Set<number>();
  private next = 1;
  start(): number {
    const id = this.next++;
    this.active.add(id);
    return id;
  }
  stop(id: number): void {
    this.active.delete(id);
  }
}

test('held while working and enabled, released as soon as either stops', () => {
  const blocker = new RecordingBlocker();
  const awake = new KeepAwake(blocker);
  awake.update({ enabled: true, working: false });
  assert.equal(blocker.active.size, 0);
  awake.update({ enabled: true, working: true });
  awake.update({ enabled: true, working: true });
  assert.equal(blocker.active.size, 1, 'one blocker, however many updates');
  awake.update({ enabled: false, working: true });
  assert.equal(blocker.active.size, 0, 'the owner turned it off');
  awake.update({ enabled: true, working: true });
  awake.update({ enabled: true, working: false });
  assert.equal(blocker.active.size, 0, 'the work finished');
  assert.equal(awake.holding, false);
});

test('working means starting, active, resuming or recovering; not idle, suspended or crashed', () => {
  assert.equal(isWorking(['idle', 'suspended', 'crashed', 'terminated']), false);
  for (const s of ['initializing', 'active', 'resuming', 'recovering'] as const) assert.equal(isWorking(['idle', s]), true, s);
});
