// Today's date for Claude without breaking the prompt cache: the system prompt keeps the date
// the session started (it is part of the cached prefix), and the first owner message of a later
// day carries a short note with the new date — the way Claude Code tells the model the date
// has changed.
import type { TextBlock } from '../content.js';
import type { Step } from '../transcript.js';

/** YYYY-MM-DD in the computer's own time zone (the owner's day, not UTC's). */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function dateNote(date: string): string {
  return `(Today's date is ${date}.)`;
}

/**
 * The note to add to an owner message sent at `now`, or none when Claude already knows the
 * day: from the previous owner message (which carried a note if its day was new) or, for the
 * first one, from the system prompt's date (`startedAt`).
 */
export function dateNoteFor(steps: readonly Step[], startedAt: number, now: number): TextBlock[] {
  const previous = steps.findLast((s) => s.kind === 'user' && s.origin === 'owner');
  const known = localDate(previous?.at ?? startedAt);
  const today = localDate(now);
  return today === known ? [] : [{ type: 'text', text: dateNote(today) }];
}
