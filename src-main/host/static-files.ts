// Serves the built renderer (dist-renderer/) with a strict CSP. Paths are resolved inside the
// root only; anything else falls back to index.html (the renderer routes on the client).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface StaticFile {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

const NOT_FOUND: StaticFile = { status: 404, type: 'text/plain; charset=utf-8', body: Buffer.from('Not found\n') };

export async function loadStaticFile(root: string, pathname: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return NOT_FOUND; // a broken %-escape names no file of ours
  }
  const clean = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, clean);
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
  if (inside && extname(candidate) !== '') {
    try {
      return { status: 200, type: TYPES[extname(candidate)] ?? 'application/octet-stream', body: await readFile(candidate) };
    } catch {
      return NOT_FOUND;
    }
  }
  try {
    return { status: 200, type: TYPES['.html']!, body: await readFile(join(root, 'index.html')) };
  } catch {
    return {
      status: 503,
      type: 'text/plain; charset=utf-8',
      body: Buffer.from('The dashboard is not built yet. Run `npm run build` (or `npm start`, which builds it) and reload.\n'),
    };
  }
}
