// /undelivered: the replies that could not be delivered (what, when, why), newest first. Listing
// them clears the health problem: the owner has seen them.
import { nothingUndelivered, undeliveredList } from '../../display/wording/undelivered.js';
import { defineCommand } from '../command.js';
import type { Undelivered } from '../undelivered.js';

export const undeliveredCommand = (undelivered: Undelivered) =>
  defineCommand({
    name: 'undelivered',
    usage: '/undelivered',
    summary: 'replies that could not be delivered, and why',
    run: (s) => {
      const { items, total } = undelivered.list();
      return { reply: total === 0 ? nothingUndelivered : undeliveredList(items, total, s.clock.now()) };
    },
  });
