// The security settings of every window, and the rules for where a window may go. Kept free of
// runtime 'electron' imports (the type import below is erased) so plain-Node tests assert them.
import type { WebPreferences } from 'electron';
import type { AppView } from '../shared/api.js';
import { PAGE_CSP } from '../host/static-files.js';

/** The renderer is served from this privileged scheme, never from file:// (which any local file shares). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const RENDERER_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The same policy the headless page is served with. */
export const RENDERER_CSP = PAGE_CSP;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function rendererUrl(view: AppView): string {
  const hash = view.view === 'popover' ? '#/' : view.view === 'session' ? `#/session/${encodeURIComponent(view.id)}` : `#/${view.view}`;
  return `${RENDERER_ORIGIN}/index.html${hash}`;
}

/** IPC is answered only for frames showing our own renderer. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the app may hand to the system browser; anything else is dropped. */
export const EXTERNAL_ORIGINS = ['https://signal.org', 'https://support.signal.org', 'https://signalcaptchas.org', 'https://console.anthropic.com', 'https://docs.anthropic.com'] as const;

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && (EXTERNAL_ORIGINS as readonly string[]).includes(parsed.origin);
  } catch {
    return false;
  }
}
