// /allow [id] and /deny [id] [reason]: answer what Claude is waiting for.
import { defineCommand, type ChatServices, type CommandInput, type CommandResult } from '../command.js';
import { parseApprovalArgs } from '../parse-input.js';

function answer(s: ChatServices, input: CommandInput, command: 'allow' | 'deny'): CommandResult {
  const { decision, id, reason } = parseApprovalArgs(command, input.args);
  const found = s.approvals.find(id);
  if (!found.approval) return { reply: found.problem };
  const result = s.approvals.answer(found.approval, decision, reason, 'owner');
  return { reply: result.reply, after: result.after };
}

export const allowCommand = defineCommand({
  name: 'allow',
  usage: '/allow [always] [id]',
  summary: 'approve a request (always: for the session)',
  run: (s, input) => answer(s, input, 'allow'),
});

export const denyCommand = defineCommand({
  name: 'deny',
  usage: '/deny [id] [reason]',
  summary: 'refuse a request, with a reason for Claude',
  run: (s, input) => answer(s, input, 'deny'),
});
