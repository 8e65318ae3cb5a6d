// /help: every command with its usage, from the command table itself.
import { helpText } from '../../display/wording/index.js';
import { defineCommand, type Command } from '../command.js';

export function helpCommand(all: () => readonly Command[]): Command {
  return defineCommand({
    name: 'help',
    usage: '/help',
    summary: 'this list',
    run: () => ({ reply: helpText(all()) }),
  });
}
