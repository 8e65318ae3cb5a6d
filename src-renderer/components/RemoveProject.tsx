// "Remove project…" in the session view: what /forget <project> does on the phone. It asks first
// and offers the same choice (keep the history on this computer, or delete it); the folder on
// disk is never touched, and the confirmation says so.
import { useId, useState } from 'react';
import type { RemovedProject } from '../../src-main/shared/api';
import { useAction, useLive } from '../state/live';
import { ErrorLine } from './common';

interface Props {
  readonly projectId: string;
  readonly projectName: string;
  readonly projectPath: string;
  readonly onRemoved: (removed: RemovedProject) => void;
}

export function RemoveProject({ projectId, projectName, projectPath, onRemoved }: Props) {
  const { client } = useLive();
  const [asking, setAsking] = useState(false);
  const [history, setHistory] = useState<'keep' | 'delete'>('keep');
  const action = useAction();
  const titleId = useId();

  if (!asking) {
    return (
      <button type="button" className="button--danger" onClick={() => setAsking(true)}>
        Remove project…
      </button>
    );
  }
  const remove = () =>
    void action.run(async () => {
      onRemoved(await client.call('projectRemove', { id: projectId, history }));
    });
  return (
    <section className="remove-project" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>Remove {projectName}?</h2>
      <p>
        Its session ends: a running turn stops and waiting approvals are cancelled. The folder <code>{projectPath}</code> stays as it is.
      </p>
      <fieldset>
        <legend>Its history (conversations, transcripts, approvals)</legend>
        <label>
          <input type="radio" name={`${titleId}-history`} checked={history === 'keep'} onChange={() => setHistory('keep')} /> Keep it on this computer (it comes back if the folder is added again)
        </label>
        <label>
          <input type="radio" name={`${titleId}-history`} checked={history === 'delete'} onChange={() => setHistory('delete')} /> Delete it
        </label>
      </fieldset>
      <div className="button-row">
        <button type="button" className="button--danger" disabled={action.busy} onClick={remove}>
          {history === 'delete' ? 'Remove and delete history' : 'Remove project'}
        </button>
        <button type="button" disabled={action.busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
      <ErrorLine error={action.error} />
    </section>
  );
}

/** What the view shows once the project is gone. */
export function removedSentence(r: RemovedProject): string {
  const ended = [
    r.stoppedTurn ? 'the running turn was stopped' : undefined,
    r.cancelledApprovals > 0 ? `${r.cancelledApprovals} waiting approval${r.cancelledApprovals === 1 ? ' was' : 's were'} cancelled` : undefined,
  ].filter(Boolean);
  const history = r.history === 'keep' ? 'Its history stays on this computer.' : 'Its history was deleted.';
  return `Removed ${r.name}${ended.length ? `: ${ended.join(' and ')}` : ''}. ${history} The folder was not touched.`;
}
