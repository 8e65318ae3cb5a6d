// What the views talk to: the API contract plus the two things that differ between the desktop
// app and the browser page — whether the live connection is up, and how another view opens.
import type { ApiClient, AppView } from '../../src-main/shared/api';

/** unauthorized: the daemon answers but not to this page's token (it restarted with a new one). */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'unauthorized';

export interface UiClient extends ApiClient {
  /** True in the Electron app (views open as their own windows). */
  readonly desktop: boolean;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  openView(view: AppView): void;
}

/** The page's own router: "#/", "#/pairing", "#/preferences", "#/session/<id>". */
export function viewFromHash(hash: string): AppView {
  const path = hash.replace(/^#/, '');
  if (path === '/pairing') return { view: 'pairing' };
  if (path === '/preferences') return { view: 'preferences' };
  const session = /^\/session\/([^/]+)$/.exec(path);
  if (session?.[1]) return { view: 'session', id: decodeURIComponent(session[1]) };
  return { view: 'popover' };
}

export function hashForView(view: AppView): string {
  switch (view.view) {
    case 'popover':
      return '#/';
    case 'session':
      return `#/session/${encodeURIComponent(view.id)}`;
    default:
      return `#/${view.view}`;
  }
}
