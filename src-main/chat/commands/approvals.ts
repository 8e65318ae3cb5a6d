// /allow [id] and /deny [id] [reason]: answer what Claude is waiting for.
import { defineCommand, type ChatServices, type CommandInput, type CommandResult } from '../command.js';
import { answerApproval, findPending } from '../approval-answers.js';

function answer(s: ChatServices, input: CommandInput, decision: 'once' | 'always' | 'deny'): CommandResult {
  const [first, ...more] = input.args;
  const always = decision === 'once' && first?.toLowerCase() === 'always';
  const idArg = always ? more[0] : first;
  const id = idArg && /^[0-9a-f]{4,8}$/i.test(idArg) ? idArg.toLowerCase() : undefined;
  const found = findPending(s.supervisor, id);
  if (!found.approval) return { reply: found.problem };
  const reasonWords = decision === 'deny' ? (id ? input.args.slice(1) : input.args) : [];
  const result = answerApproval(s.supervisor, found.approval, always ? 'always' : decision, reasonWords.join(' ') || undefined, 'owner', s.clock.now());
  return { reply: result.reply, after: result.after };
}

export const allowCommand = defineCommand({
  name: 'allow',
  usage: '/allow [always] [id]',
  summary: 'approve what Claude asked (once, or always for this session)',
  run: (s, input) => answer(s, input, 'once'),
});

export const denyCommand = defineCommand({
  name: 'deny',
  usage: '/deny [id] [reason]',
  summary: 'refuse what Claude asked; the reason is passed on to Claude',
  run: (s, input) => answer(s, input, 'deny'),
});
