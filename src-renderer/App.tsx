// The app shell: which view is showing (from the page's hash, or the window's own hash in the
// desktop app), the theme from the Appearance preference, and the connection banner.
import { useEffect, useRef, useState } from 'react';
import type { AppView } from '../src-main/shared/api';
import { viewFromHash, type UiClient } from './api/ui-client';
import { LiveProvider, useLive } from './state/live';
import { DemoPhonePanel } from './views/DemoPhonePanel';
import { PairingView } from './views/PairingView';
import { Popover } from './views/Popover';
import { PreferencesView } from './views/PreferencesView';
import { SessionView } from './views/SessionView';

export function App({ client }: { client: UiClient }) {
  return (
    <LiveProvider client={client}>
      <Shell />
    </LiveProvider>
  );
}

function Shell() {
  const { client, connection, preferences, demoPhone } = useLive();
  const view = useHashView();
  const first = useRef(true);

  useEffect(() => {
    const appearance = preferences?.values.appearance ?? 'system';
    if (appearance === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = appearance;
  }, [preferences?.values.appearance]);

  // A new view is announced by moving focus to its title (not on first load: the page keeps its start).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('view-title')?.focus();
  }, [view]);

  // Escape goes back to the overview on the page, and closes the window in the desktop app.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (client.desktop) window.close();
      else if (viewFromHash(window.location.hash).view !== 'popover') client.openView({ view: 'popover' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);

  return (
    <>
      {connection === 'lost' && (
        <p className="banner" role="alert">
          Lost the connection to Signal Claude. It may have stopped; this page reconnects when it is back.
        </p>
      )}
      {connection === 'unauthorized' && (
        <p className="banner" role="alert">
          Signal Claude restarted with a new access token. Open the Dashboard URL it printed to continue.
        </p>
      )}
      {demoPhone ? (
        <div className="demo-layout">
          <CurrentView view={view} />
          <DemoPhonePanel messages={demoPhone} />
        </div>
      ) : (
        <CurrentView view={view} />
      )}
    </>
  );
}

function CurrentView({ view }: { view: AppView }) {
  switch (view.view) {
    case 'pairing':
      return <PairingView />;
    case 'preferences':
      return <PreferencesView />;
    case 'session':
      return <SessionView key={view.id} id={view.id} />;
    case 'popover':
      return <Popover />;
  }
}

function useHashView(): AppView {
  const [view, setView] = useState(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return view;
}
