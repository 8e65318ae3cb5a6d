// What the phone says about replies that could not be delivered: the one summary sent when the
// link works again, and the /undelivered list (what, when, why).
import { excerpt, formatAgo } from './format.js';

export interface UndeliveredItem {
  readonly createdAt: number;
  /** The start of the message's text ("" for an attachment without text). */
  readonly text: string;
  readonly attachments: number;
  readonly why: string | null;
}

const replies = (n: number): string => `${n} ${n === 1 ? 'reply' : 'replies'}`;

export const undeliveredSummary = (count: number, oldestAt: number, now: number): string =>
  `⚠️ ${replies(count)} could not be delivered (the first ${formatAgo(oldestAt, now)}); send /undelivered to see ${count === 1 ? 'it' : 'them'}.`;

export const nothingUndelivered = 'Every reply was delivered: nothing is missing.';

export function undeliveredList(items: readonly UndeliveredItem[], total: number, now: number): string {
  const lines = items.map((item) => {
    const what = item.text ? `"${excerpt(item.text, 60)}"` : `${item.attachments} attachment${item.attachments === 1 ? '' : 's'}`;
    return `• ${formatAgo(item.createdAt, now)}: ${what}${item.why ? ` (${item.why})` : ''}`;
  });
  const more = total > items.length ? `\n…and ${total - items.length} older.` : '';
  return `**${replies(total)} could not be delivered**, newest first:\n${lines.join('\n')}${more}`;
}
