// Entry of the renderer. In the Electron app the preload has put the bridge on window; on the
// headless daemon's page the token arrives in the URL once and the contract goes over HTTP.
import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopBridge } from '../src-main/shared/api';
import { App } from './App';
import { HttpApiClient } from './api/http-client';
import { IpcApiClient } from './api/ipc-client';
import { takeToken } from './api/token';
import type { UiClient } from './api/ui-client';

declare global {
  interface Window {
    readonly signalClaude?: DesktopBridge;
  }
}

function createClient(): UiClient | undefined {
  if (window.signalClaude) return new IpcApiClient(window.signalClaude);
  const token = takeToken(window.location, window.sessionStorage, window.history);
  if (!token) return undefined;
  return new HttpApiClient(window.location.origin, token, (hash) => {
    window.location.hash = hash;
  });
}

const root = createRoot(document.getElementById('root') as HTMLElement);
const client = createClient();
root.render(
  <StrictMode>
    {client ? (
      <App client={client} />
    ) : (
      <main className="view">
        <h1>Signal Claude</h1>
        <p role="alert">This page needs the access token. Open the Dashboard URL that Signal Claude printed when it started.</p>
      </main>
    )}
  </StrictMode>,
);
