// Message content blocks as they cross our boundaries (phone → main → worker, model → worker,
// worker → main for persistence). A subset of the Messages API block types: the ones this app
// sends or keeps. Parsed with zod wherever they arrive from outside.
import { z } from 'zod';

export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

export const TextBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
export type TextBlock = z.infer<typeof TextBlockSchema>;

export const ImageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.object({ type: z.literal('base64'), media_type: z.enum(IMAGE_MEDIA_TYPES), data: z.string().min(1) }),
});
export type ImageBlock = z.infer<typeof ImageBlockSchema>;

/** A PDF (base64) or a plain-text document attached by the owner. */
export const DocumentBlockSchema = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string().min(1) }),
    z.object({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
  ]),
  title: z.string().optional(),
});
export type DocumentBlock = z.infer<typeof DocumentBlockSchema>;

/** What the owner may put in a turn. */
export const UserBlockSchema = z.discriminatedUnion('type', [TextBlockSchema, ImageBlockSchema, DocumentBlockSchema]);
export type UserBlock = z.infer<typeof UserBlockSchema>;

export const ToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});
export type ToolUseBlock = z.infer<typeof ToolUseBlockSchema>;

export const ThinkingBlockSchema = z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
export const RedactedThinkingBlockSchema = z.object({ type: z.literal('redacted_thinking'), data: z.string() });

/**
 * Anthropic's web search (a server tool, /websearch): the search Claude made and what came back.
 * They ran on Anthropic's side; they are kept exactly as received and sent back unchanged (the
 * results carry encrypted content the API needs to continue).
 */
export const ServerToolUseBlockSchema = z.object({ type: z.literal('server_tool_use'), id: z.string().min(1), name: z.string().min(1), input: z.record(z.string(), z.unknown()) });
export const WebSearchResultBlockSchema = z.looseObject({ type: z.literal('web_search_tool_result'), tool_use_id: z.string().min(1), content: z.unknown() });
export type WebSearchResultBlock = z.infer<typeof WebSearchResultBlockSchema>;

/** What the model may put in an assistant message that we keep. */
export const AssistantBlockSchema = z.discriminatedUnion('type', [
  TextBlockSchema,
  ToolUseBlockSchema,
  ThinkingBlockSchema,
  RedactedThinkingBlockSchema,
  ServerToolUseBlockSchema,
  WebSearchResultBlockSchema,
]);
export type AssistantBlock = z.infer<typeof AssistantBlockSchema>;

/** A tool's output: plain text, or text and images (Read of a picture). */
export const ToolOutputSchema = z.union([z.string(), z.array(z.discriminatedUnion('type', [TextBlockSchema, ImageBlockSchema, DocumentBlockSchema]))]);
export type ToolOutput = z.infer<typeof ToolOutputSchema>;

/** Plain text of a tool output, for display and token estimates. */
export function toolOutputText(output: ToolOutput): string {
  if (typeof output === 'string') return output;
  return output.map((b) => (b.type === 'text' ? b.text : b.type === 'image' ? `[image ${b.source.media_type}]` : `[document ${b.source.media_type}]`)).join('\n');
}

/** Rough size in characters of blocks as the model sees them; images count as ~1,600 tokens. */
export function blockChars(block: { type: string } & Record<string, unknown>): number {
  switch (block.type) {
    case 'text':
      return String(block.text).length;
    case 'image':
      return 6400;
    case 'document': {
      const source = block.source as { data?: string } | undefined;
      return Math.ceil((source?.data?.length ?? 0) * 0.75);
    }
    default:
      return JSON.stringify(block).length;
  }
}
