// What each /notify level lets through. The answer is never in the table: it always arrives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTIFY_LEVELS } from '../../src-main/shared/config.js';
import { notifyPolicy, projectNotify, setProjectNotify } from '../../src-main/sessions/project-notify.js';
import { AppStateRepo } from '../../src-main/store/app-state-repo.js';
import { openTestStore } from '../helpers/store.js';

test('levels: all has progress and rings; done drops progress; needs-me rings only for approvals and notices; off rings for nothing', () => {
  const table = Object.fromEntries(NOTIFY_LEVELS.map((l) => [l, notifyPolicy(l)]));
  assert.deepEqual(table, {
    all: { progress: true, ringAnswers: true, ringApprovals: true, ringNotices: true },
    done: { progress: false, ringAnswers: true, ringApprovals: true, ringNotices: true },
    'needs-me': { progress: false, ringAnswers: false, ringApprovals: true, ringNotices: true },
    off: { progress: false, ringAnswers: false, ringApprovals: false, ringNotices: false },
  });
});

test('a project without a choice is at "all"; a choice is kept per project', (t) => {
  const state = new AppStateRepo(openTestStore(t), () => 0);
  assert.equal(projectNotify(state, 'p1'), 'all');
  setProjectNotify(state, 'p1', 'off');
  assert.equal(projectNotify(state, 'p1'), 'off');
  assert.equal(projectNotify(state, 'p2'), 'all');
});
