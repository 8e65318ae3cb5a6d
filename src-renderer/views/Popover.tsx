// The tray popover (and the page's overview): the Signal link, what needs an answer, the
// sessions, and the app's own actions.
import type { SessionSummary, Status } from '../../src-main/shared/api';
import { Alert, Dot, ErrorLine, Notice, StateBadge } from '../components/common';
import { ViewLink } from '../components/ViewLink';
import { ApprovalCard } from '../components/ApprovalCard';
import { durationText, money, relativeTime, signalLine } from '../format';
import { useAction, useLive, useNow } from '../state/live';
import { pendingApprovals, sessionsForDisplay } from '../state/live-state';
import { TurnStatus } from '../components/TurnStatus';
import { FirstSteps } from '../components/FirstSteps';
import { OtherComputersSection } from './ComputersPanel';
import { CaptchaChallenge } from '../components/CaptchaChallenge';

export function Popover() {
  const { status, sessions, client, loadError } = useLive();
  const now = useNow();
  const approvals = pendingApprovals(sessions);
  const quit = useAction();

  return (
    <main className="view popover" aria-labelledby="view-title">
      <header className="view__header">
        <h1 id="view-title" tabIndex={-1} className="app-title">
          <img src="./favicon.png" alt="" width={22} height={22} />
          Signal Claude
        </h1>
        {status ? <SignalLine status={status} /> : <p className="muted">Loading…</p>}
      </header>

      <ErrorLine error={loadError} />
      {status?.signal.challenge && <CaptchaChallenge challenge={status.signal.challenge} />}
      {status && !status.health.ok && <HealthNotice status={status} />}
      {status && status.signal.identityChanges > 0 && (
        <Notice tone="warn">
          {status.signal.identityChanges === 1 ? 'A safety number changed' : `${status.signal.identityChanges} safety numbers changed`}: messages from
          them wait until you confirm. <ViewLink view={{ view: 'pairing' }}>Review</ViewLink>
        </Notice>
      )}

      <FirstSteps />

      {approvals.length > 0 && (
        <section aria-labelledby="approvals-title" className="section">
          <h2 id="approvals-title">Waiting for your answer</h2>
          <ul className="list">
            {approvals.map((a) => (
              <ApprovalCard key={a.id} approval={a} now={now} />
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="sessions-title" className="section">
        <h2 id="sessions-title">Sessions</h2>
        {sessions.length === 0 ? (
          <p className="muted empty">
            No sessions yet.{' '}
            {status?.signal.state === 'connected'
              ? 'Write to yourself in Note to Self on your phone to start one.'
              : 'Link this computer with Signal first, then write to yourself in Note to Self.'}
          </p>
        ) : (
          <ul className="list">
            {sessionsForDisplay(sessions).map((s) => (
              <SessionItem key={s.id} session={s} now={now} />
            ))}
          </ul>
        )}
      </section>

      <OtherComputersSection />

      <ErrorLine error={quit.error} />
      <footer className="actions" aria-label="App">
        <button type="button" className={status && status.signal.state !== 'connected' ? 'button--primary' : undefined} onClick={() => client.openView({ view: 'pairing' })}>
          Pair device
        </button>
        <button type="button" onClick={() => client.openView({ view: 'preferences' })}>
          Preferences
        </button>
        <button type="button" className="button--quiet" disabled={quit.busy} onClick={() => void quit.run(() => client.call('quit', {}))}>
          Quit
        </button>
      </footer>
      {status && (
        <p className="muted small about">
          Version {status.app.version} · {status.app.headless ? 'headless' : 'desktop app'} · up {durationText(now - Date.parse(status.app.startedAt))}
          {' · '}
          database {status.health.store.ok ? 'OK' : 'not OK'}
        </p>
      )}
    </main>
  );
}

function SignalLine({ status }: { status: Status }) {
  const line = signalLine(status.signal);
  return (
    <p className="signal-line" role="status">
      <Dot tone={line.tone} />
      <span>{line.text}</span>
      {status.signal.lastError && status.signal.state !== 'connected' && <span className="muted"> ({status.signal.lastError})</span>}
    </p>
  );
}

/** Why the app is degraded, in the daemon's words; Signal's own state is the line above. */
function healthLines(status: Status): string[] {
  const h = status.health;
  if (!h.store.ok) return [`The database is not right (${h.store.detail ?? 'not open'}).`];
  // A captcha hold has its own card above (with the form): not said twice.
  const lines = h.problems.filter((p) => !p.code.startsWith('signal-') && !(p.code === 'outbox-stuck' && status.signal.challenge)).map((p) => p.message);
  const failing = Object.entries(h.services).filter(([name, s]) => s.state !== 'running' && name !== 'commands');
  lines.push(...failing.map(([name, s]) => `${name} is ${s.state}${s.detail ? ` (${s.detail})` : ''}.`));
  return lines;
}

function HealthNotice({ status }: { status: Status }) {
  const lines = healthLines(status);
  if (lines.length === 0) return null;
  return (
    <Alert>
      Something is not right:
      <ul className="health-problems">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Alert>
  );
}

function SessionItem({ session, now }: { session: SessionSummary; now: number }) {
  const { client } = useLive();
  const restart = useAction();
  const crashed = session.state === 'crashed';
  return (
    <li className={`item session${crashed ? ' session--crashed' : ''}`}>
      <div className="item__row">
        <ViewLink view={{ view: 'session', id: session.id }} className="item__title">
          {session.projectName}
        </ViewLink>
        <StateBadge state={session.state} />
      </div>
      <p className="item__meta muted">
        <span>Last activity {relativeTime(session.lastActivityAt, now)}</span>
        <span aria-label={`cost ${money(session.costUsd)}`}>{money(session.costUsd)}</span>
      </p>
      {session.turn && <TurnStatus turn={session.turn} compact />}
      {crashed && session.crash && (
        <div className="crash">
          <p>
            <strong>Crashed:</strong> {session.crash.reason}
            {session.crash.count > 1 && ` (${session.crash.count} times)`}
          </p>
          <button type="button" disabled={restart.busy} onClick={() => void restart.run(() => client.call('sessionRestart', { id: session.id }))}>
            Restart {session.projectName}
          </button>
          <ErrorLine error={restart.error} />
        </div>
      )}
    </li>
  );
}

