// Serves the built renderer on app://renderer/ with the same CSP as the headless page. A
// privileged standard scheme gives the windows a real origin of their own (file:// would share
// one with every local file) and lets the IPC handlers recognise their frames.
import { protocol } from 'electron';
import { loadStaticFile } from '../host/static-files.js';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from './web-preferences.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const file = await loadStaticFile(rendererRoot, url.pathname);
    return new Response(new Uint8Array(file.body), {
      status: file.status,
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
