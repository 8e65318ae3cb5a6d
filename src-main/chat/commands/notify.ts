// /notify [all|done|needs-me|off]: how much of the current project's work reaches the phone.
// Takes effect with the next message the project sends; the answer itself always arrives.
import { NOTIFY_LEVELS, type NotifyLevel } from '../../shared/config.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectNotify, setProjectNotify } from '../../sessions/project-notify.js';
import { notifyChanged, notifyList, notifyUsage } from '../../display/wording/notify-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

/** "needs me", "Needs-Me" and "needs_me" all mean needs-me. */
function levelOf(args: readonly string[]): NotifyLevel | undefined {
  const word = args.join('-').toLowerCase().replace(/_/g, '-');
  return (NOTIFY_LEVELS as readonly string[]).includes(word) ? (word as NotifyLevel) : undefined;
}

export const notifyCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'notify',
    usage: '/notify [all|done|needs-me|off]',
    summary: 'how much of the project reaches your phone',
    run: (_s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      if (input.args.length === 0) return { reply: notifyList(project.name, projectNotify(state, project.id)) };
      const level = levelOf(input.args);
      if (!level) return { reply: notifyUsage };
      setProjectNotify(state, project.id, level);
      return { reply: notifyChanged(project.name, level) };
    },
  });
