// What the phone reads about /notify: how much of a project's work reaches the phone, per level.
import { NOTIFY_LEVELS, type NotifyLevel } from '../../shared/config.js';

const LEVEL_WORDS: Readonly<Record<NotifyLevel, string>> = {
  all: 'progress while Claude works; the answer and approvals ring',
  done: 'no progress messages; the answer and approvals ring',
  'needs-me': 'only approvals ring; the answer arrives silently, no progress messages',
  off: 'nothing rings; answers and approvals arrive silently, no progress messages',
};

/** How a level reads inside a sentence ("needs-me" is a command word; people say "needs me"). */
export const notifyLevelName = (level: NotifyLevel): string => level.replace('-', ' ');

/** /notify without an argument: the current level and every level with what it means. */
export function notifyList(projectName: string, current: NotifyLevel): string {
  const list = NOTIFY_LEVELS.map((l) => `${l === current ? '▶' : '•'} \`${l}\` — ${LEVEL_WORDS[l]}`).join('\n');
  return `🔔 Notifications for **${projectName}**: **${notifyLevelName(current)}**.\n${list}`;
}

export const notifyUsage = `Use \`/notify ${NOTIFY_LEVELS.join('|')}\` (or \`/notify\` to see the current level).`;

export const notifyChanged = (projectName: string, level: NotifyLevel): string =>
  `${level === 'off' ? '🔕' : '🔔'} Notifications for **${projectName}**: **${notifyLevelName(level)}** — ${LEVEL_WORDS[level]}.`;

/** The /status line. */
export const notifyStatusLine = (level: NotifyLevel): string => `${level === 'off' ? '🔕' : '🔔'} Notifications: ${notifyLevelName(level)} (\`/notify\` to change)`;
