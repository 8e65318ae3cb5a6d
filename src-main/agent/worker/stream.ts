// Assembles one streamed Messages API response from its server-sent events. Each event is
// model output from the network, so it is parsed with zod; unknown event and block types are
// skipped (the API adds new ones). A response counts as complete only after message_stop.
import { z } from 'zod';
import { WebSearchResultBlockSchema, type AssistantBlock, type WebSearchResultBlock } from '../content.js';
import { STOP_REASONS, type StopReason } from '../transcript.js';
import { ZERO_USAGE, type Usage } from '../pricing.js';

const UsageFields = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  server_tool_use: z.looseObject({ web_search_requests: z.number().nullish() }).nullish(),
});

const StreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({ id: z.string().optional(), model: z.string().optional(), usage: UsageFields.optional() }),
  }),
  z.looseObject({
    type: z.literal('content_block_start'),
    index: z.number().int(),
    content_block: z.looseObject({ type: z.string() }),
  }),
  z.looseObject({
    type: z.literal('content_block_delta'),
    index: z.number().int(),
    delta: z.looseObject({ type: z.string() }),
  }),
  z.looseObject({ type: z.literal('content_block_stop'), index: z.number().int() }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullish() }),
    usage: UsageFields.optional(),
  }),
  z.looseObject({ type: z.literal('message_stop') }),
]);

export class MalformedStreamError extends Error {}

type Partial =
  | { type: 'text'; text: string; done: boolean }
  | { type: 'tool_use'; id: string; name: string; json: string; done: boolean }
  | { type: 'thinking'; thinking: string; signature: string; done: boolean }
  | { type: 'redacted_thinking'; data: string; done: boolean }
  | { type: 'server_tool_use'; id: string; name: string; json: string; done: boolean }
  | { type: 'web_search_tool_result'; block: WebSearchResultBlock; done: boolean };

export interface AssembledMessage {
  readonly model: string;
  readonly content: AssistantBlock[];
  readonly stopReason: StopReason;
  readonly usage: Usage;
  /** Tool calls whose arguments were cut off (max_tokens); they are dropped, not run. */
  readonly droppedToolUses: number;
  /** The name of the (last) tool call dropped that way. */
  readonly cutToolName?: string | undefined;
}

const str = z.string();

export class MessageAssembler {
  private model = '';
  private readonly blocks = new Map<number, Partial>();
  private stopReason: string | undefined;
  private usage: Usage = { ...ZERO_USAGE };
  private stopped = false;

  constructor(
    private readonly onText: (text: string) => void,
    /** A thinking block started (its text is kept, never relayed). */
    private readonly onThinking: () => void = () => undefined,
  ) {}

  get complete(): boolean {
    return this.stopped;
  }

