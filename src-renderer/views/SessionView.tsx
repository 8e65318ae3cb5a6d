// One session, live: what it works on (project, model, permission mode, cost), its transcript as
// it streams (text, tool calls, diffs), what the running turn does now, stop / restart, and
// removing the project.
import { useEffect, useReducer, useState } from 'react';
import type { RemovedProject, SessionSummary, TranscriptEntry } from '../../src-main/shared/api';
import Markdown from 'react-markdown';
import { ApprovalCard } from '../components/ApprovalCard';
import { BackLink } from '../components/BackLink';
import { DiffView } from '../components/DiffView';
import { TurnStatus } from '../components/TurnStatus';
import { ErrorLine, Notice, StateBadge } from '../components/common';
import { RemoveProject, removedSentence } from '../components/RemoveProject';
import { clockTime, money, relativeTime } from '../format';
import { useAction, useLive, useNow } from '../state/live';
import { EMPTY_TRANSCRIPT, parseDiff, transcriptReducer } from '../state/transcript';
import { toolLine } from '../state/tool-line';

/** Stop ends the running turn (what /stop does on the phone): only while one runs. */
const STOPPABLE = new Set(['initializing', 'active', 'resuming', 'recovering']);
const RESTARTABLE = new Set(['crashed', 'terminated']);

export function SessionView({ id }: { id: string }) {
  const { client, sessions, onEvent } = useLive();
  const live = sessions.find((s) => s.id === id);
  const [fetched, setFetched] = useState<SessionSummary | undefined>();
  const [transcript, dispatch] = useReducer(transcriptReducer(id), EMPTY_TRANSCRIPT);
  const load = useAction();
  const action = useAction();
  const now = useNow();
  const [removed, setRemoved] = useState<RemovedProject | undefined>();
  const session = removed ? undefined : (live ?? fetched);

  useEffect(() => {
    const unsubscribe = onEvent((event) => dispatch(event));
    void load.run(async () => {
      const [summary, entries] = await Promise.all([client.call('session', { id }), client.call('sessionTranscript', { id })]);
      setFetched(summary);
      dispatch({ type: 'loaded', entries: entries.entries });
    });
    return unsubscribe;
  }, [client, onEvent, id, load.run]);

  return (
    <main className="view session-view" aria-labelledby="view-title">
      <BackLink />
      <header className="view__header">
        <h1 id="view-title" tabIndex={-1}>
          {session?.projectName ?? 'Session'}
        </h1>
        {session && <StateBadge state={session.state} />}
      </header>
      <ErrorLine error={load.error} />
      {removed && <Notice>{removedSentence(removed)}</Notice>}
      {session && (
        <>
          <dl className="facts">
            <dt>Folder</dt>
            <dd>
              <code>{session.projectPath}</code>
            </dd>
            <dt>Model</dt>
            <dd>{session.model}</dd>
            <dt>Permission mode</dt>
            <dd>{session.permissionMode}</dd>
            <dt>Cost so far</dt>
            <dd>{money(session.costUsd)}</dd>
            <dt>Last activity</dt>
            <dd>{relativeTime(session.lastActivityAt, now)}</dd>
            {session.allowedForSession.length > 0 && (
              <>
                <dt title="What you answered Always to, in this session">Allowed until a new session</dt>
                <dd>
                  {session.allowedForSession.map((rule) => (
                    <code key={rule} className="rule">
                      {rule}
                    </code>
                  ))}
                </dd>
              </>
            )}
          </dl>
          {session.crash && (
            <p className="crash">
              <strong>Crashed</strong> {relativeTime(session.crash.at, now)}: {session.crash.reason}
            </p>
          )}
          <div className="button-row">
            <button type="button" disabled={action.busy || !STOPPABLE.has(session.state)} onClick={() => void action.run(() => client.call('sessionStop', { id }))}>
              Stop
            </button>
            <button type="button" disabled={action.busy || !RESTARTABLE.has(session.state)} onClick={() => void action.run(() => client.call('sessionRestart', { id }))}>
              Restart
            </button>
          </div>
          <ErrorLine error={action.error} />
          <RemoveProject projectId={session.projectId} projectName={session.projectName} projectPath={session.projectPath} onRemoved={setRemoved} />
        </>
      )}
      <section className="section" aria-labelledby="transcript-title">
        <h2 id="transcript-title">Transcript</h2>
        <ol className="transcript" role="log" aria-live="polite" aria-busy={transcript.streaming !== ''}>
          {transcript.entries.map((e) => (
            <Entry key={e.seq} entry={e} />
          ))}
          {transcript.streaming && (
            <li className="entry entry--assistant entry--streaming">
              <span className="entry__who">Claude (writing)</span>
              <div className="entry__text markdown">
                <Markdown>{transcript.streaming}</Markdown>
              </div>
            </li>
          )}
          {session?.pendingApprovals.map((a) => (
            <ApprovalCard key={a.id} approval={a} now={now} />
          ))}
        </ol>
        {session?.turn && <TurnStatus turn={session.turn} />}
        {transcript.entries.length === 0 && !transcript.streaming && !load.busy && <p className="muted">Nothing here yet.</p>}
      </section>
    </main>
  );
}

const WHO: Record<TranscriptEntry['kind'], string> = {
  user: 'You',
  assistant: 'Claude',
  'tool-call': 'Tool',
  'tool-result': 'Result',
  notice: 'Note',
  error: 'Error',
};

/** Results longer than this many lines start collapsed. */
const SHORT_RESULT_LINES = 6;

function Entry({ entry }: { entry: TranscriptEntry }) {
  const who = (
    <span className="entry__who">
      {WHO[entry.kind]}
      {entry.tool && entry.kind !== 'tool-call' ? ` · ${entry.tool}` : ''} <time dateTime={entry.at}>{clockTime(entry.at)}</time>
    </span>
  );
  return (
    <li className={`entry entry--${entry.kind}${entry.isError ? ' entry--error' : ''}`}>
      {entry.kind !== 'tool-call' && who}
      <EntryBody entry={entry} />
    </li>
  );
}

function EntryBody({ entry }: { entry: TranscriptEntry }) {
  if (entry.kind === 'assistant') {
    // react-markdown renders Markdown as React elements and drops raw HTML (no rehype-raw).
    return (
      <div className="entry__text markdown">
        <Markdown>{entry.text}</Markdown>
      </div>
    );
  }
  if (entry.kind === 'tool-call') {
    const line = toolLine(entry.tool ?? 'Tool', entry.text);
    return (
      <details className="tool-line">
        <summary>{line.label}</summary>
        {line.patch && line.path ? <DiffView patch={line.patch} path={line.path} label={`Change to ${line.path}`} /> : <pre className="entry__code">{entry.text}</pre>}
      </details>
    );
  }
  if (entry.kind === 'tool-result') {
    const diff = parseDiff(entry.text);
    const lines = entry.text.split('\n');
    const body = diff ? (
      <pre className="diff" aria-label="Changes">
        {diff.map((line, i) => (
          <span key={i} className={`diff__${line.kind}`}>
            {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    ) : (
      <pre className="entry__code">{entry.text}</pre>
    );
    if (lines.length <= SHORT_RESULT_LINES) return body;
    return (
      <details className="tool-output">
        <summary>
          {lines[0]} <span className="muted">({lines.length} lines)</span>
        </summary>
        {body}
      </details>
    );
  }
  return <p className="entry__text">{entry.text}</p>;
}
