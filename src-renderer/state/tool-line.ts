// A tool call as one line, as the phone shows it ("🔧 Edit README.md +2 −0"), and the change an
// Edit or Write makes as a small patch for the expandable view. The input is the model's JSON,
// so it is parsed defensively: anything unexpected falls back to the tool's name.
import { z } from 'zod';

const Input = z.record(z.string(), z.unknown());

function parseInput(json: string): Record<string, unknown> {
  try {
    const parsed = Input.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const lineCount = (s: string): number => (s === '' ? 0 : s.replace(/\n$/, '').split('\n').length);

export interface ToolLine {
  readonly label: string;
  /** A unified diff of what the call changes (Edit/Write), for the expanded view. */
  readonly patch: string | undefined;
  readonly path: string | undefined;
}

function patchOf(removed: string, added: string): string {
  const rows = [
    ...(removed === '' ? [] : removed.replace(/\n$/, '').split('\n').map((l) => `-${l}`)),
    ...(added === '' ? [] : added.replace(/\n$/, '').split('\n').map((l) => `+${l}`)),
  ];
  return `@@ -1,${lineCount(removed)} +1,${lineCount(added)} @@\n${rows.join('\n')}\n`;
}

export function toolLine(tool: string, inputJson: string): ToolLine {
  const input = parseInput(inputJson);
  const path = str(input['file_path']);
  if (tool === 'Edit' && path !== undefined) {
    const before = str(input['old_string']) ?? '';
    const after = str(input['new_string']) ?? '';
    return { label: `🔧 Edit ${path} +${lineCount(after)} −${lineCount(before)}`, patch: patchOf(before, after), path };
  }
  if (tool === 'Write' && path !== undefined) {
    const content = str(input['content']) ?? '';
    return { label: `🔧 Write ${path} +${lineCount(content)}`, patch: patchOf('', content), path };
  }
  const subject = str(input['command'])?.split('\n')[0] ?? path ?? str(input['pattern']) ?? str(input['url']) ?? str(input['path']);
  return { label: `🔧 ${tool}${subject ? ` ${subject}` : ''}`, patch: undefined, path };
}
