// Where each event of a session's worker goes: committed steps, usage and approvals to the
// session's records (the store), tool calls, warnings and notes to the running turn's progress
// view, streamed text, changes and the live activity to the UI. The runtime decides what the
// end of a turn means.
import type { Logger } from '../shared/logger.js';
import type { AgentEvent, Step, WorkerEventOf } from '../agent/index.js';
import { approvalExpired, compactedNote, hookNotice, waitingForApproval } from '../display/wording/index.js';
import type { TurnRecords } from './turn-records.js';
import type { TurnView } from './turn-view.js';

/** What the events of one session's worker reach. */
export interface WorkerEventTargets {
  readonly records: TurnRecords;
  readonly log: Logger;
  /** The running turn's progress view, if a turn is running. */
  view(): TurnView | undefined;
  /** A step was stored for the first time: the live transcript shows it. */
  stepStored(step: Step): void;
  ruleAdded(rule: string): void;
  /** Something the UI shows changed; `urgent: false` may wait a moment. */
  changed(urgent?: boolean): void;
  textDelta(text: string): void;
  turnEnded(turnId: string, reason: string): void;
  /** The session's background commands still running (run_in_background). */
  background(shells: WorkerEventOf<'background'>['shells']): void;
}

export function routeWorkerEvent(event: AgentEvent, to: WorkerEventTargets): void {
  const view = to.view();
  switch (event.type) {
    case 'step':
      if (to.records.step(event.step)) to.stepStored(event.step);
      break;
    case 'rule_added':
      to.ruleAdded(event.rule);
      break;
    case 'approval_request':
      to.records.approvalAsked(event);
      view?.note(waitingForApproval(event.approvalId));
      view?.activity.approvalAsked(event.toolUseId);
      to.changed();
      break;
    case 'approval_resolved':
      to.records.approvalResolved(event);
      if (event.by === 'timeout') view?.warning(approvalExpired(event.approvalId));
      view?.activity.approvalResolved();
      to.changed();
      break;
    case 'text_delta':
      view?.activity.writing();
      to.textDelta(event.text);
      break;
    case 'thinking':
      view?.thinking();
      break;
    case 'stream_reset':
      view?.activity.thinking();
      break;
    case 'tool_call':
      view?.toolCall(event.toolUseId, { name: event.name, input: event.input });
      break;
    case 'tool_result':
      view?.toolResult(event.toolUseId, event);
      break;
    case 'error':
      if (event.retrying) view?.warning(event.message);
      else to.log.warn({ code: event.code }, event.message);
      break;
    case 'hook_notice':
      if (view) view.note(hookNotice(event));
      else to.log.warn({ event: event.event, kind: event.kind }, 'hook notice outside a turn');
      break;
    case 'compacted':
      // The owner's /compact gets its own answer; the note is for one made to fit the window.
      if (!event.requested) view?.note(compactedNote);
      break;
    case 'usage':
      to.records.usage(event);
      to.changed(false); // the app shows the cost as it grows
      break;
    case 'turn_end':
      to.turnEnded(event.turnId, event.reason);
      break;
    case 'background':
      to.background(event.shells);
      to.changed(false);
      break;
    default:
      break;
  }
}
