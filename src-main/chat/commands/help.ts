import { defineCommand, type Command } from '../command.js';

export function helpCommand(all: () => readonly Command[]): Command {
  return defineCommand({
    name: 'help',
    usage: '/help',
    summary: 'this list',
    run: () => ({
      reply: [
        '**Signal Claude** — write an instruction and Claude works on the current project.',
        '',
        ...all().map((c) => `\`${c.usage}\` — ${c.summary}`),
        '',
        'Start a message with `@project` to address another project, or reply to one of its messages.',
        'Approvals: reply `yes ID`, `always ID` or `no ID`, or react 👍 / ♾️ / 👎.',
      ].join('\n'),
    }),
  });
}