  /** Feeds one parsed SSE data object. Throws MalformedStreamError on a shape we cannot use. */
  push(raw: unknown): void {
    const parsed = StreamEventSchema.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      if (typeof type === 'string' && !['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'].includes(type)) return;
      throw new MalformedStreamError(`Unexpected stream event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const ev = parsed.data;
    switch (ev.type) {
      case 'message_start':
        this.model = ev.message.model ?? this.model;
        this.mergeUsage(ev.message.usage);
        break;
      case 'content_block_start':
        this.start(ev.index, ev.content_block);
        break;
      case 'content_block_delta':
        this.delta(ev.index, ev.delta);
        break;
      case 'content_block_stop': {
        const b = this.blocks.get(ev.index);
        if (b) b.done = true;
        break;
      }
      case 'message_delta':
        if (ev.delta.stop_reason) this.stopReason = ev.delta.stop_reason;
        this.mergeUsage(ev.usage);
        break;
      case 'message_stop':
        this.stopped = true;
        break;
    }
  }

  private start(index: number, block: { type: string } & Record<string, unknown>): void {
    switch (block.type) {
      case 'text':
        this.blocks.set(index, { type: 'text', text: str.catch('').parse(block.text), done: false });
        if (typeof block.text === 'string' && block.text) this.onText(block.text);
        break;
      case 'tool_use': {
        const id = str.safeParse(block.id);
        const name = str.safeParse(block.name);
        if (!id.success || !name.success) throw new MalformedStreamError('tool_use block without id or name');
        // Arguments arrive as partial_json deltas; a non-empty input here is a complete one.
        const input = block.input && typeof block.input === 'object' && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
        this.blocks.set(index, { type: 'tool_use', id: id.data, name: name.data, json: input, done: false });
        break;
      }
      case 'thinking':
        this.blocks.set(index, { type: 'thinking', thinking: str.catch('').parse(block.thinking), signature: str.catch('').parse(block.signature), done: false });
        this.onThinking();
        break;
      case 'redacted_thinking':
        this.blocks.set(index, { type: 'redacted_thinking', data: str.catch('').parse(block.data), done: false });
        this.onThinking();
        break;
      case 'server_tool_use': {
        // Anthropic's web search, run on its side: kept to be sent back, never run here.
        const id = str.safeParse(block.id);
        const name = str.safeParse(block.name);
        if (!id.success || !name.success) throw new MalformedStreamError('server_tool_use block without id or name');
        const input = block.input && typeof block.input === 'object' && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
        this.blocks.set(index, { type: 'server_tool_use', id: id.data, name: name.data, json: input, done: false });
        break;
      }
      case 'web_search_tool_result': {
        const parsed = WebSearchResultBlockSchema.safeParse(block);
        if (!parsed.success) throw new MalformedStreamError('web_search_tool_result block without tool_use_id');
        this.blocks.set(index, { type: 'web_search_tool_result', block: parsed.data, done: false });
        break;
      }
      default:
        break; // other server blocks: not used by this app
    }
  }

  private delta(index: number, delta: { type: string } & Record<string, unknown>): void {
    const b = this.blocks.get(index);
    if (!b) return;
    const text = typeof delta.text === 'string' ? delta.text : undefined;
    if (delta.type === 'text_delta' && b.type === 'text' && text !== undefined) {
      b.text += text;
      this.onText(text);
    } else if (delta.type === 'input_json_delta' && (b.type === 'tool_use' || b.type === 'server_tool_use') && typeof delta.partial_json === 'string') {
      b.json += delta.partial_json;
    } else if (delta.type === 'thinking_delta' && b.type === 'thinking' && typeof delta.thinking === 'string') {
      b.thinking += delta.thinking;
    } else if (delta.type === 'signature_delta' && b.type === 'thinking' && typeof delta.signature === 'string') {
      b.signature += delta.signature;
    }
  }

  private mergeUsage(u: z.infer<typeof UsageFields> | undefined): void {
    if (!u) return;
    // message_delta usage is cumulative: later figures replace earlier ones.
    this.usage = {
      input_tokens: u.input_tokens ?? this.usage.input_tokens,
      output_tokens: u.output_tokens ?? this.usage.output_tokens,
      cache_creation_input_tokens: u.cache_creation_input_tokens ?? this.usage.cache_creation_input_tokens,
      cache_read_input_tokens: u.cache_read_input_tokens ?? this.usage.cache_read_input_tokens,
      ...(u.server_tool_use?.web_search_requests ? { web_search_requests: u.server_tool_use.web_search_requests } : this.usage.web_search_requests ? { web_search_requests: this.usage.web_search_requests } : {}),
    };
  }

  /** The finished message; call only when `complete`. */
  result(fallbackModel: string): AssembledMessage {
    const stop = STOP_REASONS.find((r) => r === this.stopReason);
    if (!stop) throw new MalformedStreamError(`Unknown or missing stop reason: ${this.stopReason ?? 'none'}`);
    const content: AssistantBlock[] = [];
    let dropped = 0;
    let cutToolName: string | undefined;
    for (const index of [...this.blocks.keys()].sort((a, b) => a - b)) {
      const b = this.blocks.get(index) as Partial;
      if (b.type === 'text') {
        if (b.text.length > 0) content.push({ type: 'text', text: b.text });
      } else if (b.type === 'tool_use') {
        if (!b.done) {
          dropped += 1;
          cutToolName = b.name;
          continue;
        }
        // Arguments that are not a JSON object reach the tool as {} and fail its validation,
        // so the model is told and can retry, rather than the call vanishing.
        content.push({ type: 'tool_use', id: b.id, name: b.name, input: parseToolInput(b.json) ?? {} });
      } else if (b.type === 'thinking') {
        content.push({ type: 'thinking', thinking: b.thinking, signature: b.signature });
      } else if (b.type === 'redacted_thinking') {
        content.push({ type: 'redacted_thinking', data: b.data });
      } else if (b.type === 'server_tool_use') {
        // A search cut off by the output limit never ran: nothing to keep.
        if (b.done) content.push({ type: 'server_tool_use', id: b.id, name: b.name, input: parseToolInput(b.json) ?? {} });
      } else {
        content.push(b.block);
      }
    }
    return { model: this.model || fallbackModel, content, stopReason: stop, usage: this.usage, droppedToolUses: dropped, cutToolName };
  }
}

function parseToolInput(json: string): Record<string, unknown> | undefined {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
