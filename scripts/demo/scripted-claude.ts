// The demo's stand-in for Claude when no ANTHROPIC_API_KEY is set: a responder for the local
// Anthropic-compatible server (test/helpers/anthropic-server.ts) that understands a few
// requests well enough to show the whole flow — reading (no approval), editing a file and
// running a command (both wait for the owner's approval) — and says plainly what it is for
// anything else. It reads only what the real API would get: the request's messages.
import { reply, text, toolUse, type RecordedRequest, type RequestBody, type Script, type ScriptBlock } from '../../test/helpers/anthropic-server.js';

type Message = RequestBody['messages'][number];
type Block = Exclude<Message['content'], string>[number];

/** Streamed in small pieces, a little slowly, so the page shows Claude writing. */
const STREAM = { chunkChars: 6, delayMs: 25 } as const;

const PLANS = [
  { name: 'list', test: /\b(list|files?|what('| i)s (in|here)|show|look)\b/i },
  { name: 'edit', test: /\b(readme|edit|change|add a line|write)\b/i },
  { name: 'run', test: /\b(run|ls|command|shell|test)\b/i },
] as const;
type Plan = (typeof PLANS)[number]['name'];

export function scriptedClaude(request: RecordedRequest): Script {
  const body = request.body;
  const root = /^Project root: (.+)$/m.exec(systemText(body))?.[1] ?? '.';
  const turn = currentTurn(body.messages);
  const plan = PLANS.find((p) => p.test.test(turn.instruction))?.name;
  return reply(next(plan, turn, root), STREAM);
}

interface Turn {
  /** What the owner asked (the turn's first user text). */
  readonly instruction: string;
  /** Tool results so far in this turn, in order: tool name → output text. */
  readonly results: Array<{ tool: string; output: string; isError: boolean }>;
}

function next(plan: Plan | undefined, turn: Turn, root: string): ScriptBlock[] {
  const done = turn.results;
  const last = done.at(-1);
  if (last?.isError) {
    return [text(/denied|not allowed|refused/i.test(last.output) ? `Understood — I left everything as it was.` : `That did not work: ${firstLine(last.output)}`)];
  }
  switch (plan) {
    case 'list':
      if (done.length === 0) return [text('Let me look at the project.'), toolUse('Glob', { pattern: '**/*' })];
      return [text(listAnswer(last?.output ?? '', root))];
    case 'edit': {
      const readme = `${root}/README.md`;
      if (done.length === 0) return [text('I will read the README first.'), toolUse('Read', { file_path: readme })];
      if (done.length === 1) {
        const title = /^\s*1\t(.*)$/m.exec(last?.output ?? '')?.[1] ?? '';
        if (!title) return [text('The README is empty, so there is nothing to extend.')];
        return [
          text('Now I add a line under the title.'),
          toolUse('Edit', { file_path: readme, old_string: title, new_string: `${title}\n\n_Edited from my phone, through Signal._` }),
        ];
      }
      return [text('Done: **README.md** now has a line under its title saying it was edited from your phone. Reply /diff to see the change.')];
    }
    case 'run':
      if (done.length === 0) return [text('Running `ls -la` in the project.'), toolUse('Bash', { command: 'ls -la' })];
      return [text(`\`ls -la\` printed:\n\`\`\`\n${clip(last?.output ?? '', 12)}\n\`\`\``)];
    default:
      return [
        text(
          "Hi! I am the demo's scripted stand-in for Claude: no API key is set, so nothing leaves this computer. " +
            'I understand a few requests: *list the files*, *add a line to the README* (asks for your approval) and *run ls*. ' +
            'Start the demo with ANTHROPIC_API_KEY set to talk to the real Claude.',
        ),
      ];
  }
}

function systemText(body: RequestBody): string {
  return typeof body.system === 'string' ? body.system : (body.system ?? []).map((b) => b.text).join('\n');
}

/** The current turn: from the last user message that carries the owner's text (not only tool results). */
function currentTurn(messages: readonly Message[]): Turn {
  const blocks = (m: Message): Block[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content);
  let start = messages.length - 1;
  while (start > 0 && !(messages[start]?.role === 'user' && blocks(messages[start] as Message).some((b) => b.type === 'text'))) start--;
  const first = messages[start];
  const instruction = first ? blocks(first).filter((b) => b.type === 'text').map((b) => String(b.text)).join('\n') : '';
  const names = new Map<string, string>();
  const results: Turn['results'] = [];
  for (const m of messages.slice(start)) {
    for (const b of blocks(m)) {
      if (b.type === 'tool_use') names.set(String(b.id), String(b.name));
      if (b.type === 'tool_result') results.push({ tool: names.get(String(b.tool_use_id)) ?? '?', output: resultText(b.content), isError: b.is_error === true });
    }
  }
  return { instruction, results };
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c: { type?: string; text?: string }) => (c.type === 'text' ? (c.text ?? '') : '')).join('\n');
  return '';
}

function listAnswer(output: string, root: string): string {
  const files = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('['))
    .map((l) => (l.startsWith(`${root}/`) ? l.slice(root.length + 1) : l));
  if (files.length === 0) return 'The project folder is empty.';
  return `The project has ${files.length} file${files.length === 1 ? '' : 's'}:\n${files.slice(0, 15).map((f) => `- \`${f}\``).join('\n')}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function clip(s: string, lines: number): string {
  const all = s.split('\n');
  return all.length > lines ? [...all.slice(0, lines), `… (${all.length - lines} more lines)`].join('\n') : s;
}
