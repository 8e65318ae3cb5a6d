// What a tool call waiting for approval would do, as the worker tells the main process: the
// file change of an Edit/Write (the file before and after, computed where the file is), the
// command and folder of a Bash call, the URL of a fetch. The phone and the app render it
// (display/approval-subject.ts); the main process never has to read the project's files.
import { z } from 'zod';

/** Files larger than this are not sent along; the request then shows its one-line summary. */
export const MAX_SUBJECT_FILE_BYTES = 1024 * 1024;

export const ApprovalSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change'), path: z.string(), before: z.string().nullable(), after: z.string() }),
  z.object({ kind: z.literal('command'), command: z.string(), cwd: z.string(), sandboxed: z.boolean() }),
  z.object({ kind: z.literal('url'), url: z.string() }),
]);
export type ApprovalSubject = z.infer<typeof ApprovalSubjectSchema>;

/** Claude's text in the assistant message before the tool call `toolUseId` (its reason). */
export function textBeforeCall(content: readonly { readonly type: string; readonly text?: string; readonly id?: string }[], toolUseId: string): string {
  const texts: string[] = [];
  for (const block of content) {
    if (block.type === 'tool_use' && block.id === toolUseId) break;
    if (block.type === 'tool_use') texts.length = 0;
    if (block.type === 'text' && block.text) texts.push(block.text);
  }
  // The last few hundred characters hold the sentence that leads into the call.
  return texts.join('\n\n').slice(-2000);
}
