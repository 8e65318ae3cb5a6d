// What the real Messages API would refuse in a request, checked on every request the scripted
// server recorded: the scripted server itself is lenient, the real one is not. A session that
// "keeps working" after a fault must keep sending requests the API accepts.
import type { RecordedRequest } from '../../helpers/anthropic-server.js';

type Block = { type: string; id?: string; tool_use_id?: string; text?: string };

export function requestProblems(request: RecordedRequest): string[] {
  const problems: string[] = [];
  const messages = request.body.messages;
  if (messages.length === 0) return ['no messages'];
  if (messages[0]?.role !== 'user') problems.push('the first message is not from the user');
  messages.forEach((m, i) => {
    const blocks: Block[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content as Block[]);
    if (blocks.length === 0) problems.push(`message ${i} is empty`);
    if (i > 0 && messages[i - 1]?.role === m.role) problems.push(`messages ${i - 1} and ${i} are both ${m.role}`);
    if (m.role !== 'assistant') return;
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    if (uses.length === 0) return;
    const next = messages[i + 1];
    const nextBlocks: Block[] = next && typeof next.content !== 'string' ? (next.content as Block[]) : [];
    const answered = new Set(nextBlocks.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id));
    for (const id of uses) if (!answered.has(id) && next) problems.push(`tool_use ${id} in message ${i} has no tool_result in the next message`);
  });
  return problems;
}

export function allRequestProblems(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((r, i) => requestProblems(r).map((p) => `request #${i}: ${p}`));
}
