// /name: this computer's name, and `/name NEW` to rename it (issue 16). The renaming itself is
// chat/computer-name.ts; it happens in `prepare` (before the transaction that marks the message
// handled), being safe to repeat: a second run finds the name already taken by this computer.
import { computerNameInvalid, computerNameIs, computerNameTaken, computerNameUnchanged, computerRenamed } from '../../display/wording/index.js';
import { defineCommand } from '../command.js';
import type { RenameOutcome } from '../computer-name.js';

export const nameCommand = defineCommand<RenameOutcome | undefined>({
  name: 'name',
  usage: '/name [NEW]',
  summary: "this computer's name; with NEW, rename it",
  prepare: async (s, input) => (input.rest && s.renameComputer ? s.renameComputer(input.rest) : undefined),
  run: (s, _input, outcome) => {
    if (!outcome) return { reply: computerNameIs(s.computers?.selfName() ?? 'this computer') };
    switch (outcome.kind) {
      case 'renamed':
        return { reply: computerRenamed(outcome.name, outcome.onServer) };
      case 'unchanged':
        return { reply: computerNameUnchanged(outcome.name) };
      case 'taken':
        return { reply: computerNameTaken(outcome.name) };
      case 'invalid':
        return { reply: computerNameInvalid(outcome.reason) };
    }
  },
});
