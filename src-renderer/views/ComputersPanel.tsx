// The account's other computers that run Signal Claude (issue 16), read-only: each one's name,
// when it was last heard from, whether it is still linked, and its projects. The overview shows
// the others once there are any; Preferences lists this one too. Names are changed with Name
// (Preferences) or `/name` from the phone; two computers of one name are flagged here as well.
import { useEffect, useState } from 'react';
import type { ComputerView } from '../../src-main/shared/api';
import { ErrorLine, Notice } from '../components/common';
import { relativeTime } from '../format';
import { useAction, useLive, useNow } from '../state/live';

function useComputers(): { computers: ComputerView[] | undefined; error: string | undefined } {
  const { client, onEvent } = useLive();
  const [computers, setComputers] = useState<ComputerView[] | undefined>();
  const load = useAction();
  useEffect(() => {
    void load.run(async () => setComputers((await client.call('computers', {})).computers));
    return onEvent((event) => {
      if (event.type === 'computers') setComputers(event.computers);
    });
  }, [client, onEvent, load.run]);
  return { computers, error: load.error };
}

/** The overview's section: only when another computer is known. */
export function OtherComputersSection() {
  const { computers, error } = useComputers();
  const others = computers?.filter((c) => !c.self) ?? [];
  if (others.length === 0) return error ? <ErrorLine error={error} /> : null;
  return (
    <section className="section" aria-labelledby="computers-title">
      <h2 id="computers-title">Other computers</h2>
      <ComputerItems computers={computers ?? []} withSelf={false} />
    </section>
  );
}

/** Preferences: every computer on the account, this one first. */
export function ComputersList() {
  const { computers, error } = useComputers();
  return (
    <div className="field">
      <h3 className="label" id="account-computers">
        Computers on this account
      </h3>
      <ErrorLine error={error} />
      {computers && computers.length === 1 && <p className="muted small">Only this one. Link Signal Claude on another computer to the same account and it shows here; <code>@name</code> then sends to one of them.</p>}
      {computers && computers.length > 1 && <ComputerItems computers={computers} withSelf />}
    </div>
  );
}

function ComputerItems({ computers, withSelf }: { computers: ComputerView[]; withSelf: boolean }) {
  const now = useNow();
  const shown = withSelf ? computers : computers.filter((c) => !c.self);
  const clash = computers.find((c) => c.self && c.sameName) ?? computers.find((c) => c.sameName);
  return (
    <>
      {clash && (
        <Notice tone="warn">
          Several computers are called <strong>{clash.name}</strong>, so <code>@{clash.name}</code> reaches none of them: give one another name (Name, under Signal in
          its Preferences).
        </Notice>
      )}
      <ul className="list" aria-label={withSelf ? 'Computers on this account' : 'Other computers'}>
        {shown.map((c) => (
          <li key={`${c.device ?? 'self'}-${c.name}`} className="item computer">
            <p className="item__row">
              <strong>
                {c.name}
                {c.sameName && c.device !== null && <span className="muted"> #{c.device}</span>}
              </strong>
              <span className={`badge badge--${c.state === 'unlinked' ? 'terminated' : 'active'}`}>{c.state === 'this-computer' ? 'this computer' : c.state}</span>
            </p>
            <dl className="facts small">
              {!c.self && (
                <>
                  <dt>Last seen</dt>
                  <dd>{relativeTime(c.lastSeen, now)}</dd>
                </>
              )}
              <dt>Projects</dt>
              <dd>{c.projects.length ? c.projects.join(', ') : 'none'}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
