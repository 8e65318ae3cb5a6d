// How many received files may wait for their download at once. Downloads run one after another
// after the acknowledgement; a burst of files (each up to 100 MB) behind a slow CDN would
// otherwise grow a queue without end. Files past the bound are not fetched: they are stored as
// failed with the reason, so the owner reads which file was not taken and why, and the message
// itself goes on at once. The full text of a long message is always fetched (it is the message).
import { LONG_TEXT_CONTENT_TYPE } from '../receive/content-parser.js';

export const MAX_WAITING_DOWNLOADS = 20;

/** Why a file was not fetched (shown to the owner after "could not be downloaded"). */
export const DOWNLOADS_FULL = `${MAX_WAITING_DOWNLOADS} files were already waiting to download; send it again once they are in`;

/** For each file of a new message, whether it may join the `waiting` downloads. */
export function admitDownloads(files: readonly { readonly contentType: string }[], waiting: number): boolean[] {
  let room = MAX_WAITING_DOWNLOADS - waiting;
  return files.map((f) => {
    if (f.contentType === LONG_TEXT_CONTENT_TYPE) return true;
    room -= 1;
    return room >= 0;
  });
}
