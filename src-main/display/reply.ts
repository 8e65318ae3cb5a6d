// Claude's text for the phone: Markdown rendered with the code-block policy, secrets redacted
// (in the source, so code attachments are clean too, and again in the result), then packed
// into Signal messages.
import { renderCodeBlock, type CodePolicy } from './code.js';
import { renderMarkdown } from './markdown.js';
import { redactRendered, redactText } from './redact.js';
import { packForSignal } from './split.js';
import type { RenderedMessage, RenderedDoc } from './types.js';

export interface ReplyOptions {
  readonly code?: Partial<CodePolicy>;
  /**
   * Most messages for one reply. Default 1: DESIGN.md promises that Claude's final text for a
   * turn ends up in exactly one message, so a long reply is a preview plus a long-text
   * attachment (the phone shows "Read more"). Progress or command output may allow more.
   */
  readonly maxParts?: number;
  readonly maxBytes?: number;
  readonly now?: () => Date;
}

export interface RenderedReply {
  readonly doc: RenderedDoc;
  /** Secrets replaced before sending. */
  readonly redactions: number;
}

export function renderReplyDoc(markdown: string, options: ReplyOptions = {}): RenderedReply {
  const source = redactText(markdown);
  const doc = renderMarkdown(source.value, { codeBlock: (block) => renderCodeBlock(block, options.code) });
  const again = redactRendered(doc);
  return { doc: again.value, redactions: source.count + again.count };
}

export function renderReply(markdown: string, options: ReplyOptions = {}): RenderedMessage[] {
  const { doc } = renderReplyDoc(markdown, options);
  return packForSignal(doc, {
    maxParts: options.maxParts ?? 1,
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}
