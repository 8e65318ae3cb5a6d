// Handing stored inbox events to the chat layer: ready, unhandled rows in arrival order, parsed
// back through the event schema (a row that no longer parses is logged and set aside instead of
// blocking everything behind it).
import type { Logger } from '../../shared/logger.js';
import type { InboxRepo } from '../../store/inbox-repo.js';
import { StoredEventSchema, type InboundEvent } from './inbound-events.js';

export class InboxReader {
  constructor(
    private readonly inbox: InboxRepo,
    private readonly logger: Logger,
    /** Resolves when new ready events may exist (or `signal` aborts). */
    private readonly waitForMore: (signal?: AbortSignal) => Promise<void>,
  ) {}

  pending(limit = 100): InboundEvent[] {
    const out: InboundEvent[] = [];
    for (const row of this.inbox.ready(0, limit)) {
      const parsed = StoredEventSchema.safeParse(safeJson(row.eventJson));
      if (parsed.success) {
        out.push({ ...parsed.data, inboxId: row.id });
      } else {
        this.logger.error({ inboxId: row.id }, 'stored inbox event no longer parses; set aside');
        this.inbox.markHandled(row.id);
      }
    }
    return out;
  }

  /**
   * Yields each ready event once, oldest first, and waits for more until `signal` aborts. A row
   * can become ready after newer ones (attachments, a confirmed safety number), so every pass
   * looks at all unhandled rows and skips the ones already yielded.
   */
  async *events(signal?: AbortSignal): AsyncGenerator<InboundEvent> {
    let yielded = new Set<number>();
    while (!signal?.aborted) {
      const events = this.pending(500);
      let fresh = 0;
      for (const event of events) {
        if (yielded.has(event.inboxId)) continue;
        yielded.add(event.inboxId);
        fresh++;
        yield event;
      }
      // Forget ids handled meanwhile so the set stays small.
      const pending = new Set(events.map((e) => e.inboxId));
      yielded = new Set([...yielded].filter((id) => pending.has(id)));
      if (fresh === 0) await this.waitForMore(signal);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
