// Linking this computer to the owner's Signal account, the way Signal Desktop does it: a QR code
// of the current sgnl://linkdevice URL (redrawn whenever the daemon renews it), the same three
// steps, live status, then a success or failure screen.
import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import type { IdentityChange, Pairing, Status } from '../../src-main/shared/api';
import { Alert, ErrorLine, Notice } from '../components/common';
import { BackLink } from '../components/BackLink';
import { clockTime, signalLine } from '../format';
import { useAction, useLive } from '../state/live';

export function PairingView() {
  const { status, pairing, client } = useLive();
  const start = useAction();
  const started = useRef(false);
  const state = pairing?.state ?? status?.signal.state;
  const needsLink = state === 'unlinked' || state === 'unlinked-by-phone';

  // Like Signal Desktop, show a code straight away instead of asking for a click first.
  useEffect(() => {
    if (started.current || !pairing || pairing.url || !needsLink) return;
    started.current = true;
    void start.run(() => client.call('pairingStart', {}));
  }, [pairing, needsLink, client]);

  return (
    <main className="view pairing" aria-labelledby="view-title">
      <BackLink />
      <h1 id="view-title" tabIndex={-1}>
        Link with Signal
      </h1>
      <div aria-live="polite">
        {state === 'connected' && status ? (
          <Linked status={status} />
        ) : state === 'connecting' ? (
          <p className="status-line">Your phone accepted. Finishing the link with Signal…</p>
        ) : pairing?.error ? (
          <Failed error={pairing.error} busy={start.busy} retry={() => void start.run(() => client.call('pairingStart', {}))} />
        ) : pairing?.url ? (
          <ScanCode pairing={pairing} unlinkedByPhone={state === 'unlinked-by-phone'} />
        ) : (
          <div>
            <p className="status-line">{start.busy || state === 'linking' ? 'Asking Signal for a linking code…' : 'No linking code yet.'}</p>
            {status?.signal.lastError && <Alert>{status.signal.lastError}</Alert>}
            <ErrorLine error={start.error} />
            {!start.busy && (
              <button type="button" onClick={() => void start.run(() => client.call('pairingStart', {}))}>
                Try again
              </button>
            )}
          </div>
        )}
      </div>
      {status && status.signal.identityChanges > 0 && <IdentityChanges />}
    </main>
  );
}

function ScanCode({ pairing, unlinkedByPhone }: { pairing: Pairing; unlinkedByPhone: boolean }) {
  return (
    <div className="pairing__scan">
      <QrCanvas value={pairing.url ?? ''} />
      <div>
        {unlinkedByPhone && <Notice tone="warn">This computer was unlinked from your phone. Scan the code to link it again.</Notice>}
        <h2>Scan this code in the Signal app on your phone</h2>
        <ol className="steps">
          <li>Open Signal on your phone</li>
          <li>
            Tap <strong>Settings</strong>, then tap <strong>Linked devices</strong>
          </li>
          <li>
            Tap <strong aria-label="plus">+</strong> (Android) or <strong>Link new device</strong> (iPhone)
          </li>
        </ol>
        <p className="muted small" role="status">
          Waiting for your phone.{pairing.expiresAt ? ` This code renews by itself before ${clockTime(pairing.expiresAt)}.` : ' This code renews by itself.'}
        </p>
      </div>
    </div>
  );
}

/** Drawn here from the URL (never fetched as an image), black on white in both themes so phones read it. */
function QrCanvas({ value }: { value: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!canvas.current || !value) return;
    QRCode.toCanvas(canvas.current, value, { errorCorrectionLevel: 'M', margin: 4, scale: 6, color: { dark: '#000000', light: '#ffffff' } }).then(
      () => setError(undefined),
      (e: unknown) => setError(`Cannot draw the code (${e instanceof Error ? e.message : String(e)}).`),
    );
  }, [value]);
  return (
    <figure className="qr">
      <canvas ref={canvas} role="img" aria-label="QR code to link this computer with Signal" data-testid="pairing-qr" />
      <ErrorLine error={error} />
    </figure>
  );
}

function Linked({ status }: { status: Status }) {
  const { client } = useLive();
  return (
    <div className="result result--ok">
      <h2>This computer is linked</h2>
      <p>{signalLine(status.signal).text}. Write to yourself in Note to Self on your phone to give Claude its first task.</p>
      <button type="button" onClick={() => client.openView({ view: 'popover' })}>
        Done
      </button>
    </div>
  );
}

function Failed({ error, busy, retry }: { error: string; busy: boolean; retry: () => void }) {
  return (
    <div className="result result--failed" role="alert">
      <h2>Linking did not finish</h2>
      <p>{error}</p>
      <button type="button" disabled={busy} onClick={retry}>
        Try again
      </button>
    </div>
  );
}

function IdentityChanges() {
  const { client } = useLive();
  const [changes, setChanges] = useState<IdentityChange[] | undefined>();
  const load = useAction();
  const confirm = useAction();
  useEffect(() => {
    // Loaded once per visit; confirming reloads below.
    void load.run(async () => setChanges((await client.call('identityChanges', {})).changes));
  }, [client]);
  return (
    <section className="section" aria-labelledby="identity-title">
      <h2 id="identity-title">Safety numbers that changed</h2>
      <ErrorLine error={load.error ?? confirm.error} />
      <ul className="list">
        {(changes ?? []).map((c) => (
          <li key={c.id} className="item item__row">
            <span>
              {c.who}, since {clockTime(c.at)}
            </span>
            <button
              type="button"
              disabled={confirm.busy}
              onClick={() =>
                void confirm.run(async () => {
                  await client.call('identityConfirm', { id: c.id });
                  setChanges((await client.call('identityChanges', {})).changes);
                })
              }
            >
              Confirm {c.who}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
