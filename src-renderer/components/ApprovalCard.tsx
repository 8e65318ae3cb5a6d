// One approval waiting for the owner, as the phone shows it: Claude's reason, what exactly would
// happen (the change as a coloured diff, the command with its folder and sandbox, the URL), and
// Allow / Always / Deny with an optional reason that reaches Claude with the answer.
import { useId, useState } from 'react';
import type { Approval, ApprovalDecision, ApprovalDetail } from '../../src-main/shared/api';
import { relativeTime } from '../format';
import { useAction, useLive } from '../state/live';
import { ErrorLine } from './common';
import { DiffView } from './DiffView';

const DECISIONS: Array<{ decision: ApprovalDecision; label: string; hint: string }> = [
  { decision: 'once', label: 'Allow', hint: 'Allow this once' },
  { decision: 'always', label: 'Always', hint: 'Always allow this in this session' },
  { decision: 'deny', label: 'Deny', hint: 'Do not allow it' },
];

function counts(added: number, removed: number): string {
  return `+${added} −${removed}`;
}

function Detail({ detail }: { detail: ApprovalDetail }) {
  switch (detail.kind) {
    case 'change':
      return (
        <>
          <p className="approval__file">
            {detail.newFile ? '🆕' : '✏️'} <code>{detail.path}</code> <span className="muted">{detail.newFile ? `new file, ${detail.added} line${detail.added === 1 ? '' : 's'}` : counts(detail.added, detail.removed)}</span>
          </p>
          <DiffView patch={detail.patch} path={detail.path} label={`Change to ${detail.path}`} />
          {detail.truncated && <p className="muted small">The change is cut here; the phone has the whole .patch.</p>}
        </>
      );
    case 'command':
      return (
        <>
          <pre className="entry__code approval__command">{detail.command}</pre>
          <p className="small">
            📁 <code>{detail.cwd}</code>
          </p>
          <p className={`small ${detail.sandboxed ? '' : 'approval__warn'}`}>{detail.sandboxed ? '🔒 Runs sandboxed' : '🔓 Runs unsandboxed: it can change anything your account can'}</p>
        </>
      );
    case 'url':
      return (
        <p className="approval__url">
          🌐 <code>{detail.url}</code>
        </p>
      );
  }
}

export function ApprovalCard({ approval, now, as: Tag = 'li' }: { approval: Approval; now: number; as?: 'li' | 'div' }) {
  const { client } = useLive();
  const answer = useAction();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const send = (decision: ApprovalDecision): void => {
    const trimmed = reason.trim();
    void answer.run(() => client.call('approvalAnswer', { id: approval.id, decision, ...(trimmed ? { reason: trimmed } : {}) }));
  };
  return (
    <Tag className="item approval" aria-label={`Approval ${approval.id}: ${approval.projectName} wants to use ${approval.tool}`}>
      <p className="item__row">
        <span>
          🔐 <strong>{approval.projectName}</strong> wants to use {approval.tool}
          {approval.detail ? '' : ':'} {!approval.detail && <code>{approval.summary}</code>}
        </span>
      </p>
      {approval.intent && <blockquote className="approval__intent">💬 {approval.intent}</blockquote>}
      {approval.detail && <Detail detail={approval.detail} />}
      <p className="muted small">
        Asked {relativeTime(approval.createdAt, now)}; counts as denied {relativeTime(approval.expiresAt, now)}.
      </p>
      <label className="approval__reason small" htmlFor={reasonId}>
        Reason for Claude (optional)
      </label>
      <input id={reasonId} type="text" className="approval__reason-input" value={reason} maxLength={1000} placeholder="e.g. use pnpm instead" onChange={(e) => setReason(e.target.value)} />
      <div className="button-row" role="group" aria-label={`Answer for ${approval.projectName}: ${approval.tool} ${approval.summary}`}>
        {DECISIONS.map((d) => (
          <button key={d.decision} type="button" className={d.decision === 'deny' ? 'button--danger' : undefined} title={d.hint} disabled={answer.busy} onClick={() => send(d.decision)}>
            {d.label}
          </button>
        ))}
      </div>
      <ErrorLine error={answer.error} />
    </Tag>
  );
}
