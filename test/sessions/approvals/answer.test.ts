// Answering an approval, whichever way the owner answers: the worker that asked hears the decision
// once, and only after the answer is stored; an approval answered twice, expired, or whose
// session restarted gets a reply saying so instead of reaching a worker.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { ApprovalDecision } from '../../../src-main/shared/api.js';
import { SessionApprovals, type ApprovalWorkers } from '../../../src-main/sessions/approvals/index.js';
import { ProjectsRepo } from '../../../src-main/store/projects-repo.js';
import { SessionsRepo } from '../../../src-main/store/sessions-repo.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { openTestStore } from '../../helpers/store.js';

/** The sessions' side as the supervisor presents it: which sessions have a worker, and what each was told. */
class Workers implements ApprovalWorkers {
  readonly live = new Set<string>();
  readonly told: { sessionId: string; approvalId: string; decision: ApprovalDecision; reason: string | undefined }[] = [];
  hasWorker(sessionId: string): boolean {
    return this.live.has(sessionId);
  }
  answerApproval(sessionId: string, approvalId: string, decision: ApprovalDecision, reason: string | undefined): boolean {
    this.told.push({ sessionId, approvalId, decision, reason });
    return this.live.has(sessionId);
  }
}

function setup(t: TestContext) {
  const store = openTestStore(t);
  const clock = new FakeClock(1_000_000);
  const workers = new Workers();
  const approvals = new SessionApprovals({ store, clock, workers: () => workers });
  const project = new ProjectsRepo(store).add({ id: 'p1', name: 'shop', path: '/code/shop', createdAt: clock.now() });
  new SessionsRepo(store).create('s1', project.id, clock.now());
  workers.live.add('s1');
  approvals.asked({ sessionId: 's1', id: '4f2a', turnId: 't1', tool: 'Bash', summary: 'npm install', sessionRule: 'Bash(npm install)', expiresAt: clock.now() + 60_000 });
  const answeredAs = () => store.db.prepare("SELECT status, answered_by, answered_at FROM approvals WHERE id = '4f2a'").get<{ status: string; answered_by: string; answered_at: number }>();
  return { store, clock, workers, approvals, answeredAs };
}

test('an answer is stored with who gave it and when, and the worker hears it only once it is committed', (t) => {
  const { clock, workers, approvals, answeredAs } = setup(t);
  clock.advance(5_000);
  const { approval } = approvals.find('4f2a');
  assert.ok(approval);
  const result = approvals.answer(approval, 'deny', 'use pnpm', 'phone');
  assert.equal(result.reply, undefined, 'the progress message shows the outcome; no extra reply');
  assert.deepEqual(workers.told, [], 'nothing reaches the worker before the commit');
  assert.deepEqual(answeredAs(), { status: 'deny', answered_by: 'phone', answered_at: 1_005_000 });
  result.after?.();
  assert.deepEqual(workers.told, [{ sessionId: 's1', approvalId: '4f2a', decision: 'deny', reason: 'use pnpm' }]);
  assert.equal(approvals.pending().length, 0);
});

test('a second answer to the same approval is refused with a reply and never reaches the worker', (t) => {
  const { workers, approvals, answeredAs } = setup(t);
  const [approval] = approvals.pending();
  assert.ok(approval);
  approvals.answer(approval, 'once', undefined, 'phone').after?.();
  const again = approvals.answer(approval, 'deny', undefined, 'app');
  assert.equal(again.reply, 'Approval 4f2a was already answered or has expired.');
  assert.equal(again.after, undefined);
  assert.deepEqual(workers.told.map((x) => x.decision), ['once']);
  assert.equal(answeredAs()?.status, 'allow_once', 'the first answer stands');
});

test('an approval whose session restarted tells the owner so, and Claude is not told a stale yes', (t) => {
  const { workers, approvals } = setup(t);
  const [approval] = approvals.pending();
  assert.ok(approval);
  workers.live.delete('s1');
  const result = approvals.answer(approval, 'always', undefined, 'phone');
  assert.match(result.reply ?? '', /^Approval 4f2a can no longer be used: its session restarted/);
  assert.equal(result.after, undefined);
  assert.deepEqual(workers.told, []);
});

test('an approval that no longer waits is known for a week by its id, with what became of it', (t) => {
  const { clock, approvals } = setup(t);
  assert.equal(approvals.ended('4f2a'), undefined, 'still waiting: not ended');
  const [approval] = approvals.pending();
  approvals.answer(approval!, 'deny', undefined, 'phone');
  assert.equal(approvals.ended('4F2A')?.status, 'deny');
  assert.equal(approvals.ended('beef'), undefined, 'an id never given is an ordinary word');
  clock.advance(7 * 24 * 60 * 60 * 1000 + 1);
  assert.equal(approvals.ended('4f2a'), undefined, 'after a week "yes 4f2a" is read as a sentence again');
});
