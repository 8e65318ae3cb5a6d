// A ReplySink that records what the sessions layer would tell the owner (for tests of the
// sessions layer without Signal). The chat layer's real sink is tested end to end elsewhere.
import type { RenderedText } from '../../src-main/display/types.js';
import type { ProgressUpdate } from '../../src-main/sessions/progress.js';
import type { ApprovalRequest, FinalAnswer, ReplySink, SessionRef } from '../../src-main/sessions/reply-sink.js';

export type Recorded =
  | { kind: 'progress'; project: string; turnId: string; update: ProgressUpdate }
  | { kind: 'final'; project: string; answer: FinalAnswer }
  | { kind: 'approval'; project: string; approval: ApprovalRequest }
  | { kind: 'notice'; project: string | undefined; text: string; notify: boolean }
  | { kind: 'typing'; project: string; on: boolean };

export class RecordingReplies implements ReplySink {
  readonly said: Recorded[] = [];
  private readonly waiters = new Set<() => void>();

  progress(ref: SessionRef, turnId: string, update: ProgressUpdate): void {
    this.push({ kind: 'progress', project: ref.projectName, turnId, update });
  }
  finalAnswer(ref: SessionRef, answer: FinalAnswer): void {
    this.push({ kind: 'final', project: ref.projectName, answer });
  }
  approvalRequest(ref: SessionRef, approval: ApprovalRequest): void {
    this.push({ kind: 'approval', project: ref.projectName, approval });
  }
  notice(ref: SessionRef | undefined, text: RenderedText | string, options: { notify: boolean }): void {
    this.push({ kind: 'notice', project: ref?.projectName, text: typeof text === 'string' ? text : text.text, notify: options.notify });
  }
  typing(ref: SessionRef, on: boolean): void {
    this.push({ kind: 'typing', project: ref.projectName, on });
  }

  finals(): FinalAnswer[] {
    return this.said.flatMap((r) => (r.kind === 'final' ? [r.answer] : []));
  }

  async waitFor<T extends Recorded>(predicate: (r: Recorded) => r is T, what: string, timeoutMs?: number): Promise<T>;
  async waitFor(predicate: (r: Recorded) => boolean, what: string, timeoutMs?: number): Promise<Recorded>;
  async waitFor(predicate: (r: Recorded) => boolean, what: string, timeoutMs = 20_000): Promise<Recorded> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.said.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`never said ${what}; said: ${JSON.stringify(this.said.map((r) => r.kind === 'final' ? r.answer.markdown : r.kind === 'notice' ? r.text : r.kind))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 200);
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  private push(r: Recorded): void {
    this.said.push(r);
    for (const w of [...this.waiters]) w();
  }
}
