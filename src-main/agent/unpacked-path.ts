// In a packaged app the worker and command-host entries are unpacked beside app.asar
// (electron-builder.yml asarUnpack), and must be started from there: a worker thread or a child
// process does not read inside app.asar, and their own imports are bundled in (scripts/build.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The unpacked copy of a script inside app.asar where one exists, otherwise the path as it is. */
export function realScriptPath(path: string): string {
  const unpacked = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

/** realScriptPath for a file: URL (other URLs, e.g. data:, are left alone). */
export function realScriptUrl(url: URL): URL {
  return url.protocol === 'file:' ? pathToFileURL(realScriptPath(fileURLToPath(url))) : url;
}
